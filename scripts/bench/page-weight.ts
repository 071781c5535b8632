// Issue 19 item 5 ("light pages"): what a first visit costs in the browser. The production
// build with the demo data (scripts/e2e-server.ts, its own database or PGlite folder), then
// Chromium (/usr/bin/chromium, Playwright) with an empty cache and a phone-sized window loads
// /login, /applications as the caseworker, an application form as a municipality (its own
// draft) and /dashboard as the admin, and records per page: the JS and CSS bytes that came over
// the wire (encoded, i.e. gzip/br as the server sent them; Resource Timing's encodedBodySize)
// and unpacked, the number of files, the stylesheets in <head> (render-blocking), first
// contentful paint and the cumulative layout shift (PerformanceObserver "layout-shift", without
// shifts right after input) until the page has been still for a second. Then Lighthouse 12
// (mobile preset) on the same four pages as the same roles: performance, accessibility and
// best-practices scores, the median of LIGHTHOUSE_RUNS runs (lib/lighthouse-run.ts). Prints a table and
// the issue 19 targets; BENCH_JSON writes the figures for run-all. Exits when done and leaves
// no process behind (the server runs in its own process group, stopped and waited for; the
// server database is dropped).
// Usage: npx tsx scripts/bench/page-weight.ts   (DATABASE_URL set → the real server;
// BENCH_PORT, default 3312; PAGE_WEIGHT_SHOTS=dir saves a full-page screenshot of each page;
// LIGHTHOUSE=0 leaves Lighthouse out, LIGHTHOUSE_RUNS=n runs per page (3), LIGHTHOUSE_REPORTS=dir
// keeps each page's full report; PAGE_WEIGHT_PAGES=login,form only those pages (keys: login,
// applications, form, dashboard); scripts/bench/lighthouse.ts runs Lighthouse alone)
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser } from "@playwright/test";
import { DEMO_PASSWORD } from "../../db/seed/demo-content";
import type { E2eFixtures } from "../../tests/e2e/fixtures-data";
import { ensureBuild } from "../lib/build";
import { startDemoProcess } from "./lib/demo-process";
import { loginCookie } from "./lib/measure";
import { lighthouseTable, pageWeightTable, pageWeightTargets, type PageWeight } from "./lib/page-weight-report";

function lighthouseVersion() {
  try {
    return (JSON.parse(readFileSync("node_modules/lighthouse/package.json", "utf8")) as { version: string }).version;
  } catch {
    return "(ikke installeret)";
  }
}
const port = Number(process.env.BENCH_PORT ?? 3312);
const base = `http://localhost:${port}`;
const name = `page_weight`;
const shots = process.env.PAGE_WEIGHT_SHOTS;

// Runs in the page before anything else: collects layout shifts from the start.
const OBSERVE_SHIFTS = `
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.hadRecentInput) continue;
      window.__shifts.push({ value: e.value, sources: (e.sources || []).map((s) => {
        const n = s.node;
        if (!n || !n.nodeName) return "?";
        const el = n.nodeType === 1 ? n : n.parentElement;
        return el ? el.nodeName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\\s+/).join(".") : "") : n.nodeName;
      }) });
    }
  }).observe({ type: "layout-shift", buffered: true });
`;

const COLLECT = `(() => {
  const sum = (ext) => {
    const rs = performance.getEntriesByType("resource").filter((r) => ext.test(new URL(r.name).pathname));
    return { files: rs.length, encoded: rs.reduce((s, r) => s + r.encodedBodySize, 0), decoded: rs.reduce((s, r) => s + r.decodedBodySize, 0) };
  };
  const fcp = performance.getEntriesByName("first-contentful-paint")[0];
  const shifts = window.__shifts;
  return {
    js: sum(/\\.js$/),
    css: sum(/\\.css$/),
    fonts: sum(/\\.(woff2?|eot|ttf)$/),
    fontFiles: performance.getEntriesByType("resource").filter((r) => /\\.(woff2?|eot|ttf)$/.test(r.name)).map((r) => new URL(r.name).pathname.split("/").pop()),
    blockingStylesheets: document.head.querySelectorAll('link[rel="stylesheet"]:not([media="print"])').length,
    fcpMs: fcp ? fcp.startTime : null,
    shifts,
    cls: shifts.reduce((s, e) => s + e.value, 0),
  };
})()`;

type PageSpec = { key: string; name: string; url: string; cookie?: string };

/** The four pages issue 19 names, each signed in as the role that uses it (also lighthouse.ts's). */
export async function benchPages(base: string, fixtures: E2eFixtures): Promise<PageSpec[]> {
  const cookie = (email: string) => loginCookie(base, email, DEMO_PASSWORD);
  return [
    { key: "login", name: "/login (ikke logget ind)", url: "/login" },
    { key: "applications", name: "/applications (sagsbehandler)", url: "/applications", cookie: await cookie(fixtures.logins.caseworker) },
    { key: "form", name: "ansøgningsformular (kommune, kladde)", url: `/applications/${fixtures.draftApplicationId}`, cookie: await cookie(fixtures.logins.draftMunicipality) },
    { key: "dashboard", name: "/dashboard (administrator)", url: "/dashboard", cookie: await cookie(fixtures.logins.admin) },
  ];
}

