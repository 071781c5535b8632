// Lighthouse alone on page-weight.ts's four pages (the production build with the demo data):
// for working on a score without the rest of the page-weight run. page-weight.ts runs the same
// (lib/lighthouse-run.ts) and records the scores in its JSON and targets.
// Usage: npx tsx scripts/bench/lighthouse.ts   (BENCH_PORT, default 3313; LIGHTHOUSE_PAGES=login,form)
import path from "node:path";
import { ensureBuild } from "../lib/build";
import { startDemoProcess } from "./lib/demo-process";
import { runLighthouse } from "./lib/lighthouse-run";
import { benchPages } from "./page-weight";

async function main() {
  const port = Number(process.env.BENCH_PORT ?? 3313);
  await ensureBuild();
  const { base, fixtures, stop } = await startDemoProcess({ name: "lighthouse", port });
  try {
    const only = process.env.LIGHTHOUSE_PAGES?.split(",");
    const pages = (await benchPages(base, fixtures)).filter((p) => !only || only.includes(p.key));
    const results = await runLighthouse(pages.map((p) => ({ ...p, url: base + p.url })));
    for (const p of pages) {
      const r = results[p.key]!;
      if (!r.ok) {
        console.log(`${p.name}: Lighthouse kørte ikke: ${r.error}`);
        continue;
      }
      console.log(`${p.name}: ydeevne ${r.performance} (kørsler: ${r.performanceRuns.join(", ")}), tilgængelighed ${r.accessibility}, god praksis ${r.bestPractices}`);
      for (const f of r.failed) console.log(`  ${f.category}: ${f.id} (${f.score}) ${f.title}`);
    }
  } finally {
    await stop();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve("scripts/bench/lighthouse.ts")) {
  main().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
