// Not part of `npm run bench` (decision 030): the pages it shares with pages.ts are measured
// there under load on ×10 data; run this one by hand for what only it measures: the dashboard's CSV and XLSX exports.
// Issue 18 benchmark: the ministry dashboard (/dashboard: figures from the ledger, charts and
// tables) and one of its exports, p50/p95 of the response time over sequential requests on
// localhost (the server's time plus a local round trip), with the demo data and with the demo's
// pool-bound data ×10 (db/seed/scale.ts) in its own database (pp_dashboard_bench*_<port> on
// the server, or a PGlite folder). Each server runs in its own process group, stopped and
// waited for; the databases are dropped. Not part of npm test.
// Usage: npx tsx scripts/bench/dashboard.ts   (DATABASE_URL set → the real server)
import { DEMO_DOMAIN, DEMO_PASSWORD } from "../../db/seed/demo-content";
import { ensureBuild } from "../lib/build";
import { fmt, latency, loginCookie } from "./lib/measure";
import { printLatencyTable, withBenchServer } from "./lib/scaled-run";

const port = Number(process.env.BENCH_PORT ?? 3224);
const base = `http://localhost:${port}`;
const N = Number(process.env.BENCH_N ?? 100);
const SCALE = Number(process.env.BENCH_SCALE ?? 10);

type Facts = { poolId: number; pools: number; grants: number; ledger: number; milestones: number };

function measure(scale: number) {
  const name = scale > 1 ? "dashboard_bench" : "dashboard_bench_demo";
  return withBenchServer<Facts, string[]>({ script: "scripts/bench/lib/dashboard-server.ts", port, name, env: { BENCH_SCALE: String(scale) } }, async (facts) => {
    const cookie = await loginCookie(base, `sagsbehandler@${DEMO_DOMAIN}`, DEMO_PASSWORD);
    const label = `×${scale}: ${facts.pools} puljer, ${facts.grants} tilsagn, ${facts.ledger} posteringer, ${facts.milestones} milepæle`;
    const rows: string[] = [];
    for (const [what, url] of [
      ["/dashboard (side)", `${base}/dashboard?pool=${facts.poolId}`],
      ["kommuner som CSV", `${base}/dashboard/export?pool=${facts.poolId}&table=kommuner&format=csv`],
      ["puljen som XLSX", `${base}/dashboard/export?pool=${facts.poolId}&table=pulje&format=xlsx`],
    ] as const) {
      const l = await latency(url, cookie, N, 10);
      rows.push(`| ${label} | ${what} | ${fmt(l.p50)} | ${fmt(l.p95)} | ${l.errors} |`);
    }
    return rows;
  });
}

await ensureBuild();
await printLatencyTable("Overblik (/dashboard)", ["data", "kald", "p50", "p95", "fejl"], async () => [...(await measure(1)), ...(await measure(SCALE))], N);
