// The formal check with JavaScript on: what the system knows is shown as checked facts
// (no answer to give), only the purpose is asked of the caseworker, and saving works.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { fixtures, login } from "./utils";

test("the caseworker sees the system's pre-checked facts and saves the formal check", async ({ page }) => {
  const { formaliaApplicationId: id } = fixtures();
  await login(page, "caseworker");
  await page.goto(`/applications/${id}/assessment`);

  const system = page.getByRole("table", { name: "Kontrolleret af systemet" });
  await expect(system).toBeVisible();
  const row = (label: RegExp) => system.getByRole("row").filter({ has: page.getByRole("cell", { name: label }) });
  await expect(row(/Indsendt inden fristen/)).toContainText(/Opfyldt.*Indsendt \d\d\.\d\d\.2022 kl\. \d\d:\d\d, før fristen 07\.11\.2022 kl\. 12:00\./);
  await expect(row(/kommune på opslagets liste/)).toContainText("Holstebro Kommune står på opslagets liste");
  await expect(row(/Budgettet er udfyldt/)).toContainText(/Opfyldt.*Budget i alt/);
  await expect(row(/underskriftsberettiget/)).toContainText(/Opfyldt.*underskriftsberettiget .+, Børne- og familiechef\./);

  // The access matrix opens an assessed (read-only) application; the editable form is checked here.
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  // System-known requirements are facts, not questions: no radio buttons or checkboxes for them.
  const formalia = page.locator("section", { has: page.getByRole("heading", { name: "Formalia", level: 2 }) });
  await expect(formalia.getByRole("radio")).toHaveCount(2);
  await expect(formalia.getByRole("checkbox")).toHaveCount(0);
  const purpose = formalia.getByRole("group", { name: "Aktiviteterne ligger inden for puljens formål" });
  await purpose.getByLabel("Opfyldt", { exact: true }).check();
  await purpose.getByLabel("Bemærkning").fill("Rådgiverforløb svarer til puljens formål (e2e).");

  await formalia.getByRole("button", { name: "Gem formalia" }).click();
  await expect(page.getByText("Formalia er gemt.")).toBeVisible();
  await expect(page).toHaveURL(/saved=formalia/);
  await expect(purpose.getByLabel("Bemærkning")).toHaveValue("Rådgiverforløb svarer til puljens formål (e2e).");
  await expect(system).toContainText("før fristen");
});
