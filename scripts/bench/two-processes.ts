// Issue 19: two production app servers on one PostgreSQL database against one, on the demo
// data ×BENCH_SCALE (10). The same mix of pages as pages.ts (its data pages and /login, each
// connection taking them in turn), BENCH_CONNECTIONS (20) in all for BENCH_SECONDS (5): first
// one server alone with all of them, then both at once with half each (one autocannon per
// server). The ratio is the two servers' req/s together ÷ the one's (target ≥ 1.6 on 2
// cores), with errors and p95. Both run their mail dispatcher and job runner (JOBS=1) against
// a local SMTP peer (tests/support/smtp.ts); BENCH_MAILS (100) mails are queued in the outbox
// just before the two-server load, and afterwards every Message-ID the peer received is
// counted: a mail delivered twice is a failure whatever the ratio.
// The servers run in their own process groups and are stopped and waited for; the database
// is dropped. PGlite allows one process per data folder, so this needs DATABASE_URL.
// Env: BENCH_PORT (3320; the second server on +1). Usage: DATABASE_URL=postgres://… npx tsx scripts/bench/two-processes.ts
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { openDatabase } from "../../db/client";
import { emailOutbox } from "../../db/schema";
import { enqueueEmail } from "../../app/mail/outbox.server";
import { composeEmail } from "../../emails/layout";
import { header, startSmtp } from "../../tests/support/smtp";
import { ensureBuild } from "../lib/build";
import { appServerEnv, startNode, waitFor, type NodeServer } from "./lib/app-server";
import { dropDatabase, prepareDatabase } from "./lib/bench-database";
import { fetchText, hammerMix, type Run, type Target } from "./lib/load";
import { benchPages, DATA_PAGE_KEYS, signIn } from "./lib/page-list";
import { onStop, stopProcessGroup } from "./lib/process-group";

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  console.log("two-processes: sprunget over (sæt DATABASE_URL: PGlite tillader én proces pr. datamappe)");
  process.exit(0);
}
const port = Number(process.env.BENCH_PORT ?? 3320);
const ports = [port, port + 1] as const;
const scale = Number(process.env.BENCH_SCALE ?? 10);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
const mails = Number(process.env.BENCH_MAILS ?? 100);
const secret = "bench-two-processes-secret-not-for-production";
const benchDb = { serverUrl, dbName: `pp_bench_two_${port}`, root: path.resolve(".cache", `bench-two-${port}`), scale };
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(" / ");
const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(0)} ms` : "–");
const TARGET = 1.6;

await ensureBuild();
console.log(`To app-processer på én PostgreSQL-database (issue 19) · ${new Date().toISOString()}`);
console.log(`  ${os.cpus().length} kerner, belastning (1/5/15 min) før: ${load()}`);
onStop(() => dropDatabase(benchDb));
const facts = await prepareDatabase(benchDb);
console.log(`  data ×${scale}: ${facts.applications} ansøgninger (migrering + seed + skalering ${facts.seconds.toFixed(1)} s)`);
const smtp = await startSmtp();
const servers: NodeServer[] = [];
const start = async (p: number) => {
  const s = startNode("server.ts", appServerEnv({ port: p, secret, root: benchDb.root, facts, extra: { JOBS: "1", SMTP_URL: smtp.url } }));
  servers.push(s);
  await waitFor(`http://localhost:${p}/login`, s);
  return s;
};

/** The data pages and /login on one server, signed in there; pages this build lacks (404) left out. */
async function mixFor(p: number) {
  const base = `http://localhost:${p}`;
  const pages = benchPages(base, base, facts, await signIn(base, facts)).filter((x) => (DATA_PAGE_KEYS as readonly string[]).includes(x.key) || x.key === "login");
  const mix: Target[] = [];
  for (const page of pages) {
    const probe = await fetchText(page.app);
    if (probe.status === 404 && page.key === "dashboard") continue;
    if (probe.status !== 200) throw new Error(`${page.name}: ${page.app.url} answered ${probe.status}`);
    for (let i = 0; i < 2; i++) await fetchText(page.app); // warm the route's module and caches
    mix.push(page.app);
  }
  return { base, mix, keys: pages.map((x) => x.key) };
}

