// npm run bench: every benchmark script in turn (node directly, each in its own process
// group, stopped and waited for if it outlives its welcome), each printing its own figures;
// then docs/benchmarks.md with the machine, the date, every figure, the ratios and the issue
// 19 targets (met or missed, why, and the next step). Exits when done and leaves no process
// behind: every script stops its own servers the same way (scripts/bench/lib/process-group.ts).
// Sequential samples per row in applications.ts and timeline.ts: BENCH_N (60 here, to stay
// under 10 minutes on 2 cores). Usage: DATABASE_URL=postgres://… npm run bench
// (BENCH_ONLY=pages,start to run a subset; page-weight.ts needs /usr/bin/chromium)
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { ensureBuild } from "../lib/build";
import { ownGroup, stopProcessGroup } from "./lib/process-group";
import type { PageWeightJson } from "./lib/page-weight-report";
import { renderBenchmarksDoc, type PagesJson, type ScriptRun } from "./lib/report";

const SCRIPT_TIMEOUT_MS = Number(process.env.BENCH_SCRIPT_MINUTES ?? 6) * 60_000;
// Each server its own port (pages.ts takes the next one too for the bare baseline).
const PORTS: Record<string, number> = { "scripts/bench/page-weight.ts": 3312, "scripts/bench/applications.ts": 3309, "scripts/bench/timeline.ts": 3310, "scripts/bench/pages.ts": 3307, "scripts/bench/dashboard.ts": 3311 };
const all = ["scripts/bench/start.ts", "scripts/bench/applications.ts", "scripts/bench/allocate.ts", "scripts/bench/timeline.ts", "scripts/bench/status-pack.ts", "scripts/bench/dashboard.ts", "scripts/bench/page-weight.ts", "scripts/bench/pages.ts"];
const only = process.env.BENCH_ONLY?.split(",");
const scripts = only ? all.filter((s) => only.some((o) => s.endsWith(`/${o}.ts`))) : all;
const pagesJson = path.resolve(".cache", "bench", "pages.json");
const pageWeightJson = path.resolve(".cache", "bench", "page-weight.json");
mkdirSync(path.dirname(pagesJson), { recursive: true });
rmSync(pagesJson, { force: true }); // never report an older run's figures
rmSync(pageWeightJson, { force: true });

const started = performance.now();
const loadBefore = os.loadavg();
await ensureBuild();
const runs: ScriptRun[] = [];
for (const script of scripts) {
  console.log(`\n== ${script}`);
  const t = performance.now();
  const child = ownGroup(spawn(process.execPath, ["--import", "tsx", script], {
    env: { ...process.env, BENCH_JSON: script.endsWith("/pages.ts") ? pagesJson : script.endsWith("/page-weight.ts") ? pageWeightJson : "", BENCH_N: process.env.BENCH_N ?? "60", ...(PORTS[script] ? { BENCH_PORT: String(PORTS[script]) } : {}) },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  }));
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (process.stdout.write(d), (output += d)));
  child.stderr!.on("data", (d: Buffer) => (process.stderr.write(d), (output += d)));
  const timer = setTimeout(() => {
    output += `\n(stoppet efter ${SCRIPT_TIMEOUT_MS / 60_000} min)\n`;
    void stopProcessGroup(child);
  }, SCRIPT_TIMEOUT_MS);
  const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
  clearTimeout(timer);
  await stopProcessGroup(child); // anything the script left in its group
  runs.push({ script, output, code, seconds: (performance.now() - t) / 1000 });
  if (code !== 0) process.exitCode = 1;
}

let pages: PagesJson | null = null;
try {
  if (scripts.some((s) => s.endsWith("/pages.ts"))) pages = JSON.parse(readFileSync(pagesJson, "utf8")) as PagesJson;
} catch {
  pages = null;
}
let pageWeight: PageWeightJson | null = null;
try {
  if (scripts.some((s) => s.endsWith("/page-weight.ts"))) pageWeight = JSON.parse(readFileSync(pageWeightJson, "utf8")) as PageWeightJson;
} catch {
  pageWeight = null;
}
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
  pageWeight,
});
const target = process.env.BENCH_DOC ?? "docs/benchmarks.md";
writeFileSync(target, doc);
console.log(`\nnpm run bench: ${((performance.now() - started) / 60_000).toFixed(1)} min i alt; skrev ${target}.`);
process.exit(process.exitCode ?? 0);
