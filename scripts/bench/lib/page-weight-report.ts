// scripts/bench/page-weight.ts's figures as a table and against issue 19's targets; pure, so
// run-all's report (report.ts) can use it without a browser.
/** Issue 19's targets, in KB (1 KB = 1000 bytes, as Lighthouse and vite print them). */
export const TARGETS = { cssKb: 20, jsKbLogin: 110, jsKbAny: 160, cls: 0.1, lighthouse: 95 };

/** Lighthouse's three scores (0–100) for a page, the median run of several; or why it did not run. */
export type LighthouseResult =
  | {
      ok: true;
      performance: number | null;
      accessibility: number | null;
      bestPractices: number | null;
      /** Every run's performance score (the median run is the one reported). */
      performanceRuns: number[];
      /** The audits below 0.9 that count in a score, in the median run. */
      failed: { id: string; title: string; score: number | null; category: string }[];
    }
  | { ok: false; error: string };

export type PageWeight = {
  key: string;
  name: string;
  url: string;
  status: number;
  js: { files: number; encoded: number; decoded: number };
  css: { files: number; encoded: number; decoded: number };
  fonts: { files: number; encoded: number; decoded: number };
  fontFiles: string[];
  encoding: string;
  blockingStylesheets: number;
  fcpMs: number | null;
  cls: number;
  /** CLS with the web fonts held back 2 s (a late font swap). */
  clsLateFonts?: number;
  shifts: { value: number; sources: string[] }[];
  /** Lighthouse 12, mobile preset (scripts/bench/lib/lighthouse-run.ts). */
  lighthouse?: LighthouseResult;
};

const kb = (bytes: number) => (bytes / 1000).toFixed(1);

export function pageWeightTable(rows: PageWeight[]) {
  const lines = [
    "| side | JS over nettet (KB) | JS udpakket (KB) | JS-filer | CSS over nettet (KB) | CSS udpakket (KB) | skrifttyper (KB, filer) | blokerende stylesheets | FCP (ms) | CLS | CLS, skrifttyper 2 s forsinket |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.name} | ${kb(r.js.encoded)} | ${kb(r.js.decoded)} | ${r.js.files} | ${kb(r.css.encoded)} | ${kb(r.css.decoded)} | ${kb(r.fonts.encoded)} (${r.fonts.files}) | ${r.blockingStylesheets} | ${r.fcpMs === null ? "–" : r.fcpMs.toFixed(0)} | ${r.cls.toFixed(3)} | ${r.clsLateFonts === undefined ? "–" : r.clsLateFonts.toFixed(3)} |`,
    );
  }
  return lines;
}

/** Each target with what was measured; met is false when one page misses it. */
export function pageWeightTargets(rows: PageWeight[]) {
  const login = rows.find((r) => r.key === "login");
  const maxJs = Math.max(...rows.map((r) => r.js.encoded));
  const maxCss = Math.max(...rows.map((r) => r.css.encoded));
  const maxCls = Math.max(...rows.map((r) => Math.max(r.cls, r.clsLateFonts ?? 0)));
  return [
    { target: `CSS ≤ ${TARGETS.cssKb} KB gzip pr. side`, measured: `højst ${kb(maxCss)} KB`, met: maxCss <= TARGETS.cssKb * 1000 },
    { target: `første JS ≤ ${TARGETS.jsKbLogin} KB gzip på /login`, measured: login ? `${kb(login.js.encoded)} KB` : "ikke målt", met: login ? login.js.encoded <= TARGETS.jsKbLogin * 1000 : null },
    { target: `første JS ≤ ${TARGETS.jsKbAny} KB gzip på hver side`, measured: `højst ${kb(maxJs)} KB`, met: maxJs <= TARGETS.jsKbAny * 1000 },
    { target: `ingen layoutskift (CLS < ${TARGETS.cls}, også med sene skrifttyper)`, measured: `højst ${maxCls.toFixed(3)}`, met: maxCls < TARGETS.cls },
    ...lighthouseTargets(rows),
  ];
}

const LIGHTHOUSE_CATEGORIES = [
  ["performance", "ydeevne"],
  ["accessibility", "tilgængelighed"],
  ["bestPractices", "god praksis"],
] as const;

/** One row per Lighthouse category: met when every measured page scores at least the target. */
function lighthouseTargets(rows: PageWeight[]) {
  const measured = rows.filter((r) => r.lighthouse);
  if (measured.length === 0) return [];
  return LIGHTHOUSE_CATEGORIES.map(([key, label]) => {
    const parts = measured.map((r) => {
      const lh = r.lighthouse!;
      return `${r.key} ${lh.ok ? (lh[key] ?? "–") : `kørte ikke (${lh.error})`}`;
    });
    const scores = measured.map((r) => (r.lighthouse!.ok ? (r.lighthouse as { [k in typeof key]: number | null })[key] : null));
    const allRan = scores.every((s) => s !== null);
    return {
      target: `Lighthouse mobil, ${label} ≥ ${TARGETS.lighthouse} på ${measured.map((r) => r.key).join(", ")}`,
      measured: parts.join(", "),
      met: allRan ? scores.every((s) => s! >= TARGETS.lighthouse) : null,
    };
  });
}

/** The Lighthouse scores as a table (empty when Lighthouse did not run). */
export function lighthouseTable(rows: PageWeight[]) {
  if (!rows.some((r) => r.lighthouse)) return [];
  const lines = ["| side | ydeevne (alle kørsler) | tilgængelighed | god praksis | under 0,9 |", "| --- | --- | --- | --- | --- |"];
  for (const r of rows) {
    const lh = r.lighthouse;
    if (!lh) continue;
    if (!lh.ok) lines.push(`| ${r.name} | kørte ikke: ${lh.error} | – | – | – |`);
    else lines.push(`| ${r.name} | ${lh.performance ?? "–"} (${lh.performanceRuns.join(", ")}) | ${lh.accessibility ?? "–"} | ${lh.bestPractices ?? "–"} | ${lh.failed.map((f) => `${f.id} ${f.score}`).join(", ") || "–"} |`);
  }
  return lines;
}

export type PageWeightJson = { at: string; rows: PageWeight[]; targets: ReturnType<typeof pageWeightTargets> };
