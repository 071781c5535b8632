// A/B of two builds on one benchmark database: server CPU time per request (utime+stime from
// /proc around each autocannon run), the runs alternating so the machine's load hits both alike.
// AB_BASE is the other checkout's folder with its build/ (build/serve.js) and node_modules; "this" is
// the current folder (built if stale). Env: BENCH_PAGES (login), BENCH_SECONDS (4), AB_ROUNDS (3),
// BENCH_CONNECTIONS (10), BENCH_SCALE (1), BENCH_PORT (base; this on +1).
// Usage: DATABASE_URL=… AB_BASE=/tmp/main-copy BENCH_PAGES=login,start npx tsx scripts/bench/ab-cpu.ts
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { ensureBuild } from "../lib/build";
import { SERVER_ENTRY, SERVER_NODE_FLAGS } from "../lib/server-entry";
import { dropDatabase, prepareDatabase } from "./lib/bench-database";
import { appServerEnv, waitFor } from "./lib/app-server";
import { fetchText, hammer } from "./lib/load";
import { benchPages, signIn } from "./lib/page-list";
import { onStop, ownGroup, stopProcessGroup } from "./lib/process-group";

const port = Number(process.env.BENCH_PORT ?? 3307);
const seconds = Number(process.env.BENCH_SECONDS ?? 4);
const rounds = Number(process.env.AB_ROUNDS ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const keys = (process.env.BENCH_PAGES ?? "login").split(",");
const otherRoot = process.env.AB_BASE!;
const benchDb = { serverUrl: process.env.DATABASE_URL, dbName: `pp_bench_ab_${port}`, root: path.resolve(".cache", `bench-ab-${port}`), scale: Number(process.env.BENCH_SCALE ?? 1) };
const ticks = 100; // USER_HZ

function cpuMs(pid: number) {
  const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(f[11]) + Number(f[12])) * 1000) / ticks;
}

await ensureBuild();
onStop(() => dropDatabase(benchDb));
const facts = await prepareDatabase(benchDb);
const servers = [
  { name: "base", cwd: otherRoot, port: port },
  { name: "this", cwd: process.cwd(), port: port + 1 },
].map((s) => {
  const env = appServerEnv({ port: s.port, secret: "bench-ab-secret-not-for-production-000000000", root: benchDb.root, facts });
  const child = ownGroup(spawn(process.execPath, [...SERVER_NODE_FLAGS, SERVER_ENTRY], { cwd: s.cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"], detached: true }));
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  return { ...s, child, out: () => out, base: `http://localhost:${s.port}` };
});
try {
  for (const s of servers) await waitFor(`${s.base}/login`, { child: s.child, output: s.out });
  const pagesBy = new Map<string, ReturnType<typeof benchPages>>();
  for (const s of servers) pagesBy.set(s.name, benchPages(s.base, s.base, facts, await signIn(s.base, facts)));
  for (const key of keys) {
    for (let r = 0; r < rounds; r++) {
      for (const s of r % 2 ? [...servers].reverse() : servers) {
        const page = pagesBy.get(s.name)!.find((p) => p.key === key)!;
        for (let i = 0; i < 20; i++) await fetchText(page.app);
        const before = cpuMs(s.child.pid!);
        const run = await hammer(page.app, connections, seconds);
        const used = cpuMs(s.child.pid!) - before;
        console.log(`${key} ${s.name}: ${(used / run.requests).toFixed(3)} ms CPU/req · ${run.reqPerSec.toFixed(0)} req/s p95 ${run.p95.toFixed(0)} ms · errors ${run.errors} · load ${os.loadavg()[0]!.toFixed(1)}`);
      }
    }
  }
} finally {
  for (const s of servers) await stopProcessGroup(s.child);
  await dropDatabase(benchDb);
}
