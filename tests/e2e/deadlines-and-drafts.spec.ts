// Issue 14 as a user meets it: the deadline on the form (time left, read-only after it,
// the test clock that moves it), no silent loss of typing, the budget grid's fixed column
// and named errors, withdrawing a call, labels a municipality may see, and the reference search.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { fixtures, login, type RoleKey } from "./utils";

async function signedIn(browser: Browser, role: RoleKey, javaScriptEnabled = true) {
  const context = await browser.newContext({ javaScriptEnabled, locale: "da-DK", timezoneId: "Europe/Copenhagen" });
  const page = await context.newPage();
  await login(page, role);
  return page;
}

/** Moves "now" through the admin's page (a date and a Copenhagen time), or back to the real time. */
async function setClock(admin: Page, at: Date | null) {
  await admin.goto("/admin/clock");
  if (!at) {
    const off = admin.getByRole("button", { name: "Slå testuret fra" });
    if (await off.count()) {
      await off.click();
      await expect(admin.getByText("Testuret er slået fra.", { exact: false })).toBeVisible();
    }
    return;
  }
  const parts = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Copenhagen", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false }).format(at);
  const [date, time] = parts.split(" ");
  await admin.getByLabel("Dato").fill(date);
  await admin.getByLabel("Klokkeslæt (dansk tid)").fill(time);
  await admin.getByRole("button", { name: "Stil testuret" }).click();
  await expect(admin.getByText("Testuret er stillet.")).toBeVisible();
}

