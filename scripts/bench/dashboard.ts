// Issue 18 benchmark: the ministry dashboard (/dashboard: figures from the ledger, charts and
// tables) and one of its exports, p50/p95 of the response time over sequential requests on
// localhost (the server's time plus a local round trip), with the demo data and with the demo's
// pool-bound data ×10 (db/seed/scale.ts) in its own database (pp_dashboard_bench*_<port> on
// the server, or a PGlite folder). Each server runs in its own process group, stopped and
// waited for; the databases are dropped. Not part of npm test.
// Usage: npx tsx scripts/bench/dashboard.ts   (DATABASE_URL set → the real server)
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { DEMO_DOMAIN, DEMO_PASSWORD } from "../../db/seed/demo-content";
import { ensureBuild } from "../lib/build";
import { fmt, latency, loginCookie } from "./lib/measure";
import { stopProcessGroup } from "./lib/process-group";

const port = Number(process.env.BENCH_PORT ?? 3224);
const base = `http://localhost:${port}`;
const N = Number(process.env.BENCH_N ?? 100);
const SCALE = Number(process.env.BENCH_SCALE ?? 10);

async function cleanup(name: string) {
  rmSync(path.resolve(".cache", name), { recursive: true, force: true });
  if (!process.env.DATABASE_URL) return;
  const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS pp_${name}_${port} WITH (FORCE)`);
  await admin.end();
}

async function measure(scale: number) {
  const name = scale > 1 ? "dashboard_bench" : "dashboard_bench_demo";
  const child = spawn("npx", ["tsx", "scripts/bench/lib/dashboard-server.ts"], {
    env: { ...process.env, BENCH_PORT: String(port), BENCH_SCALE: String(scale), BENCH_NAME: name },
    stdio: ["ignore", "pipe", "inherit"],
    detached: true,
  });
  try {
    const facts = await new Promise<{ poolId: number; pools: number; grants: number; ledger: number; milestones: number }>((resolve, reject) => {
      let buf = "";
      child.stdout!.on("data", (d: Buffer) => {
        buf += d.toString();
        const m = /READY (.*)\n/.exec(buf);
        if (m) resolve(JSON.parse(m[1]!));
      });
      child.on("exit", (code) => reject(new Error(`bench server exited with ${code}`)));
    });
    const cookie = await loginCookie(base, `sagsbehandler@${DEMO_DOMAIN}`, DEMO_PASSWORD);
    const label = `×${scale}: ${facts.pools} puljer, ${facts.grants} tilsagn, ${facts.ledger} posteringer, ${facts.milestones} milepæle`;
    const rows: string[] = [];
    for (const [what, url] of [
      ["/dashboard (side)", `${base}/dashboard?pool=${facts.poolId}`],
      ["kommuner som CSV", `${base}/dashboard/export?pool=${facts.poolId}&table=kommuner&format=csv`],
      ["puljen som XLSX", `${base}/dashboard/export?pool=${facts.poolId}&table=pulje&format=xlsx`],
    ] as const) {
      const l = await latency(url, cookie, N, 10);
      rows.push(`| ${label} | ${what} | ${fmt(l.p50)} | ${fmt(l.p95)} | ${l.errors} |`);
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
const rows = [...(await measure(1)), ...(await measure(SCALE))];
console.log(`\nOverblik (/dashboard), ${process.env.DATABASE_URL ? "PostgreSQL (postgres.js)" : "PGlite"} · ${new Date().toISOString()} · ${N} sekventielle kald pr. linje`);
console.log(`belastning (1/5/15 min) før: ${before}, efter: ${load()}, ${os.cpus().length} kerner`);
console.log("| data | kald | p50 | p95 | fejl |");
console.log("| --- | --- | --- | --- | --- |");
for (const r of rows) console.log(r);