async function measurePage(browser: Browser, p: PageSpec, opts: { lateFonts?: boolean } = {}): Promise<PageWeight> {
  // A phone (Lighthouse's mobile size), empty cache, no service worker: a first visit.
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true, locale: "da-DK" });
  try {
    if (p.cookie) {
      const [pair] = p.cookie.split(";");
      const eq = pair!.indexOf("=");
      await context.addCookies([{ name: pair!.slice(0, eq), value: pair!.slice(eq + 1), url: base }]);
    }
    await context.addInitScript(OBSERVE_SHIFTS);
    const page = await context.newPage();
    // The worst case for a font swap: the web fonts arrive 2 s after everything else, so the
    // page is laid out and painted in the fallback font first.
    if (opts.lateFonts) await page.route(/\.(woff2?|eot|ttf)$/, async (route) => (await new Promise((r) => setTimeout(r, 2000)), await route.continue()));
    // Lighthouse's mobile conditions (simulated "slow 4G" and a 4× slower CPU), applied for
    // real: a late stylesheet or web font shows as a late first paint or a layout shift.
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    const encodings = new Set<string>();
    page.on("response", (r) => {
      if (/\.(js|css)(\?|$)/.test(r.url())) encodings.add(r.headers()["content-encoding"] ?? "identity");
    });
    const response = await page.goto(base + p.url, { waitUntil: "load" });
    await page.waitForLoadState("networkidle");
    // Hydration and anything it moves: wait until no shift for a second (at most 5 s).
    let last = -1;
    for (let i = 0; i < 10; i++) {
      await page.waitForTimeout(500);
      const n = (await page.evaluate("window.__shifts.length")) as number;
      if (n === last) break;
      last = n;
    }
    // A string, not a function: tsx's name helper (__name) does not exist in the page.
    const facts = (await page.evaluate(COLLECT)) as Pick<PageWeight, "js" | "css" | "fonts" | "fontFiles" | "blockingStylesheets" | "fcpMs" | "shifts" | "cls">;
    if (shots) {
      mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: path.join(shots, `${p.key}.png`), fullPage: true });
    }
    return { ...p, cookie: undefined, status: response?.status() ?? 0, encoding: [...encodings].join("/"), ...facts } as PageWeight;
  } finally {
    await context.close();
  }
}

async function main() {
  await ensureBuild();
  const { fixtures, stop } = await startDemoProcess({ name, port });
  let browser: Browser | null = null;
  try {
    const only = process.env.PAGE_WEIGHT_PAGES?.split(",");
    const pages = (await benchPages(base, fixtures)).filter((p) => !only || only.includes(p.key));
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"] });
    const rows: PageWeight[] = [];
    for (const p of pages) {
      const r = await measurePage(browser, p);
      if (r.status !== 200) throw new Error(`${p.url} answered ${r.status}`);
      const late = await measurePage(browser, p, { lateFonts: true });
      r.clsLateFonts = late.cls;
      r.shifts.push(...late.shifts.map((s) => ({ ...s, sources: [...s.sources, "(skrifttyper forsinket)"] })));
      rows.push(r);
    }
    // Lighthouse after the measurements above, in its own Chromium (LIGHTHOUSE=0 leaves it out).
    if (process.env.LIGHTHOUSE !== "0") {
      await browser.close();
      browser = null;
      // Loaded here, not at the top: a node_modules from before lighthouse was added (a copied
      // folder without `npm ci`) still gets the byte figures, and the rows say why there are no scores.
      const lh = await import("./lib/lighthouse-run").catch((e: unknown) => e as Error);
      if (lh instanceof Error) {
        for (const r of rows) r.lighthouse = { ok: false, error: `lighthouse kunne ikke indlæses (npm ci?): ${lh.message.split("\n")[0]}` };
      } else {
        const scores = await lh.runLighthouse(pages.map((p) => ({ key: p.key, url: base + p.url, cookie: p.cookie })));
        for (const r of rows) r.lighthouse = scores[r.key];
      }
    }
    console.log(`Sidevægt (issue 19 punkt 5): første besøg, tom cache, 412×823, langsom 4G (150 ms, 1,6 Mbit/s) og 4× langsommere CPU, ${process.env.DATABASE_URL ? "PostgreSQL-server" : "PGlite"} · ${new Date().toISOString()}`);
    console.log(`Overført med ${[...new Set(rows.map((r) => r.encoding))].join(", ")}; 1 KB = 1000 byte.\n`);
    for (const line of pageWeightTable(rows)) console.log(line);
    console.log("");
    const lhLines = lighthouseTable(rows);
    if (lhLines.length) console.log(`Lighthouse ${lighthouseVersion()}, mobil (median af ${process.env.LIGHTHOUSE_RUNS ?? 3} kørsler pr. side):\n${lhLines.join("\n")}\n`);
    for (const t of pageWeightTargets(rows)) console.log(`${t.met ? "opfyldt " : "IKKE opfyldt"}: ${t.target} (målt: ${t.measured})`);
    for (const r of rows) console.log(`skrifttyper på ${r.name}: ${r.fontFiles.join(", ") || "ingen"}`);
    for (const r of rows) for (const s of r.shifts) console.log(`skift på ${r.name}: ${s.value.toFixed(3)} fra ${s.sources.join(", ") || "?"}`);
    if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify({ at: new Date().toISOString(), rows, targets: pageWeightTargets(rows) }, null, 2));
  } finally {
    await browser?.close();
    await stop();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve("scripts/bench/page-weight.ts")) {
  main().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
