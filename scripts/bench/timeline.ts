// Not part of `npm run bench` (decision 030): the pages it shares with pages.ts are measured
// there under load on ×10 data; run this one by hand for what only it measures: the timeline as an advisor and with a theme filter on 98 programmes × 12 milestones.
// Issue 17 benchmark: the programme timeline (/programmes/timeline, chart and table) as
// ministry staff and as an advisor, p50/p95 of the response time over sequential requests on
// localhost, with the demo's nine programmes and with 98 programmes × 12 milestones (scaled
// data in its own database: pp_timeline_bench_<port> on the server, or a PGlite folder).
// Each server runs in its own process group, stopped and waited for; the databases are dropped.
// Usage: npx tsx scripts/bench/timeline.ts   (DATABASE_URL set → the real server)
import { DEMO_DOMAIN, DEMO_PASSWORD } from "../../db/seed/demo-content";
import { ensureBuild } from "../lib/build";
import { fmt, latency, loginCookie } from "./lib/measure";
import { printLatencyTable, withBenchServer } from "./lib/scaled-run";

const port = Number(process.env.BENCH_PORT ?? 3223);
const base = `http://localhost:${port}`;
const N = Number(process.env.BENCH_N ?? 100);

function measure(scaled: boolean) {
  const name = scaled ? "timeline_bench" : "timeline_bench_demo";
  const env = { BENCH_SCALE: scaled ? "1" : "0" };
  return withBenchServer<{ programmes: number; milestones: number }, string[]>({ script: "scripts/bench/lib/timeline-server.ts", port, name, env }, async (facts) => {
    const ministry = await loginCookie(base, `sagsbehandler@${DEMO_DOMAIN}`, DEMO_PASSWORD);
    const advisor = await loginCookie(base, `raadgiver.sbst1@${DEMO_DOMAIN}`, DEMO_PASSWORD);
    const label = `${facts.programmes} forløb, ${facts.milestones} milepæle`;
    const rows: string[] = [];
    for (const [who, cookie, query] of [
      ["sagsbehandler", ministry, ""],
      ["sagsbehandler, filter tema", ministry, "?theme=inddragelse"],
      ["rådgiver (egne forløb)", advisor, ""],
    ] as const) {
      const l = await latency(`${base}/programmes/timeline${query}`, cookie, N, 10);
      rows.push(`| ${label} | ${who} | ${fmt(l.p50)} | ${fmt(l.p95)} | ${l.errors} |`);
    }
    return rows;
  });
}

await ensureBuild();
await printLatencyTable("Tidslinje (/programmes/timeline)", ["data", "bruger", "p50", "p95", "fejl"], async () => [...(await measure(false)), ...(await measure(true))], N);
