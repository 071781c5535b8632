// The frame the page benchmarks share: a bench server (scripts/bench/lib/*-server.ts) started
// as node itself in its own process group (not an npx wrapper, so stopping the group stops the
// server), its "READY <json>" facts, and afterwards its data removed: the PGlite folder under
// .cache/ or the database pp_<name>_<port> on the real server.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { ownGroup, stopProcessGroup } from "./process-group";

async function dropBenchData(name: string, port: number) {
  rmSync(path.resolve(".cache", name), { recursive: true, force: true });
  if (!process.env.DATABASE_URL) return;
  const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS pp_${name}_${port} WITH (FORCE)`);
  await admin.end();
}

/** Starts `script` with `env`, hands its READY facts to `measure`, then stops it and drops its data. */
export async function withBenchServer<Facts, T>(
  opts: { script: string; port: number; name: string; env?: Record<string, string> },
  measure: (facts: Facts) => Promise<T>,
): Promise<T> {
  const child = ownGroup(
    spawn(process.execPath, ["--import", "tsx", opts.script], {
      env: { ...process.env, ...opts.env, BENCH_PORT: String(opts.port), BENCH_NAME: opts.name },
      stdio: ["ignore", "pipe", "inherit"],
      detached: true,
    }),
  );
  try {
    const facts = await new Promise<Facts>((resolve, reject) => {
      let buf = "";
      child.stdout!.on("data", (d: Buffer) => {
        buf += d.toString();
        const m = /READY (.*)\n/.exec(buf);
        if (m) resolve(JSON.parse(m[1]!) as Facts);
      });
      child.on("exit", (code) => reject(new Error(`bench server exited with ${code}`)));
    });
    return await measure(facts);
  } finally {
    await stopProcessGroup(child);
    await dropBenchData(opts.name, opts.port);
  }
}

const load = () => os.loadavg().map((l) => l.toFixed(1)).join(" / ");

/** Runs `rowsOf` and prints its markdown rows under a title line that says the database and the machine's load. */
export async function printLatencyTable(title: string, columns: string[], rowsOf: () => Promise<string[]>, n: number) {
  const before = load();
  const rows = await rowsOf();
  console.log(`\n${title}, ${process.env.DATABASE_URL ? "PostgreSQL (postgres.js)" : "PGlite"} · ${new Date().toISOString()} · ${n} sekventielle kald pr. linje`);
  console.log(`belastning (1/5/15 min) før: ${before}, efter: ${load()}, ${os.cpus().length} kerner`);
  console.log(`| ${columns.join(" | ")} |`);
  console.log(`| ${columns.map(() => "---").join(" | ")} |`);
  for (const r of rows) console.log(r);
}
