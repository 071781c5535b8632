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
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase, type Database } from "../../db/client";
import { seedDemo } from "../../db/seed/demo";
import { DEMO_PASSWORD } from "../../db/seed/demo-content";
import { scaleDemo } from "../../db/seed/scale";
import { ensureBuild } from "../lib/build";
import { loginCookie, percentile } from "./lib/measure";
import { ownGroup, stopProcessGroup } from "./lib/process-group";

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
const dbName = `pp_bench_pages_${port}`;
const root = path.resolve(".cache", `bench-pages-${port}`);
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(" / ");

async function rows<T>(db: Database, text: string) {
  const r = (await db.execute(sql.raw(text))) as unknown;
  return (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];
}

// ------------------------------------------------------------------ the data
async function prepareDatabase() {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  let url: string | undefined;
  if (serverUrl) {
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const u = new URL(serverUrl);
    u.pathname = `/${dbName}`;
    url = u.toString();
  }
  const dataDir = path.join(root, "pglite");
  const h = await openDatabase({ databaseUrl: url, dataDir, maxConnections: 2 });
  try {
    const t = performance.now();
    await h.migrate();
    const env = process.env.NODE_ENV;
    process.env.NODE_ENV = "test"; // seedDemo refuses production; this is a benchmark database
    await seedDemo(h.db);
    process.env.NODE_ENV = env;
    const scaled = scale > 1 ? await h.db.transaction((tx) => scaleDemo(tx, scale)) : null;
    const [ids] = await rows<{ call_id: number; grant_id: number }>(
      h.db,
      `SELECT (SELECT id FROM calls ORDER BY id LIMIT 1) AS call_id,
              (SELECT grant_id FROM grant_ledger_entries GROUP BY grant_id ORDER BY count(*) DESC, grant_id LIMIT 1) AS grant_id`,
    );
    const [form] = await rows<{ id: number; email: string }>(
      h.db,
      `SELECT a.id, u.email FROM applications a JOIN memberships m ON m.municipality_code = a.municipality_code JOIN users u ON u.id = m.user_id
        WHERE a.status = 'draft' ORDER BY a.id LIMIT 1`,
    );
    const [start] = await rows<{ email: string }>(
      h.db,
      `SELECT u.email FROM users u JOIN memberships m ON m.user_id = u.id WHERE m.role = 'municipality'
        ORDER BY (SELECT count(*) FROM grants g WHERE g.municipality_code = m.municipality_code) DESC, u.email LIMIT 1`,
    );
    const emails = (await rows<{ email: string }>(h.db, `SELECT email FROM users WHERE status = 'active' AND is_demo ORDER BY email`)).map((r) => r.email);
    const [counts] = await rows<{ applications: number; audit: number }>(
      h.db,
      `SELECT (SELECT count(*) FROM applications)::int AS applications, (SELECT count(*) FROM audit_log)::int AS audit`,
    );
    return {
      url,
      dataDir,
      seconds: (performance.now() - t) / 1000,
      callId: Number(ids!.call_id),
      grantId: Number(ids!.grant_id),
      formId: Number(form!.id),
      formEmail: form!.email,
      startEmail: start!.email,
      emails,
      applications: Number(counts!.applications),
      auditRows: Number(counts!.audit),
      scaled: scaled?.after,
    };
  } finally {
    await h.close();
  }
}

async function dropDatabase() {
  rmSync(root, { recursive: true, force: true });
  if (!serverUrl) return;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
}

// ------------------------------------------------------------------ the servers
function startNode(script: string, env: Record<string, string>) {
  // node itself (no npx/npm wrapper) in its own process group: stopProcessGroup ends all of it.
  const child = ownGroup(spawn(process.execPath, ["--import", "tsx", script], {
    env: { ...process.env, ...env } as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  }));
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  return { child, output: () => output };
}

