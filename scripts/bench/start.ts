// Cold start of `npm start` until the first 200 on /login, on PGlite (issue 19's target:
// seeded ≤ 5 s): one run on an empty database (migrate + demo seed, a one-time cost) and
// BENCH_START_RUNS (3) on the seeded one. The build is made once beforehand and not timed;
// a run that rebuilt anyway says so. Each run also prints what npm start reports itself
// ("Klar efter …": inside node, after npm's and tsx's own start-up) and the seed's time, so
// the wrappers' share is visible. PGlite whatever DATABASE_URL says: the target is about the
// zero-configuration start (BENCH_START_DATABASE=server uses fresh server databases instead).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { ensureBuild } from "../lib/build";
import { ownGroup, stopProcessGroup } from "./lib/process-group";

const RUNS = Number(process.env.BENCH_START_RUNS ?? 3);
const TARGET_S = 5;
const TIMEOUT_MS = 120_000;
const serverUrl = process.env.BENCH_START_DATABASE === "server" ? process.env.DATABASE_URL : undefined;

type Target = { env: Record<string, string>; cleanup: () => Promise<void> };

async function freePort() {
  return new Promise<number>((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** A fresh, empty place for the data: a temp folder (PGlite) or a new database. */
async function emptyTarget(n: number): Promise<Target> {
  const root = mkdtempSync(path.join(os.tmpdir(), "pp-bench-start-"));
  const env: Record<string, string> = { DATA_DIR: path.join(root, "pglite"), UPLOAD_DIR: path.join(root, "uploads") };
  if (!serverUrl) return { env, cleanup: async () => rmSync(root, { recursive: true, force: true }) };
  const name = `pp_bench_start_${process.pid}_${n}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  env.DATABASE_URL = u.toString();
  return {
    env,
    cleanup: async () => {
      const a = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

async function timeStart(target: Target) {
  const port = await freePort();
  // Demo mode, the way a new user runs it: no NODE_ENV, no secret, no origin.
  const { NODE_ENV: _n, SESSION_SECRET: _s, APP_ORIGIN: _o, DATABASE_URL: _d, ...inherited } = process.env;
  const env = { ...inherited, ...target.env, PORT: String(port), HOST: "127.0.0.1", JOBS: "0" };
  const started = performance.now();
  const child = ownGroup(spawn("npm", ["start"], {
    // @remix-run/node declares NODE_ENV required; leaving it out is the point here.
    env: env as unknown as NodeJS.ProcessEnv,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  }));
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  let exited = false;
  child.on("exit", () => (exited = true));
  try {
    while (performance.now() - started < TIMEOUT_MS) {
      if (exited) throw new Error(`npm start stoppede før den svarede:\n${output}`);
      const ok = await fetch(`http://127.0.0.1:${port}/login`)
        .then(async (r) => (await r.arrayBuffer(), r.status === 200))
        .catch(() => false);
      if (ok) {
        const seconds = (performance.now() - started) / 1000;
        if (output.includes("Bygger appen")) console.warn("  (bemærk: npm start byggede appen i denne kørsel)");
        const ready = /Klar efter ([\d.]+) s/.exec(output)?.[1];
        const seed = /Demodata oprettet: .*\(([\d.]+) s\)/.exec(output)?.[1];
        return { seconds, ready: ready ? Number(ready) : NaN, seed: seed ? Number(seed) : NaN };
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`Ingen 200 på /login efter ${TIMEOUT_MS / 1000} s:\n${output}`);
  } finally {
    await stopProcessGroup(child);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const s = (x: number) => `${x.toFixed(2)} s`;

await ensureBuild();
// Other work on the machine changes these figures a lot: print the load beside them.
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(" / ");
console.log(`npm start til første 200 på /login (${serverUrl ? "PostgreSQL-server" : "PGlite"}: 1 kørsel på tom database, ${RUNS} på seedet)`);
console.log(`  belastning (1/5/15 min) før: ${load()}, ${os.cpus().length} kerner`);
const empty: number[] = [];
const seeded: number[] = [];
const inside = (r: { ready: number; seed: number }) =>
  `(npm start selv: klar efter ${Number.isFinite(r.ready) ? s(r.ready) : "?"}${Number.isFinite(r.seed) ? `, heraf demodata ${s(r.seed)}` : ""})`;
// One empty run: seeding happens once per installation; the seeded start is the target.
const seededTarget = await emptyTarget(0);
try {
  const first = await timeStart(seededTarget);
  empty.push(first.seconds);
  console.log(`  tom database: ${s(first.seconds)} ${inside(first)}`);
  for (let i = 0; i < RUNS; i++) {
    const r = await timeStart(seededTarget);
    seeded.push(r.seconds);
    console.log(`  seedet database, kørsel ${i + 1}: ${s(r.seconds)} ${inside(r)}`);
  }
} finally {
  await seededTarget.cleanup();
}

const rows = [
  ["scenarie", "min", "median"],
  ["tom database (migrering + demodata)", s(Math.min(...empty)), s(median(empty))],
  ["seedet database", s(Math.min(...seeded)), s(median(seeded))],
];
const w = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
console.log("");
for (const r of rows) console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(w[c]) : cell.padStart(w[c]))).join("  "));
console.log(`\nbelastning (1/5/15 min) efter: ${load()}`);
const met = median(seeded) <= TARGET_S;
console.log(`\nMål: seedet start ≤ ${TARGET_S} s (median): ${met ? "opfyldt" : "IKKE opfyldt"}`);
