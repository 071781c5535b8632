// Issue 19 page benchmarks: the production build on the real PostgreSQL server with the demo
// data ×BENCH_SCALE (default 10, db/seed/scale.ts), signed in as the right role, loaded with
// autocannon at 10 and 50 connections: the application list (25 and pageSize=100 rows), the
// allocation board, a grant's ledger, the programme timeline, the ministry dashboard (when
// the app has one), a municipality's start page, the application form, /login GET and the
// sign-in POST. Each row: req/s, p50/p95/p99, errors, and the ratio to a bare baseline
// measured in the same run, alternating (scripts/bench/lib/bare-server.ts). Then the RSS of
// both servers after the load. Both servers run in their own process group (node directly,
// detached) and are stopped and waited for; the database is dropped.
// Without DATABASE_URL it runs on PGlite and skips the baseline (postgres.js needs a server).
// Env: BENCH_SCALE, BENCH_SECONDS (5), BENCH_CONNECTIONS ("10,50"), BENCH_PAGES (keys, e.g.
// "login"), BENCH_PORT (3307; the baseline on +1), BENCH_JSON (write the figures there).
// Usage: DATABASE_URL=postgres://… npx tsx scripts/bench/pages.ts
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureBuild } from "../lib/build";
import { dropDatabase, prepareDatabase } from "./lib/bench-database";
import { appServerEnv, rssMb, startNode, waitFor } from "./lib/app-server";
import { fetchText, hammer, type Run } from "./lib/load";
import { benchPages, signIn } from "./lib/page-list";
import { onStop, stopProcessGroup } from "./lib/process-group";

const port = Number(process.env.BENCH_PORT ?? 3307);
const barePort = port + 1;
const scale = Number(process.env.BENCH_SCALE ?? 10);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connectionsList = (process.env.BENCH_CONNECTIONS ?? "10,50").split(",").map(Number);
const only = process.env.BENCH_PAGES ? new Set(process.env.BENCH_PAGES.split(",")) : null;
const serverUrl = process.env.DATABASE_URL;
const base = `http://localhost:${port}`;
const bareBase = `http://127.0.0.1:${barePort}`;
const secret = "bench-pages-secret-not-for-production-000000";
const benchDb = { serverUrl, dbName: `pp_bench_pages_${port}`, root: path.resolve(".cache", `bench-pages-${port}`), scale };
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(" / ");

// ------------------------------------------------------------------ main
type PageResult = { key: string; name: string; connections: number; app: Run; bare: Run | null; ratio: number | null; note?: string };
const results: PageResult[] = [];
const notes: string[] = [];

await ensureBuild();
console.log(`Sidemålinger (issue 19), ${serverUrl ? "PostgreSQL-server" : "PGlite (ingen bar reference: den kræver en PostgreSQL-server)"} · ${new Date().toISOString()}`);
console.log(`  ${os.cpus().length} kerner (${os.cpus()[0]?.model ?? "?"}), belastning (1/5/15 min) før: ${load()} · node ${process.version}`);
onStop(() => dropDatabase(benchDb));
const facts = await prepareDatabase(benchDb);
console.log(`  data ×${scale}: ${facts.applications} ansøgninger, ${facts.auditRows} logposter (migrering + seed + skalering ${facts.seconds.toFixed(1)} s)`);

