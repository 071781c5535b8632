// CPU profile of the production server under load on one page (issue 19): the ×BENCH_SCALE
// benchmark database (bench-database.ts), node --cpu-prof on build/serve.js, autocannon on
// each page in BENCH_PAGES for BENCH_SECONDS, then the self time summed by function and by
// package/file. One server per page, so each profile holds that page only.
// Usage: DATABASE_URL=postgres://… BENCH_PAGES=grant npx tsx scripts/bench/profile-page.ts
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureBuild } from "../lib/build";
import { SERVER_ENTRY, SERVER_NODE_FLAGS } from "../lib/server-entry";
import { dropDatabase, prepareDatabase } from "./lib/bench-database";
import { appServerEnv, waitFor } from "./lib/app-server";
import { fetchText, hammer } from "./lib/load";
import { benchPages, signIn } from "./lib/page-list";
import { onStop, ownGroup, stopProcessGroup } from "./lib/process-group";
import { spawn } from "node:child_process";

const port = Number(process.env.BENCH_PORT ?? 3307);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const keys = (process.env.BENCH_PAGES ?? "grant").split(",");
const base = `http://localhost:${port}`;
const benchDb = { serverUrl: process.env.DATABASE_URL, dbName: `pp_bench_profile_${port}`, root: path.resolve(".cache", `bench-profile-${port}`), scale: Number(process.env.BENCH_SCALE ?? 10) };
const outRoot = path.resolve(".cache", "profiles");

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

function where(url: string) {
  if (!url) return "(native)";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + 13).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith("node:")) return url;
  return url.replace(/^file:\/\/.*?\/(build\/)/, "$1");
}

export function summarize(file: string, top = 25) {
  const p = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const fn = new Map<string, number>();
  const file_ = new Map<string, number>();
  for (const [id, t] of self) {
    const n = byId.get(id)!;
    const f = n.callFrame;
    const k = `${f.functionName || "(anon)"} ${where(f.url)}:${f.lineNumber + 1}`;
    fn.set(k, (fn.get(k) ?? 0) + t);
    file_.set(where(f.url), (file_.get(where(f.url)) ?? 0) + t);
  }
  const show = (m: Map<string, number>, title: string) => {
    console.log(`\n${title}`);
    for (const [k, t] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${((100 * t) / total).toFixed(1).padStart(5)}%  ${k}`);
  };
  console.log(`\n${file}: ${(total / 1e6).toFixed(1)} s sampled`);
  show(file_, "self time by package/file");
  show(fn, "self time by function");
}

if (process.argv[2]) {
  summarize(process.argv[2], Number(process.argv[3] ?? 25));
  process.exit(0);
}

await ensureBuild();
onStop(() => dropDatabase(benchDb));
const facts = await prepareDatabase(benchDb);
try {
  for (const key of keys) {
    const dir = path.join(outRoot, `${key}-${Date.now()}`);
    mkdirSync(dir, { recursive: true });
    const env = appServerEnv({ port, secret: "bench-profile-secret-not-for-production-0000", root: benchDb.root, facts });
    const child = ownGroup(spawn(process.execPath, [...SERVER_NODE_FLAGS, "--cpu-prof", `--cpu-prof-dir=${dir}`, SERVER_ENTRY], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"], detached: true }));
    let out = "";
    child.stdout!.on("data", (d) => (out += d));
    child.stderr!.on("data", (d) => (out += d));
    try {
      await waitFor(`${base}/login`, { child, output: () => out });
      const page = benchPages(base, base, facts, await signIn(base, facts)).find((p) => p.key === key);
      if (!page) throw new Error(`no page ${key}`);
      for (let i = 0; i < 20; i++) await fetchText(page.app);
      const r = await hammer(page.app, connections, seconds);
      console.log(`${key}: ${r.reqPerSec.toFixed(1)} req/s p50 ${r.p50.toFixed(0)} p95 ${r.p95.toFixed(0)} errors ${r.errors} · load ${os.loadavg().map((l) => l.toFixed(1)).join("/")}`);
    } finally {
      await stopProcessGroup(child);
    }
    const prof = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
    if (prof) summarize(path.join(dir, prof));
    else console.log(`no profile written:\n${out}`);
  }
} finally {
  await dropDatabase(benchDb);
}
