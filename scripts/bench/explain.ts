// Issue 19, item 6 (query discipline): the plans of the SQL each main page runs on the demo
// data ×BENCH_SCALE (default 10) on the real PostgreSQL server. A database of its own is
// seeded and scaled as pages.ts does (scripts/bench/lib/bench-database.ts) and ANALYZEd; each
// page's loader runs in this process (its route module, signed in as the page's user) while
// db/client.ts's observeQueries records every statement with its parameters; then each
// statement runs again under EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) inside a transaction that
// is rolled back (the session touch is an UPDATE). Per page: statements, the summed planned
// cost and execution time, and every Seq Scan on a table of more than BENCH_LARGE_ROWS (1 000)
// rows. The last line is the summary:
//   EXPLAIN: <pages> sider, <statements> sætninger, <n> sekventielle scanninger på store tabeller
//   (over <rows> rækker, data ×<scale>), heraf <k> selektive (under 10 % af rækkerne: et indeks mangler)
// A scan that keeps most of its table is the query needing those rows; a selective one is a
// missing index. The loader column: the loader alone in this process, median of 10 calls.
// BENCH_JSON=<file> also writes the figures as JSON ({ pages: [{ key, url, statements,
// costTotal, executionMs, loaderMs, seqScans: [{ table, rows, kept, statement }] }], summary }).
// Usage: DATABASE_URL=postgres://… npx tsx scripts/bench/explain.ts  (BENCH_PAGES=list,timeline for some)
import { register } from "node:module";
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { dropDatabase, prepareDatabase } from "./lib/bench-database";

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  console.error("explain.ts kræver DATABASE_URL (en PostgreSQL-server): planerne skal være serverens.");
  process.exit(2);
}
const scale = Number(process.env.BENCH_SCALE ?? 10);
const largeRows = Number(process.env.BENCH_LARGE_ROWS ?? 1000);
const only = process.env.BENCH_PAGES ? new Set(process.env.BENCH_PAGES.split(",")) : null;
// BENCH_PLANS=list,timeline: also print the text plans of those pages' statements.
const loaderRuns = Math.max(1, Number(process.env.BENCH_LOADER_RUNS ?? 10));
const showPlans = new Set((process.env.BENCH_PLANS ?? "").split(",").filter(Boolean));
const bench = { serverUrl, dbName: `pp_bench_explain_${process.pid}`, root: path.resolve(".cache", `bench-explain-${process.pid}`), scale };

// Route modules import stylesheets as `?url` (Vite); outside Vite they become placeholders.
register("./lib/asset-url-hooks.mjs", import.meta.url);

type Observed = { query: string; params: unknown[] };
/** kept: the share of the scanned rows the scan's filter let through (1 without a filter). */
type SeqScan = { table: string; rows: number; kept: number; statement: string };
type PageReport = { key: string; url: string; statements: number; costTotal: number; executionMs: number; loaderMs: number; seqScans: SeqScan[] };

type PlanNode = {
  "Node Type": string;
  "Relation Name"?: string;
  "Total Cost": number;
  "Actual Rows"?: number;
  "Rows Removed by Filter"?: number;
  Plans?: PlanNode[];
};
function seqScansOf(node: PlanNode, out: { table: string; kept: number }[] = []) {
  if (node["Node Type"] === "Seq Scan" && node["Relation Name"]) {
    const kept = node["Actual Rows"] ?? 0;
    const removed = node["Rows Removed by Filter"] ?? 0;
    out.push({ table: node["Relation Name"], kept: kept + removed > 0 ? kept / (kept + removed) : 1 });
  }
  for (const child of node.Plans ?? []) seqScansOf(child, out);
  return out;
}
/** A scan that keeps less than this share of the table's rows is one an index would serve. */
const SELECTIVE = 0.1;

const oneLine = (q: string) => q.replace(/\s+/g, " ").trim();
const short = (q: string) => (oneLine(q).length > 140 ? `${oneLine(q).slice(0, 137)}…` : oneLine(q));

