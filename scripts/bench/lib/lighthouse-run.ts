// Lighthouse 12 on the pages page-weight.ts measures: the mobile preset (its default: a
// Moto G Power-sized screen, simulated slow 4G and 4× slower CPU), in Debian's Chromium
// started by chrome-launcher (--headless=new --no-sandbox). Signed-in pages get their session
// cookie as an extra request header. Lighthouse 13 needs Node 22; this machine has Node 20.
// The performance score moves a few points between runs (simulated timings on a shared
// machine), so each page runs LIGHTHOUSE_RUNS times (default 3) and the median run counts,
// as Lighthouse's own docs advise.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import type { LighthouseResult } from "./page-weight-report";

const CATEGORIES = ["performance", "accessibility", "best-practices"] as const;
type Ok = Extract<LighthouseResult, { ok: true }>;

async function once(port: number, url: string, cookie: string | undefined, key: string, run: number): Promise<Omit<Ok, "performanceRuns">> {
  const result = await lighthouse(url, { port, output: "json", logLevel: "error", onlyCategories: [...CATEGORIES], extraHeaders: cookie ? { Cookie: cookie } : undefined });
  if (!result) throw new Error("Lighthouse gav intet resultat");
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
  // The whole report of every run (every audit's details), for finding out what a score is made of.
  if (process.env.LIGHTHOUSE_REPORTS) {
    mkdirSync(process.env.LIGHTHOUSE_REPORTS, { recursive: true });
    writeFileSync(path.join(process.env.LIGHTHOUSE_REPORTS, `${key}-${run + 1}.json`), JSON.stringify(lhr, null, 1));
  }
  const score = (id: string) => {
    const s = lhr.categories[id]?.score;
    return s === null || s === undefined ? null : Math.round(s * 100);
  };
  const failed: Ok["failed"] = [];
  for (const id of CATEGORIES) {
    for (const ref of lhr.categories[id]?.auditRefs ?? []) {
      const a = lhr.audits[ref.id];
      if (!a || ref.weight === 0 || a.score === null || a.score >= 0.9) continue;
      failed.push({ id: a.id, title: a.title, score: a.score, category: id });
    }
  }
  return { ok: true, performance: score("performance"), accessibility: score("accessibility"), bestPractices: score("best-practices"), failed };
}

/** One Chromium for all pages; every run is a fresh Lighthouse navigation (empty cache, a first visit). */
export async function runLighthouse(pages: { key: string; url: string; cookie?: string }[], runs = Number(process.env.LIGHTHOUSE_RUNS ?? 3)): Promise<Record<string, LighthouseResult>> {
  const out: Record<string, LighthouseResult> = {};
  let chrome: chromeLauncher.LaunchedChrome;
  try {
    chrome = await chromeLauncher.launch({
      chromePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
    });
  } catch (e) {
    for (const p of pages) out[p.key] = { ok: false, error: `Chromium startede ikke: ${(e as Error).message.split("\n")[0]}` };
    return out;
  }
  // chrome-launcher starts Chromium in its own process group, so run-all's stop of this
  // step's group (its time budget) does not reach it: end it here, then exit as SIGTERM would.
  const onTerm = () => {
    void chrome.kill();
    if (process.listenerCount("SIGTERM") === 0) process.exit(143);
  };
  process.once("SIGTERM", onTerm);
  try {
    for (const p of pages) {
      const cookie = p.cookie?.split(";")[0];
      const done: Omit<Ok, "performanceRuns">[] = [];
      let lastError = "";
      // A failed run (the first trace after Chromium starts sometimes has no navigation
      // start: NO_NAVSTART) is run again, up to twice as many attempts as runs.
      for (let attempt = 0; done.length < runs && attempt < runs * 2; attempt++) {
        try {
          done.push(await once(chrome.port, p.url, cookie, p.key, done.length));
        } catch (e) {
          lastError = (e as Error).message.split("\n")[0]!.slice(0, 300);
        }
      }
      if (done.length === 0) {
        out[p.key] = { ok: false, error: lastError };
        continue;
      }
      const sorted = [...done].sort((a, b) => (a.performance ?? 0) - (b.performance ?? 0));
      const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
      out[p.key] = { ...median, performanceRuns: done.map((d) => d.performance ?? 0) };
    }
  } finally {
    process.off("SIGTERM", onTerm);
    await chrome.kill();
  }
  return out;
}