async function axeClean(page: Page) {
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

// The clock is shared by every test on the server: whatever happens, it goes back.
test.afterEach(async ({ browser }) => {
  const admin = await signedIn(browser, "admin");
  await setClock(admin, null);
  await admin.context().close();
});

test("the form shows the deadline and time left; on the last day in hours; after it, read-only with a banner (JS on and off)", async ({ browser }) => {
  // Three signed-in browsers and two clock moves: more steps than the default budget allows on a busy machine.
  test.setTimeout(120_000);
  const f = fixtures();
  const deadline = new Date(f.openCallDeadline);
  const admin = await signedIn(browser, "admin");
  const municipality = await signedIn(browser, "draftMunicipality");
  const noJs = await signedIn(browser, "draftMunicipality", false);
  const url = `/applications/${f.draftApplicationId}`;
  try {
    await municipality.goto(url);
    await expect(municipality.getByText(/^Frist: /)).toBeVisible();
    await expect(municipality.getByTestId("time-left")).toHaveText(/^Der er \d+ dage? tilbage til fristen\.$/);

    await setClock(admin, new Date(deadline.getTime() - 3 * 3600_000));
    await municipality.goto(url);
    await expect(municipality.getByTestId("test-clock-banner")).toBeVisible();
    await expect(municipality.getByTestId("time-left")).toHaveText(/^Der er (3 timer|2 timer og 59 minutter) tilbage til fristen\.$/);
    await axeClean(municipality);

    await setClock(admin, new Date(deadline.getTime() + 60_000));
    for (const page of [municipality, noJs]) {
      await page.goto(url);
      await expect(page.getByText("Ansøgningsfristen er overskredet", { exact: true })).toBeVisible();
      await expect(page.getByRole("button", { name: "Gem kladde" })).toHaveCount(0);
      await expect(page.getByRole("textbox", { name: "Planlagte aktiviteter" })).toHaveCount(0);
    }
    await axeClean(municipality);
    // The server refuses too, whatever a stale page posts.
    const res = await municipality.request.post(url, { form: { intent: "save", version: "1", activities: "for sent" } });
    expect(res.status()).toBe(409);
  } finally {
    await setClock(admin, null);
  }
  await municipality.goto(url);
  await expect(municipality.getByTestId("test-clock-banner")).toHaveCount(0);
  await expect(municipality.getByRole("button", { name: "Gem kladde" })).toBeVisible();
});

test("typing is not lost: a warning before leaving, and an invalid field does not stop the rest from being saved", async ({ browser }) => {
  const f = fixtures();
  const page = await signedIn(browser, "draftMunicipality");
  await page.goto(`/applications/${f.draftApplicationId}`);
  await page.waitForLoadState("networkidle");

  // In-app navigation right after typing asks first.
  await page.getByLabel("Planlagte aktiviteter").fill("Efteruddannelse i børneinddragelse, forår og efterår.");
  await page.getByRole("link", { name: "Forside" }).click();
  await expect(page.getByRole("alertdialog")).toContainText("Du har ændringer, der ikke er gemt");
  await page.getByRole("button", { name: "Bliv på siden" }).click();
  await expect(page).toHaveURL(/\/applications\/\d+$/);

  // One invalid field: the rest is saved, the invalid one is marked next to the field.
  await page.getByLabel("Kontaktpersonens telefon").fill("ring til mig");
  await page.getByLabel("Forventet effekt").fill("Færre skift af rådgiver.");
  await expect(page.getByTestId("autosave-status")).toHaveText(/^Gemt kl\. \d\d:\d\d, undtagen ét felt med fejl/, { timeout: 10_000 });
  await expect(page.getByLabel("Kontaktpersonens telefon")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#contactPhone-error")).toContainText("telefonnummer");

  // Closing the tab with unsaved typing triggers the browser's own warning.
  await page.getByLabel("Forventet effekt").fill("Færre skift af rådgiver for det enkelte barn.");
  const dialog = page.waitForEvent("dialog");
  await page.close({ runBeforeUnload: true });
  expect((await dialog).type()).toBe("beforeunload");
  await (await dialog).accept();

  const again = await signedIn(browser, "draftMunicipality");
  await again.goto(`/applications/${f.draftApplicationId}`);
  await expect(again.getByLabel("Planlagte aktiviteter")).toHaveValue("Efteruddannelse i børneinddragelse, forår og efterår.");
  await expect(again.getByLabel("Forventet effekt")).toHaveValue("Færre skift af rådgiver.");
  await expect(again.getByLabel("Kontaktpersonens telefon")).not.toHaveValue("ring til mig");
});

test("a press on Gem kladde while the autosave's page data still loads is sent once it has loaded", async ({ browser }) => {
  const f = fixtures();
  const page = await signedIn(browser, "draftMunicipality");
  await page.goto(`/applications/${f.draftApplicationId}`);
  await page.waitForLoadState("networkidle");
  // Hold the reload of the page's data that follows an autosave, so the press lands while
  // the autosave has answered but its fetcher is still busy (as on a slow line).
  await page.route(/\.data(\?|$)/, async (route) => {
    if (route.request().method() === "GET") await new Promise((resolve) => setTimeout(resolve, 2500));
    await route.continue();
  });
  const reloading = page.waitForRequest((request) => request.method() === "GET" && /\.data(\?|$)/.test(request.url()));
  await page.getByLabel("Forventet effekt").fill("Færre skift af rådgiver, også i ferierne.");
  await expect(page.getByTestId("autosave-status")).toHaveText(/^Gemt kl\./, { timeout: 10_000 });
  await reloading;
  await page.getByRole("button", { name: "Gem kladde" }).click();
  await expect(page.getByText("Kladden er gemt.")).toBeVisible({ timeout: 15_000 });
  await expect(page.getByLabel("Forventet effekt")).toHaveValue("Færre skift af rådgiver, også i ferierne.");
});

test("the budget grid keeps the category column in view, and the error summary names and links each cell (JS off)", async ({ browser }) => {
  const f = fixtures();
  const page = await signedIn(browser, "draftMunicipality", false);
  await page.setViewportSize({ width: 700, height: 900 });
  await page.goto(`/applications/${f.draftApplicationId}`);
  const cells = page.locator('input[name^="budget_"]');
  await cells.nth(0).fill("12,345");
  await cells.nth(1).fill("abc");
  await page.getByRole("button", { name: "Gem kladde" }).click();
  const summary = page.locator(".alert-error").filter({ hasText: "Der er fejl i formularen" });
  const links = summary.getByRole("link");
  await expect(links).toHaveCount(2);
  await expect(links.nth(0)).toHaveText(/^Vikardækning, \d\. kvt\. \d{4}: Skriv beløbet som et beløb i kroner/);
  await expect(links.nth(1)).toHaveText(/^Vikardækning, \d\. kvt\. \d{4}: /);
  expect(await links.nth(0).getAttribute("href")).toBe(`#${await cells.nth(0).getAttribute("id")}`);
  await expect(page.getByText("Kladden er delvist gemt")).toBeVisible();

  const region = page.getByRole("region", { name: "Budget" });
  const label = region.getByRole("rowheader").first();
  const before = await label.boundingBox();
  await region.evaluate((el) => (el.scrollLeft = 600));
  expect(await region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  const after = await label.boundingBox();
  // Pinned to the region's edge (a pixel of border aside); without it, it would be ~600 px off to the left.
  expect(Math.abs(after!.x - before!.x)).toBeLessThanOrEqual(2);
});

test("a published call without applications can be withdrawn to draft after a confirmation", async ({ page }) => {
  const f = fixtures();
  await login(page, "caseworker");
  await page.goto(`/calls/${f.withdrawableCallId}`);
  await page.getByRole("link", { name: "Træk tilbage til kladde" }).click();
  await expect(page.getByText("Vil du trække opslaget tilbage?")).toBeVisible();
  await axeClean(page);
  await page.getByRole("button", { name: "Ja, træk opslaget tilbage" }).click();
  await expect(page.getByText("Opslaget er trukket tilbage")).toBeVisible();
  await expect(page.locator(".pp-badge").first()).toHaveText("Kladde");
  // A call with applications offers no such button.
  await page.goto(`/calls/${f.historicalCallId}`);
  await expect(page.getByRole("link", { name: "Træk tilbage til kladde" })).toHaveCount(0);
});

test("a municipality never sees the ministry's working states; the header search opens an application by reference", async ({ page }) => {
  const f = fixtures();
  await login(page, "municipality");
  for (const path of ["/", "/calls", "/applications", `/calls/${f.historicalCallId}`, `/applications/${f.ownApplicationId}`]) {
    await page.goto(path);
    await expect(page.locator("main")).not.toContainText(/Formalia godkendt|Indstillet til afslag|Vurderet/);
  }
  await page.goto(`/applications/${f.ownApplicationId}`);
  // Lolland's 2022 application was granted in the demo round (assessed before that: the
  // municipality saw "Under behandling", never "Vurderet").
  await expect(page.locator(".pp-badge").first()).toHaveText("Tilsagn givet");
  const reference = (await page.title()).match(/PP-\d{4}-\d+/)![0];

  await page.goto("/");
  await page.getByRole("searchbox", { name: /Referencenummer/ }).fill(reference.toLowerCase());
  await page.getByRole("button", { name: "Find" }).click();
  await expect(page).toHaveURL(new RegExp(`/applications/${f.ownApplicationId}$`));
  // Another municipality's reference is not found.
  await page.goto(`/search?q=PP-2022-${String(f.otherApplicationId).padStart(4, "0")}`);
  await expect(page.getByText(/^Ingen ansøgning med referencenummeret/)).toBeVisible();
});