console.log(`EXPLAIN af sidernes SQL (issue 19, punkt 6) · PostgreSQL-server · ${new Date().toISOString()} · ${os.cpus().length} kerner`);
const facts = await prepareDatabase(bench);
console.log(`  data ×${scale}: ${facts.applications} ansøgninger, ${facts.auditRows} logposter (migrering + seed + skalering + ANALYZE ${facts.seconds.toFixed(1)} s)`);
const client = postgres(facts.url!, { max: 1, onnotice: () => {} });
const reports: PageReport[] = [];
try {
  process.env.DATABASE_URL = facts.url;
  process.env.JOBS = "0";
  process.env.SESSION_SECRET ??= "bench-explain-secret-not-for-production-000";
  const { openDatabase, observeQueries, APP_ROLE } = await import("../../db/client");
  const { setDbFactoryForTests, getDb, closeDb } = await import("../../app/db.server");
  // The app's own handle, as the server opens it (the app role), on the bench database.
  setDbFactoryForTests(() => openDatabase({ databaseUrl: facts.url, role: APP_ROLE, maxConnections: 4 }));
  const db = await getDb();
  const { createSession } = await import("../../app/auth/session.server");

  const userIds = await client<{ email: string; id: string }[]>`SELECT email, id FROM users`;
  const idOf = (email: string) => userIds.find((u) => u.email === email)!.id;
  // Table sizes as the planner knows them (after the ANALYZE in prepareDatabase).
  const tables = await client<{ relname: string; reltuples: number }[]>`SELECT relname, reltuples::float8 AS reltuples FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace`;
  const rowsOf = new Map(tables.map((t) => [t.relname, Number(t.reltuples)]));

  type Loader = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;
  const route = async (file: string) => ((await import(`../../app/routes/${file}`)) as { loader: Loader }).loader;
  const caseworker = idOf("sagsbehandler@demo.puljeportal.dk");
  const pages: { key: string; url: string; file: string; params?: Record<string, string>; user: string }[] = [
    { key: "list", url: "/applications", file: "applications._index.tsx", user: caseworker },
    { key: "list100", url: "/applications?pageSize=100&sort=municipality", file: "applications._index.tsx", user: caseworker },
    { key: "allocation", url: `/calls/${facts.callId}/allocation`, file: "calls.$callId.allocation.tsx", params: { callId: String(facts.callId) }, user: caseworker },
    { key: "grant", url: `/grants/${facts.grantId}`, file: "grants.$grantId._index.tsx", params: { grantId: String(facts.grantId) }, user: caseworker },
    { key: "timeline", url: "/programmes/timeline", file: "programmes.timeline.tsx", user: caseworker },
    { key: "dashboard", url: "/dashboard", file: "dashboard._index.tsx", user: caseworker },
    { key: "start", url: "/", file: "_index.tsx", user: idOf(facts.startEmail) },
    { key: "form", url: `/applications/${facts.formId}`, file: "applications.$applicationId._index.tsx", params: { applicationId: String(facts.formId) }, user: idOf(facts.formEmail) },
    { key: "payments", url: "/payments?view=all", file: "payments._index.tsx", user: caseworker },
    { key: "reports", url: "/reports", file: "reports._index.tsx", user: caseworker },
  ];

  for (const page of pages) {
    if (only && !only.has(page.key)) continue;
    const loader = await route(page.file);
    const setCookie = await createSession(db, page.user, new Request("http://localhost/"));
    const request = () => new Request(new URL(page.url, "http://localhost").toString(), { headers: { cookie: setCookie.split(";")[0]! } });
    await loader({ request: request(), params: page.params ?? {}, context: {} }); // warm: module caches, first-use reads
    const observed: Observed[] = [];
    const stop = observeQueries((query, params) => observed.push({ query, params }));
    try {
      await loader({ request: request(), params: page.params ?? {}, context: {} });
    } catch (e) {
      if (!(e instanceof Response && e.status < 400)) throw e;
    } finally {
      stop();
    }
    // The loader's own time in this process (SQL round trips and its work in Node; not the
    // render): the median of BENCH_LOADER_RUNS (10) sequential calls.
    const times: number[] = [];
    for (let i = 0; i < loaderRuns; i++) {
      const t = performance.now();
      await loader({ request: request(), params: page.params ?? {}, context: {} }).catch((e: unknown) => {
        if (!(e instanceof Response && e.status < 400)) throw e;
      });
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const report: PageReport = { key: page.key, url: page.url, statements: observed.length, costTotal: 0, executionMs: 0, loaderMs: times[Math.floor(times.length / 2)]!, seqScans: [] };
    for (const s of observed) {
      // In a transaction rolled back: ANALYZE executes the statement, and some write.
      const plan = await client
        .begin(async (tx) => {
          const [r] = await tx.unsafe(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${s.query}`, s.params as never[], { prepare: true });
          throw { plan: (r as Record<string, unknown>)["QUERY PLAN"] };
        })
        .catch((e: unknown) => {
          if (e && typeof e === "object" && "plan" in e) return (e as { plan: [{ Plan: PlanNode; "Execution Time": number }] }).plan[0];
          throw e;
        });
      if (showPlans.has(page.key)) {
        const text = await client
          .begin(async (tx) => {
            const r = await tx.unsafe(`EXPLAIN (ANALYZE, FORMAT TEXT) ${s.query}`, s.params as never[], { prepare: true });
            throw { text: r.map((l) => (l as Record<string, string>)["QUERY PLAN"]).join("\n") };
          })
          .catch((e: unknown) => {
            if (e && typeof e === "object" && "text" in e) return (e as { text: string }).text;
            throw e;
          });
        console.log(`\n--- ${page.key}: ${short(s.query)}\n${text}`);
      }
      report.costTotal += plan.Plan["Total Cost"];
      report.executionMs += plan["Execution Time"];
      for (const scan of seqScansOf(plan.Plan)) {
        const n = rowsOf.get(scan.table) ?? 0;
        if (n > largeRows) report.seqScans.push({ table: scan.table, rows: n, kept: scan.kept, statement: short(s.query) });
      }
    }
    reports.push(report);
  }
  await closeDb();
} finally {
  await client.end({ timeout: 5 });
  await dropDatabase(bench);
}

console.log("");
console.log("| side | URL | sætninger | planlagt kost i alt | udførelse i SQL (ms) | loader i Node, median (ms) | sekventielle scanninger på store tabeller |");
console.log("| --- | --- | --- | --- | --- | --- | --- |");
const pct = (x: number) => `${(x * 100).toFixed(0)} %`;
for (const r of reports) {
  const scans = r.seqScans.length ? r.seqScans.map((s) => `${s.table} (${s.rows.toFixed(0)} rækker, beholder ${pct(s.kept)})`).join(", ") : "ingen";
  console.log(`| ${r.key} | ${r.url} | ${r.statements} | ${r.costTotal.toFixed(0)} | ${r.executionMs.toFixed(1)} | ${r.loaderMs.toFixed(1)} | ${scans} |`);
}
for (const r of reports) for (const s of r.seqScans) console.log(`  ${r.key}: Seq Scan på ${s.table} (beholder ${pct(s.kept)}${s.kept < SELECTIVE ? ", selektiv: et indeks mangler" : ""}) i: ${s.statement}`);
const all = reports.flatMap((r) => r.seqScans);
const summary = {
  pages: reports.length,
  statements: reports.reduce((n, r) => n + r.statements, 0),
  seqScansOnLargeTables: all.length,
  /** Of those, the scans that keep under 10 % of the rows: the ones an index would replace. */
  selectiveSeqScans: all.filter((s) => s.kept < SELECTIVE).length,
  largeRows,
  scale,
};
if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify({ at: new Date().toISOString(), pages: reports, summary }, null, 2));
console.log(
  `\nEXPLAIN: ${summary.pages} sider, ${summary.statements} sætninger, ${summary.seqScansOnLargeTables} sekventielle scanninger på store tabeller` +
    ` (over ${largeRows} rækker, data ×${scale}), heraf ${summary.selectiveSeqScans} selektive (under ${pct(SELECTIVE)} af rækkerne: et indeks mangler)`,
);
process.exit(0);
