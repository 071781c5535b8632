// The programme timeline in a browser: no WCAG 2.1 AA violation for any role, the chart and
// the table show the same programmes and milestones (overdue ones included), the filters work
// without JavaScript, and the page's code is loaded on no other page.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { login, type RoleKey } from "./utils";

const TIMELINE = "/programmes/timeline";

async function chartAndTable(page: Page) {
  const chart = page.getByTestId("timeline-chart");
  const table = page.getByTestId("timeline-table");
  const ids = async (loc: ReturnType<Page["locator"]>, attr: string) => (await loc.evaluateAll((els, a) => els.map((e) => e.getAttribute(a)), attr)) as string[];
  return {
    chartProgrammes: await ids(chart.locator("[data-programme-id]"), "data-programme-id"),
    tableProgrammes: await ids(table.locator("tbody[data-programme-id]"), "data-programme-id"),
    chartMilestones: await ids(chart.locator("[data-milestone-id]"), "data-milestone-id"),
    tableMilestones: await ids(table.locator("tr[data-milestone-id]"), "data-milestone-id"),
    chartOverdue: await ids(chart.locator("[data-overdue='true']"), "data-milestone-id"),
    tableOverdue: await ids(table.locator("tr.pp-timeline-row-overdue"), "data-milestone-id"),
  };
}

for (const role of ["admin", "caseworker", "municipality", "advisor"] as RoleKey[]) {
  test(`the timeline has no WCAG 2.1 AA violations for a ${role}, and its chart and table agree`, async ({ page }) => {
    await login(page, role);
    await page.goto(TIMELINE);
    await expect(page.getByRole("heading", { level: 1, name: "Tidslinje for rådgivningsforløb" })).toBeVisible();
    // One menu item is the current page, not the programmes list above it as well.
    await expect(page.getByRole("navigation", { name: "Hovedmenu" }).locator('[aria-current="page"]')).toHaveText(["Tidslinje"]);
    const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);

    const seen = await chartAndTable(page);
    expect(seen.chartProgrammes).toEqual(seen.tableProgrammes);
    expect(seen.chartMilestones).toEqual(seen.tableMilestones);
    expect(seen.chartOverdue).toEqual(seen.tableOverdue);
    if (role === "admin" || role === "caseworker") {
      // The demo's nine programmes, each with its plan (and any a browser test before this one created).
      expect(seen.tableProgrammes.length).toBeGreaterThanOrEqual(9);
      expect(seen.tableMilestones.length).toBeGreaterThan(9);
    } else {
      // Lolland's own programme; the demo advisor's assigned ones.
      expect(seen.tableProgrammes.length).toBeGreaterThan(0);
      expect(seen.tableProgrammes.length).toBeLessThan(9);
    }
    // The table is the accessible source: a named table whose programmes are links.
    await expect(page.getByRole("table", { name: "Rådgivningsforløb og deres milepæle" })).toBeVisible();
    await expect(page.getByRole("img", { name: /Tidslinje over rådgivningsforløbene/ })).toBeVisible();
  });
}

test("today's line and the initiative's end are drawn; the filters work without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await login(page, "caseworker"); // the sign-in form posts without JavaScript too
  await page.goto(TIMELINE);
  await expect(page.getByTestId("timeline-today")).toHaveCount(1);
  // The 2022 pool's end; a programme on another pool (programmes.spec.ts makes one) draws its own line.
  await expect(page.getByTestId("timeline-initiative-end").filter({ hasText: "Initiativet slutter 30.09.2025" })).toHaveCount(1);
  const all = (await chartAndTable(page)).tableProgrammes.length;
  await page.getByLabel("Tema").selectOption({ label: "Inddragelse" });
  await page.getByRole("button", { name: "Filtrér" }).click();
  await expect(page).toHaveURL(/theme=inddragelse/);
  const filtered = await chartAndTable(page);
  expect(filtered.chartProgrammes).toEqual(filtered.tableProgrammes);
  expect(filtered.tableProgrammes.length).toBeGreaterThan(0);
  expect(filtered.tableProgrammes.length).toBeLessThanOrEqual(all);
  // The municipality search is part of the same GET form; a new search starts on page 1.
  await page.getByRole("link", { name: "Nulstil filtre" }).click();
  await page.getByLabel("Kommune").fill("Lolland");
  await page.getByLabel("Kommune").press("Enter");
  await expect(page).toHaveURL(/q=Lolland/);
  const searched = await chartAndTable(page);
  expect(searched.tableProgrammes.length).toBeGreaterThan(0);
  expect(searched.tableProgrammes.length).toBeLessThan(all);
  await expect(page.getByTestId("timeline-table")).toContainText("Lolland");
  await context.close();
});

test("the timeline's JavaScript is loaded on its own page only", async ({ page }) => {
  await login(page, "caseworker");
  await page.goto(TIMELINE);
  const module = await page.evaluate(() => (window as unknown as { __remixManifest: { routes: Record<string, { module: string }> } }).__remixManifest.routes["routes/programmes.timeline"]!.module);
  expect(module).toMatch(/\.js$/);
  const loaded: string[] = [];
  page.on("request", (r) => loaded.push(new URL(r.url()).pathname));
  for (const path of ["/", "/grants", "/applications", "/calls"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
  }
  expect(loaded.filter((p) => p === module)).toEqual([]);
  // The start page links to it; following the link loads it then.
  await page.goto("/");
  await page.goto(TIMELINE);
  await page.waitForLoadState("networkidle");
  expect(loaded).toContain(module);
});
