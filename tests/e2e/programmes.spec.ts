// The advisory-programme walk: the admin creates a programme from a template for Morsø's
// grant with two advisors from two agencies; the advisor logs a milestone done with a note
// and an attachment, postpones another, and gets 404 on a programme they are not assigned
// to; the municipality sees it and comments, but cannot edit. axe on each page.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { fixtures, login } from "./utils";

async function axe(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

test.describe.serial("advisory programmes", () => {
  let programmeUrl = "";

  test("the admin creates a programme from a template with advisors from two agencies", async ({ page }) => {
    await login(page, "admin");
    await page.goto("/programmes/new");
    await axe(page);
    await page.getByLabel("Tilsagn").selectOption({ label: "Morsø" });
    await page.getByLabel("Startdato").fill("2026-09-01");
    await page.getByLabel("Planlagt slutdato").fill("2027-03-01");
    await page.getByLabel("Hanne Poulsen, Ankestyrelsen").check();
    await page.getByLabel("Gitte Lauridsen, Social- og Boligstyrelsen").check();
    await page.getByLabel(/^Børneinddragelse/).check();
    await page.getByRole("button", { name: "Opret forløb" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Rådgivningsforløb: Morsø" })).toBeVisible();
    programmeUrl = new URL(page.url()).pathname;
    await expect(page.getByRole("link", { name: "Kick-off" })).toBeVisible();
    await axe(page);
  });

  test("the advisor logs one milestone done with a note and an attachment, postpones another, and gets 404 elsewhere", async ({ page }) => {
    await login(page, "advisor");
    await page.goto(programmeUrl);
    await page.getByRole("link", { name: "Kick-off" }).click();
    await axe(page);
    await page.getByLabel("Status").selectOption({ label: "Gennemført" });
    await page.getByLabel("Faktisk dato (valgfri)").fill("2026-09-01");
    await page.getByLabel(/^Note/).fill("Kick-off med ledelsen; aftalt mødeplan.");
    await page.getByLabel("Ledere").fill("2");
    await page.getByRole("button", { name: "Gem milepælen" }).click();
    await expect(page.getByText("Milepælen er gemt.")).toBeVisible();
    await page.getByLabel("Tilføj bilag (dagsorden, læringsnotat)").setInputFiles({
      name: "dagsorden.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),
    });
    await page.getByRole("button", { name: "Upload bilag" }).click();
    await expect(page.getByRole("link", { name: "dagsorden.pdf" })).toBeVisible();
    await page.goto(programmeUrl);
    await page.getByRole("link", { name: "Behovsafdækning" }).click();
    await page.getByLabel("Status").selectOption({ label: "Udskudt" });
    await page.getByLabel("Planlagt dato").fill("2026-10-15");
    await page.getByLabel("Begrundelse (ved udskudt eller aflyst)").fill("Ledermødet er flyttet.");
    await page.getByRole("button", { name: "Gem milepælen" }).click();
    await expect(page.getByText("Milepælen er gemt.")).toBeVisible();
    await expect(page.getByText(/Planlagt → Udskudt/)).toBeVisible();
    const foreign = await page.goto(`/programmes/${fixtures().otherProgrammeId}`);
    expect(foreign?.status()).toBe(404);
  });

  test("the municipality sees its programme and comments, but cannot edit", async ({ page }) => {
    await login(page, "offeredMunicipality");
    await page.goto(programmeUrl);
    await axe(page);
    await page.getByRole("link", { name: "Kick-off" }).click();
    await expect(page.getByText("Kick-off med ledelsen; aftalt mødeplan.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Gem milepælen" })).toHaveCount(0);
    await page.getByLabel("Skriv en kommentar").fill("Tak – vi sender dagsordenen videre.");
    await page.getByRole("button", { name: "Tilføj kommentar" }).click();
    await expect(page.getByText("Kommentaren er tilføjet.")).toBeVisible();
    await axe(page);
  });
});

test("the seminars page gives each seminar's attendance form its own ids, and a refused answer stays in its own form", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const ministry = await browser.newContext();
  const admin = await ministry.newPage();
  await login(admin, "admin");
  for (const title of ["Seminar A om udredning (id-test)", "Seminar B om opfølgning (id-test)"]) {
    await admin.goto("/programmes/sessions");
    await admin.getByLabel("Titel").fill(title);
    await admin.getByLabel("Dato").fill("2027-03-01");
    await admin.getByLabel("Lolland").check();
    await admin.getByLabel("Faxe").check();
    await admin.getByRole("button", { name: "Opret seminar" }).click();
    await expect(admin.getByRole("heading", { name: title })).toBeVisible();
  }
  await ministry.close();

  await login(page, "municipality");
  await page.goto("/programmes/sessions");
  const fields = page.getByLabel("Antal deltagere fra kommunen");
  expect(await fields.count()).toBeGreaterThanOrEqual(2);
  const duplicates = await page.evaluate(() => {
    const ids = Array.from(document.querySelectorAll("[id]"), (e) => e.id);
    return ids.filter((id, i) => ids.indexOf(id) !== i);
  });
  expect(duplicates).toEqual([]);
  await axe(page);

  const second = page.getByRole("region", { name: "Seminar B om opfølgning (id-test)" });
  await second.getByLabel("Antal deltagere fra kommunen").fill("mange");
  await second.getByRole("button", { name: "Vi deltager", exact: true }).click();
  await expect(second.getByLabel("Antal deltagere fra kommunen")).toHaveValue("mange");
  await expect(second.locator(".form-error-message")).toBeVisible();
  await expect(page.getByRole("region", { name: "Seminar A om udredning (id-test)" }).locator(".form-error-message")).toHaveCount(0);
  await axe(page);
});
