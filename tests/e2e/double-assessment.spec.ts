// Two independent assessments side by side (decision 017), with JavaScript on: the seeded
// Odsherred application on the open call was scored by the caseworker and the admin, both
// submitted, 4 against 2 on the first criterion. The caseworker sees both, the difference
// flagged in words, and records the agreement, which needs a reason for the flagged one.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { fixtures, login } from "./utils";

test("the caseworker sees both assessments side by side, the difference of 2 flagged, and records the agreement", async ({ page }) => {
  const { doubleAssessedApplicationId: id } = fixtures();
  await login(page, "caseworker");
  await page.goto(`/applications/${id}/assessment`);

  const table = page.getByRole("table", { name: "De to vurderinger side om side" });
  await expect(table).toBeVisible();
  await expect(table.getByRole("columnheader", { name: "1. bedømmer: Jonas Holm Pedersen" })).toBeVisible();
  await expect(table.getByRole("columnheader", { name: "2. bedømmer: Mette Kjær Andersen" })).toBeVisible();
  const row = (label: string) => table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: label }) });
  const purpose = row("Sammenhæng med puljens formål");
  // 4 against 2: flagged in words, not only by colour; the others are not.
  await expect(purpose.getByRole("cell")).toHaveText([/^40 %$/, /^4/, /^2/, /^2 ⚠ Stor forskel$/, /Ikke aftalt \(forslag 3\)/]);
  await expect(row("Aktiviteternes kvalitet og realisme")).not.toContainText("Stor forskel");
  await expect(row("Budgettets rimelighed")).not.toContainText("Stor forskel");
  await expect(page.getByText("Stor forskel på 1 kriterium")).toBeVisible();
  // Each assessor's remark is there once both are in.
  await expect(purpose).toContainText("Formålet er kun delvis begrundet i ansøgningen.");

  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  // The agreement is proposed as the rounded mean: 3 (4 and 2), 3 (3 and 3), 4 (3 and 4).
  const agreement = page.getByRole("group", { name: /Sammenhæng med puljens formål/ });
  await expect(agreement.getByLabel(/Aftalt score/)).toHaveValue("3");
  await expect(page.getByRole("group", { name: /Budgettets rimelighed/ }).getByLabel(/Aftalt score/)).toHaveValue("4");
  await expect(page.getByText("Vægtet score ud fra de aftalte scorer: –")).toBeVisible();

  // A flagged difference needs a reason.
  await page.getByRole("button", { name: "Gem enighed" }).click();
  await expect(agreement.getByRole("alert")).toContainText("2 eller flere point fra hinanden");
  await agreement.getByLabel(/Begrundelse/).fill("Enige om 3: målgruppen er beskrevet, effekten ikke (e2e).");
  await page.getByRole("button", { name: "Gem enighed" }).click();
  await expect(page.getByText("Enigheden er gemt.")).toBeVisible();
  await expect(row("Sammenhæng med puljens formål").getByRole("cell").last()).toContainText("3Enige om 3");
  // 3·40 + 3·35 + 4·25 = 325 → 3,3 (rounded half up from 3,25).
  await expect(page.getByText(/Vægtet score ud fra de aftalte scorer: 3,3/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Afslut vurdering" })).toBeVisible();
});
