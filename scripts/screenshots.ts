// Full-page screenshots of the main pages for each role (and the login page with its error
// messages), on the production build with the demo data, at a desktop and a phone width:
// for checking that a styling change (e.g. the purged dkfds stylesheet) looks the same.
// With SCREENSHOTS_COMPARE=<folder of an earlier run> it compares pixel by pixel in Chromium
// and prints, per page, how many pixels differ (and writes <name>.diff.png in red where they do).
// Exits when done; the server is stopped and its database dropped.
// Usage: SCREENSHOTS_DIR=.cache/shots-after SCREENSHOTS_COMPARE=.cache/shots-before npx tsx scripts/screenshots.ts
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../db/seed/demo-content";
import { startDemoProcess } from "./bench/lib/demo-process";
import { loginCookie } from "./bench/lib/measure";
import { ensureBuild } from "./lib/build";

const port = Number(process.env.SCREENSHOTS_PORT ?? 3313);
const dir = path.resolve(process.env.SCREENSHOTS_DIR ?? ".cache/screenshots");
const compareWith = process.env.SCREENSHOTS_COMPARE ? path.resolve(process.env.SCREENSHOTS_COMPARE) : null;

const PIXEL_DIFF = `async ([a, b]) => {
        const load = (src) => new Promise((ok) => Object.assign(new Image(), { onload() { ok(this); }, src }));
        const [ia, ib] = await Promise.all([load(a), load(b)]);
        const w = Math.max(ia.width, ib.width);
        const h = Math.max(ia.height, ib.height);
        const px = (img) => {
          const c = Object.assign(document.createElement("canvas"), { width: w, height: h });
          const g = c.getContext("2d");
          g.drawImage(img, 0, 0);
          return g.getImageData(0, 0, w, h);
        };
        const da = px(ia);
        const db = px(ib);
        const c = Object.assign(document.createElement("canvas"), { width: w, height: h });
        const g = c.getContext("2d");
        g.drawImage(ib, 0, 0);
        g.fillStyle = "rgba(255,255,255,0.7)";
        g.fillRect(0, 0, w, h);
        let diff = 0;
        g.fillStyle = "red";
        for (let i = 0; i < da.data.length; i += 4) {
          if (da.data[i] !== db.data[i] || da.data[i + 1] !== db.data[i + 1] || da.data[i + 2] !== db.data[i + 2]) {
            diff++;
            const p = i / 4;
            g.fillRect(p % w, Math.floor(p / w), 1, 1);
          }
        }
        return { diff, size: \`\${ia.width}×\${ia.height} → \${ib.width}×\${ib.height}\`, png: diff ? c.toDataURL("image/png") : null };
      }`;

await ensureBuild();
const { base, fixtures: f, stop } = await startDemoProcess({ name: "screenshots", port });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
let failed = false;
try {
  const roles: { role: string; email: string | null; pages: [string, string][] }[] = [
    { role: "anon", email: null, pages: [["login", "/login"], ["hvem-fik-hvad", "/hvem-fik-hvad"], ["forgot", "/forgot-password"]] },
    {
      role: "caseworker",
      email: f.logins.caseworker,
      pages: [
        ["start", "/"],
        ["applications", "/applications"],
        ["application", `/applications/${f.otherApplicationId}`],
        ["assessment", `/applications/${f.formaliaApplicationId}/assessment`],
        ["calls", "/calls"],
        ["call", `/calls/${f.openCallId}`],
        ["allocation", `/calls/${f.historicalCallId}/allocation`],
        ["grant", `/grants/${f.otherGrantId}`],
        ["pools", "/pools"],
        ["payments", "/payments"],
      ],
    },
    {
      role: "municipality",
      email: f.logins.municipality,
      pages: [["start", "/"], ["applications", "/applications"], ["application", `/applications/${f.ownApplicationId}`], ["grant", `/grants/${f.ownGrantId}`], ["budget-change", `/grants/${f.budgetGrantId}/budget-changes/new`], ["apply", `/calls/${f.openCallId}/apply`]],
    },
    { role: "draft", email: f.logins.draftMunicipality, pages: [["form", `/applications/${f.draftApplicationId}`]] },
    { role: "advisor", email: f.logins.advisor, pages: [["start", "/"], ["programme", `/programmes/${f.ownProgrammeId}`]] },
    {
      role: "admin",
      email: f.logins.admin,
      pages: [["dashboard", "/dashboard"], ["users", "/admin/users"], ["audit", "/admin/audit"], ["mail", "/admin/mail"], ["status-pack", "/status-pack"], ["timeline", "/programmes/timeline"], ["reports", "/reports"]],
    },
  ];
  mkdirSync(dir, { recursive: true });
  const shots: string[] = [];
  for (const { role, email, pages } of roles) {
    const cookie = email ? await loginCookie(base, email, DEMO_PASSWORD) : null;
    for (const [width, label] of [[1280, "desktop"], [412, "phone"]] as const) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, locale: "da-DK", timezoneId: "Europe/Copenhagen" });
      if (cookie) {
        const eq = cookie.indexOf("=");
        await context.addCookies([{ name: cookie.slice(0, eq), value: cookie.slice(eq + 1), url: base }]);
      }
      const page = await context.newPage();
      for (const [key, url] of pages) {
        const res = await page.goto(base + url, { waitUntil: "networkidle" });
        if (!res || res.status() >= 400) throw new Error(`${role} ${url}: ${res?.status()}`);
        await page.evaluate(() => document.fonts.ready);
        const file = `${role}-${key}-${label}.png`;
        await page.screenshot({ path: path.join(dir, file), fullPage: true, animations: "disabled", caret: "hide" });
        shots.push(file);
      }
      if (!email) {
        // The error states: an empty login sent (client-side messages and the summary).
        await page.goto(base + "/login", { waitUntil: "networkidle" });
        await page.getByRole("button", { name: "Log ind" }).click();
        await page.waitForTimeout(300);
        const file = `anon-login-errors-${label}.png`;
        await page.screenshot({ path: path.join(dir, file), fullPage: true, animations: "disabled", caret: "hide" });
        shots.push(file);
      }
      await context.close();
    }
  }
  console.log(`${shots.length} skærmbilleder i ${dir}`);
  if (compareWith) failed = !(await compare(await (await browser.newContext()).newPage(), shots));
} finally {
  await browser.close();
  await stop();
}
process.exit(failed ? 1 : 0);

async function compare(page: Page, shots: string[]) {
  let same = true;
  for (const file of shots) {
    const before = path.join(compareWith!, file);
    if (!existsSync(before)) {
      console.log(`${file}: intet at sammenligne med`);
      continue;
    }
    const dataUrl = (p: string) => `data:image/png;base64,${readFileSync(p).toString("base64")}`;
    // A string, not a function: tsx's name helper (__name) does not exist in the page.
    const r = (await page.evaluate(`(${PIXEL_DIFF})(${JSON.stringify([dataUrl(before), dataUrl(path.join(dir, file))])})`)) as { diff: number; size: string; png: string | null };
    if (r.png) writeFileSync(path.join(dir, file.replace(/\.png$/, ".diff.png")), Buffer.from(r.png.split(",")[1]!, "base64"));
    if (r.diff) same = false;
    console.log(`${r.diff ? "FORSKEL" : "ens    "} ${file}: ${r.diff} pixels (${r.size})`);
  }
  return same;
}

