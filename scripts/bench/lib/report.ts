// docs/benchmarks.md from one `npm run bench`: the machine, the date, the page figures with
// their ratio to the bare baseline, the issue 19 targets (met or missed, why, next step) and
// every script's own output. Pure: the caller gathers the facts.

export type Run = { reqPerSec: number; p50: number; p95: number; p99: number; errors: number; requests: number };
export type PageRow = { key: string; name: string; connections: number; app: Run; bare: Run | null; ratio: number | null; note?: string };
export type PagesJson = {
  at: string;
  scale: number;
  seconds: number;
  database: string;
  applications: number;
  auditRows: number;
  results: PageRow[];
  rss: { app: number; bare: number } | null;
  notes: string[];
};
import { pageWeightTable, type PageWeightJson } from "./page-weight-report";

export type ScriptRun = { script: string; output: string; code: number | null; seconds: number };

type Facts = {
  at: Date;
  machine: { cpu: string; cores: number; memoryGb: number; node: string; os: string; database: string };
  loadBefore: number[];
  loadAfter: number[];
  totalSeconds: number;
  runs: ScriptRun[];
  pages: PagesJson | null;
  /** scripts/bench/page-weight.ts's figures (first-visit bytes, CLS), when it ran. */
  pageWeight?: PageWeightJson | null;
};