let failed = false;
try {
  const a = await start(ports[0]);
  const mixA = await mixFor(ports[0]);
  console.log(`  server A pid ${a.child.pid}; blandingen: ${mixA.keys.join(", ")} (hver forbindelse tager dem på skift)`);
  const one = await hammerMix(mixA.base, mixA.mix, connections, seconds);

  const b = await start(ports[1]);
  const mixB = await mixFor(ports[1]);
  console.log(`  server B pid ${b.child.pid}`);
  // The mails go in just before the load, so both dispatchers race for them while serving.
  const h = await openDatabase({ databaseUrl: facts.url!, maxConnections: 2 });
  const before = Number((await h.db.select({ n: sql<number>`count(*)::int` }).from(emailOutbox))[0]!.n);
  for (let i = 0; i < mails; i++) {
    await enqueueEmail(h.db, { ...composeEmail(`Målebesked ${i}`, "Kære modtager", ["Tekst."]), to: `modtager${i}@kommune.dk`, template: "bench" });
  }
  const half = Math.max(1, Math.floor(connections / 2));
  const [ra, rb] = await Promise.all([hammerMix(mixA.base, mixA.mix, half, seconds), hammerMix(mixB.base, mixB.mix, connections - half, seconds)]);

  // Every outbox row sent (or failed for good), then a moment more: a double send would show now.
  const until = Date.now() + 60_000;
  let pending = Infinity;
  while (Date.now() < until) {
    pending = Number((await h.db.select({ n: sql<number>`count(*)::int` }).from(emailOutbox).where(sql`${emailOutbox.status} <> 'sent'`))[0]!.n);
    if (pending === 0) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  await new Promise((r) => setTimeout(r, 1500));
  const sent = Number((await h.db.select({ n: sql<number>`count(*)::int` }).from(emailOutbox).where(eq(emailOutbox.status, "sent")))[0]!.n);
  await h.close();
  const ids = smtp.received.map((m) => header(m.raw, "Message-ID") ?? "");
  const twice = ids.length - new Set(ids).size;

  const both: Run = {
    reqPerSec: ra.reqPerSec + rb.reqPerSec,
    p50: Math.max(ra.p50, rb.p50),
    p95: Math.max(ra.p95, rb.p95),
    p99: Math.max(ra.p99, rb.p99),
    errors: ra.errors + rb.errors,
    requests: ra.requests + rb.requests,
  };
  const ratio = one.reqPerSec > 0 ? both.reqPerSec / one.reqPerSec : NaN;
  console.log("");
  console.log("| opstilling | forb. | req/s | p50 | p95 | p99 | fejl |");
  console.log("| --- | --- | --- | --- | --- | --- | --- |");
  console.log(`| én proces | ${connections} | ${one.reqPerSec.toFixed(1)} | ${ms(one.p50)} | ${ms(one.p95)} | ${ms(one.p99)} | ${one.errors} |`);
  console.log(`| to processer (A) | ${half} | ${ra.reqPerSec.toFixed(1)} | ${ms(ra.p50)} | ${ms(ra.p95)} | ${ms(ra.p99)} | ${ra.errors} |`);
  console.log(`| to processer (B) | ${connections - half} | ${rb.reqPerSec.toFixed(1)} | ${ms(rb.p50)} | ${ms(rb.p95)} | ${ms(rb.p99)} | ${rb.errors} |`);
  console.log(`| to processer i alt | ${connections} | ${both.reqPerSec.toFixed(1)} | – | ${ms(both.p95)} (højeste) | – | ${both.errors} |`);
  console.log("");
  console.log(`Post: ${mails} lagt i udbakken (${before} i forvejen), ${sent} sendt, ${pending} ikke sendt efter 60 s; SMTP-modtageren fik ${ids.length} mails, ${twice} to gange.`);
  const met = ratio >= TARGET && one.errors + both.errors === 0 && twice === 0 && pending === 0;
  console.log(`Forhold to/én: ${ratio.toFixed(2)} (mål ≥ ${TARGET}); fejl ${one.errors + both.errors}; mails to gange ${twice}`);
  console.log(`Mål: to processer ≥ ${TARGET} × én, ingen fejl, ingen mail to gange: ${met ? "opfyldt" : "IKKE opfyldt"}`);
  console.log(`Belastning (1/5/15 min) efter: ${load()}. ${seconds} s pr. måling.`);
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  for (const s of servers) await stopProcessGroup(s.child);
  await smtp.close();
  await dropDatabase(benchDb);
}
process.exit(failed ? 1 : 0);