const env = appServerEnv({ port, secret, root: benchDb.root, facts });
let rss: { app: number; bare: number } | null = null;
/** After every row too: a run stopped by run-all's time limit still leaves its figures. */
function saveJson() {
  if (!process.env.BENCH_JSON) return;
  writeFileSync(
    process.env.BENCH_JSON,
    JSON.stringify({ at: new Date().toISOString(), scale, seconds, database: serverUrl ? "postgres" : "pglite", applications: facts.applications, auditRows: facts.auditRows, results, rss, notes, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, load: os.loadavg() }, null, 2),
  );
}
saveJson();
const app = startNode("server.ts", env);
const bare = facts.url ? startNode("scripts/bench/lib/bare-server.ts", { DATABASE_URL: facts.url, BARE_PORT: String(barePort), SESSION_SECRET: secret }) : null;
try {
  await waitFor(`${base}/login`, app);
  if (bare) await waitFor(`${bareBase}/login`, bare);
  console.log(`  servere: appen pid ${app.child.pid}${bare ? `, bar reference pid ${bare.child.pid}` : ""}`);
  const idleRss = { app: rssMb(app.child.pid!), bare: bare ? rssMb(bare.child.pid!) : NaN };
  const pages = benchPages(base, bareBase, facts, await signIn(base, facts));
  console.log("");
  console.log("| side | forb. | req/s | p50 | p95 | p99 | fejl | bar req/s | forhold |");
  console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const p of pages) {
    if (only && !only.has(p.key)) continue;
    const probe = await fetchText(p.app);
    if (probe.status === 404 && p.key === "dashboard") {
      notes.push(`${p.name}: findes ikke i denne build (404) – sprunget over.`);
      console.log(`| ${p.name} | – | – | – | – | – | – | – | sprunget over: siden findes ikke endnu (404) |`);
      continue;
    }
    if (probe.status !== p.app.expect) throw new Error(`${p.name}: ${p.app.url} answered ${probe.status}, expected ${p.app.expect}`);
    let note: string | undefined;
    if (p.rows) {
      const shown = new Set([...probe.text.matchAll(/href="\/applications\/(\d+)"/g)].map((m) => m[1])).size;
      note = `${shown} rækker vist, bedt om ${p.rows}`;
      // Fewer than asked with fewer applications in all is fine; exactly the default 25 is not.
      if (p.rows !== 25 && shown === 25) notes.push(`${p.name}: listen viser ${shown} rækker, ikke ${p.rows} (pageSize følges ikke endnu).`);
    }
    for (let i = 0; i < 3; i++) await fetchText(p.app); // warm the route's module and caches
    for (const connections of connectionsList) {
      const a = await hammer(p.app, connections, seconds);
      const b = bare ? await hammer(p.bare, connections, seconds) : null;
      const ratio = b && b.reqPerSec > 0 ? a.reqPerSec / b.reqPerSec : null;
      // No answer inside the window: say so (autocannon counts only finished requests).
      const slowNote = a.requests === 0 ? `intet svar inden for ${seconds} s` : undefined;
      if (slowNote) a.p50 = a.p95 = a.p99 = seconds * 1000;
      results.push({ key: p.key, name: p.name, connections, app: a, bare: b, ratio, note: [note, slowNote].filter(Boolean).join("; ") || undefined });
      saveJson();
      const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(0)} ms` : "–");
      console.log(
        `| ${p.name}${note ? ` (${note})` : ""} | ${connections} | ${a.reqPerSec.toFixed(1)} | ${slowNote ? `> ${seconds * 1000} ms` : ms(a.p50)} | ${slowNote ? `> ${seconds * 1000} ms` : ms(a.p95)} | ${slowNote ? `> ${seconds * 1000} ms` : ms(a.p99)} | ${a.errors} | ${b ? b.reqPerSec.toFixed(1) : "–"} | ${ratio === null ? "–" : ratio.toFixed(2)} |`,
      );
    }
  }
  rss = { app: rssMb(app.child.pid!), bare: bare ? rssMb(bare.child.pid!) : NaN };
  saveJson();
  console.log(`\nRSS: appen ${idleRss.app.toFixed(0)} MB i tomgang, ${rss.app.toFixed(0)} MB efter belastningen; bar reference ${idleRss.bare.toFixed(0)} → ${rss.bare.toFixed(0)} MB.`);
  console.log(`Belastning (1/5/15 min) efter: ${load()}. ${seconds} s pr. måling, appen og den bare reference skiftevis.`);
  for (const note of notes) console.log(`Bemærk: ${note}`);
} finally {
  await stopProcessGroup(app.child);
  if (bare) await stopProcessGroup(bare.child);
  await dropDatabase(benchDb);
}
saveJson();