const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(0)} ms` : "–");
const num = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : "–");
const loadText = (l: number[]) => l.map((x) => x.toFixed(1)).join(" / ");
const DATA_PAGES = new Set(["list", "list100", "allocation", "grant", "timeline", "dashboard", "start", "form"]);

type Verdict = { target: string; measured: string; met: boolean | null; why: string; next: string };

export function targets(f: Facts): Verdict[] {
  const p = f.pages;
  const loaded = `målt på en belastet maskine (belastning ${loadText(f.loadBefore)} på ${f.machine.cores} kerner), så tiderne er for høje`;
  const out: Verdict[] = [];
  if (!p) {
    const ran = f.runs.some((r) => r.script.endsWith("/pages.ts"));
    out.push({
      target: "sidetal (p95, forhold, RSS)",
      measured: ran ? "ingen tal (pages.ts stoppede før første række)" : "ikke målt (pages.ts kørte ikke)",
      met: null,
      why: ran ? "se pages.ts' eget output nedenfor" : "BENCH_ONLY udelod den",
      next: ran ? "kør `npx tsx scripts/bench/pages.ts` alene" : "kør `npm run bench` uden BENCH_ONLY",
    });
  } else {
    const at10 = p.results.filter((r) => r.connections === 10);
    const slow = at10.filter((r) => r.app.p95 > 50 || r.app.errors > 0);
    out.push({
      target: `hver side p95 ≤ 50 ms ved 10 forbindelser, 0 fejl (×${p.scale})`,
      measured: at10.length ? at10.map((r) => `${r.key} ${ms(r.app.p95)}${r.app.errors ? ` (${r.app.errors} fejl)` : ""}`).join(", ") : "ingen måling ved 10",
      met: at10.length ? slow.length === 0 : null,
      why: slow.length
        ? `${slow.map((r) => r.key).join(", ")} over grænsen: listerne henter alle rækker og sorterer i Node (issue 19 punkt 1), rammeværkets faste pris pr. kald (punkt 4; se /login), log ind er argon2 med vilje; ${loaded}`
        : "",
      next: slow.length ? "paging i SQL (punkt 1, i gang), den slanke request-vej (punkt 4); mål igen på en ubelastet maskine" : "",
    });
    const list100 = p.scale >= 100 ? at10.find((r) => r.key === "list") : undefined;
    out.push({
      target: "ansøgningslisten ved ×100 (≈ 10 000 ansøgninger) p95 ≤ 50 ms",
      measured: list100 ? ms(list100.app.p95) : `ikke målt i denne kørsel (×${p.scale})`,
      met: list100 ? list100.app.p95 <= 50 : null,
      why: list100 ? (list100.app.p95 > 50 ? `listen sorterer og pager i Node (punkt 1); ${loaded}` : "") : "×100 tager ½–3 min at seede og holdes ude af de 10 minutter",
      next: list100 ? "paging i SQL (punkt 1)" : "`BENCH_SCALE=100 BENCH_PAGES=list DATABASE_URL=… npx tsx scripts/bench/pages.ts`",
    });
    const data = p.results.filter((r) => DATA_PAGES.has(r.key) && r.ratio !== null);
    const worst = data.reduce<PageRow | null>((w, r) => (!w || r.ratio! < w.ratio! ? r : w), null);
    out.push({
      target: "gennemløb ≥ 0,5 × den bare reference på datasider",
      measured: worst ? `laveste ${worst.key} ved ${worst.connections}: ${num(worst.ratio!, 2)}; ${data.map((r) => `${r.key}@${r.connections} ${num(r.ratio!, 2)}`).join(", ")}` : "ingen reference (PGlite)",
      met: worst ? worst.ratio! >= 0.5 : null,
      why: worst && worst.ratio! < 0.5 ? "appen kører flere SQL-sætninger pr. side end referencen, renderer layout, header og mere markup, og betaler rammeværkets faste pris (rutematch tre gange, GC) – issue 19 punkt 1, 4 og 6" : worst ? "" : "den bare reference kræver en PostgreSQL-server",
      next: worst && worst.ratio! < 0.5 ? "paging i SQL, tælling af SQL-sætninger pr. side (punkt 6), profilering med `node --cpu-prof` (punkt 4)" : worst ? "" : "kør med DATABASE_URL",
    });
    const login = p.results.filter((r) => r.key === "login" && r.ratio !== null);
    const loginWorst = login.reduce<PageRow | null>((w, r) => (!w || r.ratio! < w.ratio! ? r : w), null);
    out.push({
      target: "gennemløb ≥ 0,1 × den bare reference på /login",
      measured: login.length ? login.map((r) => `${r.connections} forb.: ${num(r.ratio!, 2)}`).join(", ") : "ikke målt",
      met: loginWorst ? loginWorst.ratio! >= 0.1 : null,
      why: loginWorst && loginWorst.ratio! < 0.1 ? "/login rører ikke databasen: forskellen er rammeværkets faste pris pr. kald (rutematch, loader-kæde, fuld dokument-render med layout) – punkt 4" : "",
      next: loginWorst && loginWorst.ratio! < 0.1 ? "profilér /login med `node --cpu-prof`, gør rutematch og per-kald-allokeringer billigere (punkt 4)" : "",
    });
    out.push({
      target: "RSS ≤ 250 MB efter belastningen",
      measured: p.rss ? `${num(p.rss.app, 0)} MB (bar reference ${num(p.rss.bare, 0)} MB)` : "ikke målt",
      met: p.rss ? p.rss.app <= 250 : null,
      why: p.rss && p.rss.app > 250 ? "V8 beholder heap efter belastningen (ingen lækage: heapen falder efter en tvungen GC, se issue 19); ingen heap-grænser sat" : "",
      next: p.rss && p.rss.app > 250 ? "sæt `--max-old-space-size`/`--max-semi-space-size` i start-scriptet og mål igen" : "",
    });
  }
  const start = f.runs.find((r) => r.script.endsWith("/start.ts"));
  const startLine = start ? /Mål: seedet start < 5 s \(median\): (.+)/.exec(start.output)?.[1] : undefined;
  const startMedian = start ? /seedet database\s+[\d.]+ s\s+([\d.]+ s)/.exec(start.output)?.[1] : undefined;
  out.push({
    target: "kold start, seedet ≤ 5 s (PGlite)",
    measured: startMedian ? `median ${startMedian} (${/PostgreSQL-server/.test(start!.output) ? "PostgreSQL-server" : "PGlite"})` : "ikke målt",
    met: startLine ? startLine.trim() === "opfyldt" : null,
    why: startLine && startLine.trim() !== "opfyldt" ? loaded : "",
    next: startLine && startLine.trim() !== "opfyldt" ? "mål igen på en ubelastet maskine; profilér opstarten" : "",
  });
  const w = f.pageWeight;
  if (w) {
    for (const t of w.targets) {
      out.push({
        target: t.target,
        measured: `${t.measured} (page-weight.ts, Chromium under Lighthouse' mobilforhold)`,
        met: t.met,
        why: t.met === false ? "se tabellen Sidevægt nedenfor" : "",
        next: t.met === false ? "se hvilke filer siden henter (vite-byggets output) og flyt det, siden ikke bruger, ud" : "",
      });
    }
  } else {
    out.push({
      target: "første JS ≤ 110 KB gzip på /login, ≤ 160 KB overalt; CSS ≤ 20 KB; ingen layoutskift",
      measured: "ikke målt (page-weight.ts kørte ikke)",
      met: null,
      why: "BENCH_ONLY udelod den, eller den fejlede",
      next: "`npx tsx scripts/bench/page-weight.ts`",
    });
  }
  out.push({
    target: "Lighthouse mobil ≥ 95",
    measured: "ikke målt af `npm run bench`",
    met: null,
    why: "Lighthouse er ikke en afhængighed; page-weight.ts måler bytes, FCP og CLS under samme forhold",
    next: "Lighthouse CI mod /login, /applications, formularen og /dashboard",
  });
  out.push({
    target: "to processer på én database ≥ 1,6 × én (2 kerner), ingen fejl, ingen mail to gange",
    measured: "ikke målt af `npm run bench`",
    met: null,
    why: "ikke en del af denne omgang",
    next: "pages.ts med to app-servere bag en round-robin-proxy, og tests/integration/fault-two-processes som mail-kontrol",
  });
  return out;
}

