// Issue 17 benchmark: the programme timeline (/programmes/timeline, chart and table) as
// ministry staff and as an advisor, p50/p95 of the response time over sequential requests on
// localhost, with the demo's nine programmes and with 98 programmes × 12 milestones (scaled
// data in its own database: pp_timeline_bench_<port> on the server, or a PGlite folder).
// Each server runs in its own process group, stopped and waited for; the databases are dropped.
// Usage: npx tsx scripts/bench/timeline.ts   (DATABASE_URL set → the real server)
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { DEMO_DOMAIN, DEMO_PASSWORD } from "../../db/seed/demo-content";
import { ensureBuild } from "../lib/build";
import { fmt, latency, loginCookie } from "./lib/measure";
import { ownGroup, stopProcessGroup } from "./lib/process-group";

const port = Number(process.env.BENCH_PORT ?? 3223);
const base = `http://localhost:${port}`;
const N = Number(process.env.BENCH_N ?? 100);

async function cleanup(name: string) {
  rmSync(path.resolve(".cache", name), { recursive: true, force: true });
  if (!process.env.DATABASE_URL) return;
  const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS pp_${name}_${port} WITH (FORCE)`);
  await admin.end();
}

async function measure(scaled: boolean) {
  const name = scaled ? "timeline_bench" : "timeline_bench_demo";
  const child = ownGroup(spawn(process.execPath, ["--import", "tsx", "scripts/bench/lib/timeline-server.ts"], {
    env: { ...process.env, BENCH_PORT: String(port), BENCH_SCALE: scaled ? "1" : "0", BENCH_NAME: name },
    stdio: ["ignore", "pipe", "inherit"],
    detached: true,
  }));
  try {
    const facts = await new Promise<{ programmes: number; milestones: number }>((resolve, reject) => {
      let buf = "";
      child.stdout!.on("data", (d: Buffer) => {
        buf += d.toString();
        const m = /READY (.*)\n/.exec(buf);
        if (m) resolve(JSON.parse(m[1]!));
      });
      child.on("exit", (code) => reject(new Error(`bench server exited with ${code}`)));
    });
    const ministry = await loginCookie(base, `sagsbehandler@${DEMO_DOMAIN}`, DEMO_PASSWORD);
    const advisor = await loginCookie(base, `raadgiver.sbst1@${DEMO_DOMAIN}`, DEMO_PASSWORD);
    const label = `${facts.programmes} forløb, ${facts.milestones} milepæle`;
    const rows: string[] = [];
    for (const [who, cookie, query] of [
      ["sagsbehandler", ministry, ""],
      ["sagsbehandler, filter tema", ministry, "?theme=inddragelse"],
      ["rådgiver (egne forløb)", advisor, ""],
    ] as const) {
      const l = await latency(`${base}/programmes/timeline${query}`, cookie, N, 10);
      rows.push(`| ${label} | ${who} | ${fmt(l.p50)} | ${fmt(l.p95)} | ${l.errors} |`);
    }
    return rows;
  } finally {
    await stopProcessGroup(child);
    await cleanup(name);
  }
}

await ensureBuild();
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(" / ");
const before = load();
const rows = [...(await measure(false)), ...(await measure(true))];
console.log(`\nTidslinje (/programmes/timeline), ${process.env.DATABASE_URL ? "PostgreSQL (postgres.js)" : "PGlite"} · ${new Date().toISOString()} · ${N} sekventielle kald pr. linje`);
console.log(`belastning (1/5/15 min) før: ${before}, efter: ${load()}, ${os.cpus().length} kerner`);
console.log("| data | bruger | p50 | p95 | fejl |");
console.log("| --- | --- | --- | --- | --- |");
for (const r of rows) console.log(r);