async function waitFor(url: string, s: { child: ChildProcess; output: () => string }) {
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    if (s.child.exitCode !== null) throw new Error(`server stopped (${s.child.exitCode}):\n${s.output()}`);
    const ok = await fetch(url)
      .then(async (r) => (await r.arrayBuffer(), r.status === 200))
      .catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no 200 from ${url} after 120 s:\n${s.output()}`);
}

function rssMb(pid: number) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

// ------------------------------------------------------------------ measuring
type Run = { reqPerSec: number; p50: number; p95: number; p99: number; errors: number; requests: number };
type Target = { url: string; cookie?: string; post?: () => string; expect: number };

async function hammer(t: Target, connections: number): Promise<Run> {
  const times: number[] = [];
  let errors = 0;
  const headers: Record<string, string> = {};
  if (t.cookie) headers.cookie = t.cookie;
  if (t.post) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    headers.origin = new URL(t.url).origin;
  }
  const instance = autocannon({
    url: t.url,
    connections,
    duration: seconds,
    headers,
    method: t.post ? "POST" : "GET",
    requests: t.post ? [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, body: t.post!() }) }] : undefined,
  } as autocannon.Options) as unknown as NodeJS.EventEmitter & PromiseLike<autocannon.Result>;
  instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
    times.push(ms);
    if (status !== t.expect) errors++;
  });
  const r = await instance;
  times.sort((a, b) => a - b);
  return {
    reqPerSec: times.length / seconds,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    errors: errors + r.errors + r.timeouts,
    requests: times.length,
  };
}

async function fetchText(t: Target) {
  const res = await fetch(t.url, {
    method: t.post ? "POST" : "GET",
    headers: { ...(t.cookie ? { cookie: t.cookie } : {}), ...(t.post ? { "content-type": "application/x-www-form-urlencoded", origin: new URL(t.url).origin } : {}) },
    body: t.post?.(),
    redirect: "manual",
  });
  return { status: res.status, text: await res.text() };
}

// ------------------------------------------------------------------ main
type PageResult = { key: string; name: string; connections: number; app: Run; bare: Run | null; ratio: number | null; note?: string };
const results: PageResult[] = [];
const notes: string[] = [];

await ensureBuild();
console.log(`Sidemålinger (issue 19), ${serverUrl ? "PostgreSQL-server" : "PGlite (ingen bar reference: den kræver en PostgreSQL-server)"} · ${new Date().toISOString()}`);
console.log(`  ${os.cpus().length} kerner (${os.cpus()[0]?.model ?? "?"}), belastning (1/5/15 min) før: ${load()} · node ${process.version}`);
const facts = await prepareDatabase();
console.log(`  data ×${scale}: ${facts.applications} ansøgninger, ${facts.auditRows} logposter (migrering + seed + skalering ${facts.seconds.toFixed(1)} s)`);

const env: Record<string, string> = {
  NODE_ENV: "production",
  PORT: String(port),
  HOST: "127.0.0.1",
  APP_ORIGIN: base,
  SESSION_SECRET: secret,
  JOBS: "0",
  DEMO_MODE: "1",
  UPLOAD_DIR: path.join(root, "uploads"),
  ...(facts.url ? { DATABASE_URL: facts.url } : { DATA_DIR: facts.dataDir }),
};
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
  const caseworker = await loginCookie(base, "sagsbehandler@demo.puljeportal.dk", DEMO_PASSWORD);
  const municipality = await loginCookie(base, facts.startEmail, DEMO_PASSWORD);
  const applicant = await loginCookie(base, facts.formEmail, DEMO_PASSWORD);
  let n = 0;
  const signInBody = () => new URLSearchParams({ email: facts.emails[n++ % facts.emails.length]!, password: DEMO_PASSWORD, redirectTo: "/" }).toString();
  const pages: { key: string; name: string; app: Target; bare: Target; rows?: number }[] = [
    { key: "list", name: "Ansøgningsliste (sagsbehandler)", app: { url: `${base}/applications`, cookie: caseworker, expect: 200 }, bare: { url: `${bareBase}/list`, cookie: caseworker, expect: 200 }, rows: 25 },
    { key: "list100", name: "Ansøgningsliste, pageSize=100", app: { url: `${base}/applications?pageSize=100`, cookie: caseworker, expect: 200 }, bare: { url: `${bareBase}/list?pageSize=100`, cookie: caseworker, expect: 200 }, rows: 100 },
    { key: "allocation", name: "Fordelingstavle (opslag 2022)", app: { url: `${base}/calls/${facts.callId}/allocation`, cookie: caseworker, expect: 200 }, bare: { url: `${bareBase}/allocation?call=${facts.callId}`, cookie: caseworker, expect: 200 } },
    { key: "grant", name: "Tilsagn med bevægelser", app: { url: `${base}/grants/${facts.grantId}`, cookie: caseworker, expect: 200 }, bare: { url: `${bareBase}/grant?id=${facts.grantId}`, cookie: caseworker, expect: 200 } },
    { key: "timeline", name: "Tidslinje for forløb", app: { url: `${base}/programmes/timeline`, cookie: caseworker, expect: 200 }, bare: { url: `${bareBase}/timeline`, cookie: caseworker, expect: 200 } },
    { key: "dashboard", name: "Ministeriets overblik (/dashboard)", app: { url: `${base}/dashboard`, cookie: caseworker, expect: 200 }, bare: { url: `${bareBase}/dashboard`, cookie: caseworker, expect: 200 } },
    { key: "start", name: "Kommunens forside", app: { url: `${base}/`, cookie: municipality, expect: 200 }, bare: { url: `${bareBase}/start`, cookie: municipality, expect: 200 } },
    { key: "form", name: "Ansøgningsformular (kladde)", app: { url: `${base}/applications/${facts.formId}`, cookie: applicant, expect: 200 }, bare: { url: `${bareBase}/form?id=${facts.formId}`, cookie: applicant, expect: 200 } },
    { key: "login", name: "/login GET", app: { url: `${base}/login`, expect: 200 }, bare: { url: `${bareBase}/login`, expect: 200 } },
    { key: "signin", name: "Log ind (POST, argon2)", app: { url: `${base}/login`, post: signInBody, expect: 302 }, bare: { url: `${bareBase}/login`, post: signInBody, expect: 302 } },
  ];
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
      const a = await hammer(p.app, connections);
      const b = bare ? await hammer(p.bare, connections) : null;
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
  await dropDatabase();
}
saveJson();
