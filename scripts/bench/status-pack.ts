// Status-pack benchmark (issue 18): the time to build the pack for the demo pool, p50/p95
// over sequential runs, in-process: the figures (SQL), the document model, and each of the
// DOCX, PDF and XLSX writers, and the whole pack (figures once + all three files).
// Seeded demo data: DATABASE_URL → that database (seeded when empty), otherwise a PGlite
// folder of its own (.cache/status-pack-bench, seeded on first use). Not part of npm test.
// Usage: npx tsx scripts/bench/status-pack.ts   (BENCH_N runs, default 20, after 2 warm-ups)
import { parseEnv } from "../../app/env.server";
import { loadStatusPackFigures, listPackPools } from "../../app/domain/status-pack/figures.server";
import { buildStatusPackDocument } from "../../app/domain/status-pack/model";
import { renderStatusPack } from "../../app/domain/status-pack/pack.server";
import { describeTarget, openFromEnv, seedWhenEmpty } from "../lib/database";
import { fmt, percentile } from "./lib/measure";

const N = Number(process.env.BENCH_N ?? 20);
const WARMUP = 2;
const env = parseEnv({ DATA_DIR: ".cache/status-pack-bench", ...process.env });
const handle = await openFromEnv(env);
try {
  await handle.migrate();
  await seedWhenEmpty(handle.db, { production: false, log: (l) => console.log(l) });
  const db = handle.db;
  const [pool] = await listPackPools(db);
  if (!pool) throw new Error("no pool");
  const asOf = new Date().toISOString().slice(0, 10);
  const purpose = { kind: "question", committee: "Socialudvalget", questionNo: "391" } as const;
  const steps = {
    figures: [] as number[],
    model: [] as number[],
    docx: [] as number[],
    pdf: [] as number[],
    xlsx: [] as number[],
    "hele pakken": [] as number[],
  };
  let bytes = { docx: 0, pdf: 0, xlsx: 0 };
  for (let i = 0; i < N + WARMUP; i++) {
    const t0 = performance.now();
    const figures = (await loadStatusPackFigures(db, pool.id, asOf))!;
    const t1 = performance.now();
    const doc = buildStatusPackDocument(figures, purpose, { demoData: true });
    const t2 = performance.now();
    const times: Record<string, number> = {};
    for (const format of ["docx", "pdf", "xlsx"] as const) {
      const t = performance.now();
      const body = await renderStatusPack(doc, format);
      times[format] = performance.now() - t;
      bytes = { ...bytes, [format]: body.byteLength };
    }
    if (i < WARMUP) continue;
    steps.figures.push(t1 - t0);
    steps.model.push(t2 - t1);
    steps.docx.push(times.docx!);
    steps.pdf.push(times.pdf!);
    steps.xlsx.push(times.xlsx!);
    steps["hele pakken"].push(performance.now() - t0);
  }
  const figures = (await loadStatusPackFigures(db, pool.id, asOf))!;
  console.log(`\nStatuspakke, ${describeTarget(env)}: ${pool.name}, ${figures.grants.length} tilsagn, pr. ${asOf}, ${N} kørsler (efter ${WARMUP} opvarmning)`);
  console.log(`Filstørrelser: DOCX ${bytes.docx} B, PDF ${bytes.pdf} B, XLSX ${bytes.xlsx} B\n`);
  console.log("| trin | p50 | p95 |");
  console.log("| --- | --- | --- |");
  for (const [step, list] of Object.entries(steps)) {
    const sorted = [...list].sort((a, b) => a - b);
    console.log(`| ${step} | ${fmt(percentile(sorted, 50))} | ${fmt(percentile(sorted, 95))} |`);
  }
} finally {
  await handle.close();
}