export function renderBenchmarksDoc(f: Facts) {
  const lines: string[] = [];
  const p = f.pages;
  lines.push("# Benchmarks", "");
  lines.push(`Skrevet af \`npm run bench\` (scripts/bench/run-all.ts) ${f.at.toISOString()}. Tallene er fra én kørsel; kør igen for nye.`, "");
  lines.push("## Maskine", "");
  lines.push(`- CPU: ${f.machine.cpu}, ${f.machine.cores} kerner, ${f.machine.memoryGb.toFixed(1)} GB RAM, ${f.machine.os}`);
  lines.push(`- Node ${f.machine.node}; database: ${f.machine.database}`);
  lines.push(`- Belastning (1/5/15 min) før: ${loadText(f.loadBefore)}, efter: ${loadText(f.loadAfter)}`);
  if (f.loadBefore[0]! > f.machine.cores) {
    lines.push(`- **Belastet maskine**: andre processer brugte CPU'en under målingen (belastning over antallet af kerner), så tiderne er for høje og forholdstallene usikre.`);
  }
  lines.push(`- Hele kørslen: ${(f.totalSeconds / 60).toFixed(1)} min (mål: under 10 min): ${f.totalSeconds < 600 ? "opfyldt" : "IKKE opfyldt"}`, "");
  lines.push("## Mål (issue 19)", "");
  lines.push("| mål | målt | opfyldt | hvorfor ikke | næste skridt |", "| --- | --- | --- | --- | --- |");
  for (const v of targets(f)) lines.push(`| ${v.target} | ${v.measured} | ${v.met === null ? "ikke målt" : v.met ? "ja" : "nej"} | ${v.why || "–"} | ${v.next || "–"} |`);
  lines.push("");
  if (p) {
    lines.push(`## Sider (×${p.scale}: ${p.applications} ansøgninger, ${p.auditRows} logposter; ${p.seconds} s pr. måling)`, "");
    lines.push(
      "Bar reference: `node:http`, sidens rækker med håndskrevet SQL gennem postgres.js, renderet med React `renderToString` i samme tabelmarkup, bag et sessionsopslag som appens (scripts/bench/lib/bare-server.ts). Forhold = appens req/s ÷ referencens, målt skiftevis i samme kørsel.",
      "",
    );
    lines.push("| side | forb. | req/s | p50 | p95 | p99 | fejl | bar req/s | forhold |", "| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    for (const r of p.results) {
      lines.push(
        `| ${r.name}${r.note ? ` (${r.note})` : ""} | ${r.connections} | ${num(r.app.reqPerSec)} | ${ms(r.app.p50)} | ${ms(r.app.p95)} | ${ms(r.app.p99)} | ${r.app.errors} | ${r.bare ? num(r.bare.reqPerSec) : "–"} | ${r.ratio === null ? "–" : num(r.ratio, 2)} |`,
      );
    }
    lines.push("");
    if (!p.rss) lines.push("pages.ts blev stoppet før den var færdig (run-all's tidsgrænse pr. script): tallene ovenfor er dem, den nåede.", "");
    if (p.rss) lines.push(`RSS efter belastningen: appen ${num(p.rss.app, 0)} MB, den bare reference ${num(p.rss.bare, 0)} MB.`, "");
    for (const n of p.notes) lines.push(`- ${n}`);
    if (p.notes.length) lines.push("");
  }
  if (f.pageWeight) {
    lines.push("## Sidevægt (første besøg, tom cache, 412×823, langsom 4G og 4× langsommere CPU)", "");
    lines.push("Overført = bytes over nettet (gzip, som serveren sender dem); 1 KB = 1000 byte. scripts/bench/page-weight.ts.", "");
    lines.push(...pageWeightTable(f.pageWeight.rows), "");
  }
  lines.push("## Hvert scripts eget output", "");
  for (const r of f.runs) {
    lines.push(`### ${r.script} (${r.seconds.toFixed(0)} s${r.code === 0 ? "" : `, exit ${r.code}`})`, "", "```", r.output.trim(), "```", "");
  }
  return lines.join("\n");
}
