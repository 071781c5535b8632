// npm run bench: every benchmark script in turn (node directly, each in its own process
// group, stopped and waited for if it outlives its budget), each printing its own figures;
// then docs/benchmarks.md with the machine, the date, every figure, the ratios and the issue
// 19 targets (met or missed, why, and the next step). Exits when done and leaves no process
// behind: every script stops its own servers the same way (scripts/bench/lib/process-group.ts).
// The whole run fits in 10 minutes on 2 cores (decision 030): each step has a budget (its idle
// time with room to spare) and never more than what is left of BENCH_TOTAL_MINUTES (9.5), so a
// loaded machine gets a report with the last steps marked as stopped, never a 28-minute run.
// The order is the order of importance: issue 19's targets first (the ×100 list, the most
// expensive, last of them), then the diagnostics and the other issues' figures.
// Usage: DATABASE_URL=postgres://… npm run bench
// (BENCH_ONLY=pages,start to run a subset by step name; BENCH_PORT_BASE moves every port;
// page-weight.ts needs /usr/bin/chromium)
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { ensureBuild } from "../lib/build";
import { ownGroup, stopProcessGroup } from "./lib/process-group";
import type { PageWeightJson } from "./lib/page-weight-report";
import { renderBenchmarksDoc, type PagesJson, type ScriptRun } from "./lib/report";

const TOTAL_MS = Number(process.env.BENCH_TOTAL_MINUTES ?? 9.5) * 60_000;
const dir = path.resolve(".cache", "bench");
type Step = { name: string; script: string; budgetSeconds: number; env?: Record<string, string>; json?: string };
// Each server its own port from BENCH_PORT_BASE (3307) up to +7: pages.ts and two-processes.ts
// take the next one too; start.ts asks the OS for free ones.
const portBase = Number(process.env.BENCH_PORT_BASE ?? 3307);
const port = (offset: number) => String(portBase + offset);
const all: Step[] = [
  { name: "start", script: "scripts/bench/start.ts", budgetSeconds: 100 },
  // 3 s windows: at 10 connections a page answers 100+ times, enough for a stable p95.
  { name: "pages", script: "scripts/bench/pages.ts", budgetSeconds: 200, env: { BENCH_PORT: port(0), BENCH_SECONDS: "3" }, json: path.join(dir, "pages.json") },
  { name: "two-processes", script: "scripts/bench/two-processes.ts", budgetSeconds: 90, env: { BENCH_PORT: port(6), BENCH_SECONDS: "5" } },
  { name: "page-weight", script: "scripts/bench/page-weight.ts", budgetSeconds: 170, env: { BENCH_PORT: port(5) }, json: path.join(dir, "page-weight.json") },
  // Only the list, only at 10 connections, 5 s (one answer can take seconds at ×100): the
  // seeding (≈ 1 M audit rows, 1½–2 min on 2 cores) is the cost, and the budget is its fit.
  { name: "list-x100", script: "scripts/bench/pages.ts", budgetSeconds: 180, env: { BENCH_PORT: port(2), BENCH_SCALE: "100", BENCH_PAGES: "list", BENCH_CONNECTIONS: "10", BENCH_SECONDS: "5" }, json: path.join(dir, "pages-x100.json") },
  { name: "allocate", script: "scripts/bench/allocate.ts", budgetSeconds: 60 },
  { name: "status-pack", script: "scripts/bench/status-pack.ts", budgetSeconds: 45, env: { BENCH_N: "10" } },
  // The SQL plans of the pages (statements, seq scans on large tables): the why behind pages.ts.
  ...(existsSync("scripts/bench/explain.ts") && process.env.DATABASE_URL ? [{ name: "explain", script: "scripts/bench/explain.ts", budgetSeconds: 90 }] : []),
];
const only = process.env.BENCH_ONLY?.split(",");
const steps = only ? all.filter((s) => only.includes(s.name)) : all;
mkdirSync(dir, { recursive: true });
for (const s of all) if (s.json) rmSync(s.json, { force: true }); // never report an older run's figures

const started = performance.now();
const loadBefore = os.loadavg();
await ensureBuild();
const runs: ScriptRun[] = [];
for (const step of steps) {
  const left = TOTAL_MS - (performance.now() - started);
  if (left < 15_000) {
    runs.push({ script: step.script, name: step.name, output: `(ikke kørt: de ${TOTAL_MS / 60_000} min var brugt)`, code: null, seconds: 0, budgetSeconds: 0, stopped: true });
    process.exitCode = 1;
    continue;
  }
  const limitMs = Math.min(step.budgetSeconds * 1000, left);
  console.log(`\n== ${step.name}: ${step.script} (højst ${Math.round(limitMs / 1000)} s)`);
  const t = performance.now();
  const child = ownGroup(spawn(process.execPath, ["--import", "tsx", step.script], {
    env: { ...process.env, BENCH_JSON: step.json ?? "", ...step.env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  }));
  let output = "";
  let stopped = false;
  child.stdout!.on("data", (d: Buffer) => (process.stdout.write(d), (output += d)));
  child.stderr!.on("data", (d: Buffer) => (process.stderr.write(d), (output += d)));
  const timer = setTimeout(() => {
    stopped = true;
    output += `\n(stoppet efter ${Math.round(limitMs / 1000)} s: trinnets tidsbudget)\n`;
    void stopProcessGroup(child);
  }, limitMs);
  const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
  clearTimeout(timer);
  await stopProcessGroup(child); // anything the script left in its group
  runs.push({ script: step.script, name: step.name, output, code, seconds: (performance.now() - t) / 1000, budgetSeconds: Math.round(limitMs / 1000), stopped });
  if (code !== 0) process.exitCode = 1;
}

const readJson = <T>(name: string): T | null => {
  const step = steps.find((s) => s.name === name);
  try {
    return step?.json ? (JSON.parse(readFileSync(step.json, "utf8")) as T) : null;
  } catch {
    return null;
  }
};
const pages = readJson<PagesJson>("pages");
const pagesX100 = readJson<PagesJson>("list-x100");
const pageWeight = readJson<PageWeightJson>("page-weight");
let database = "PGlite";
if (process.env.DATABASE_URL) {
  const c = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
  const [v] = await c`SELECT version()`;
  database = String(v!.version).split(",")[0]!;
  await c.end();
}
const doc = renderBenchmarksDoc({
  at: new Date(),
  machine: {
    cpu: os.cpus()[0]?.model ?? "?",
    cores: os.cpus().length,
    memoryGb: os.totalmem() / 1024 ** 3,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    database,
  },
  loadBefore,
  loadAfter: os.loadavg(),
  totalSeconds: (performance.now() - started) / 1000,
  runs,
  pages,
  pagesX100,
  pageWeight,
});
const target = process.env.BENCH_DOC ?? "docs/benchmarks.md";
writeFileSync(target, doc);
console.log(`\nnpm run bench: ${((performance.now() - started) / 60_000).toFixed(1)} min i alt; skrev ${target}.`);
process.exit(process.exitCode ?? 0);
