// Accounts with JavaScript on: Faxe fills its accounts per budget line, attaches the
// auditor's statement (PDF) and submits; the caseworker approves; the repayment claim for
// the unspent money is shown to both.
import { expect, test } from "@playwright/test";
import { fixtures, login } from "./utils";

const pdf = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

test("a municipality submits its accounts with the auditor's statement; the caseworker approves and the claim is shown", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const { accountsGrantId: id } = fixtures();
  await login(page, "otherMunicipality");
  await page.goto(`/grants/${id}`);
  await page.getByRole("link", { name: "Gå til regnskabet" }).click();
  await expect(page.getByRole("heading", { name: /Regnskab for Faxe/ })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Tilskud fra puljen (udbetalt)" })).toBeVisible();

  const fields = page.getByLabel(/: afholdte udgifter$/);
  const n = await fields.count();
  expect(n).toBeGreaterThan(0);
  for (let i = 0; i < n; i++) await fields.nth(i).fill("100.000,00");
  await page.getByRole("button", { name: "Gem regnskab" }).click();
  await expect(page.getByText("Regnskabet er gemt.")).toBeVisible();

  await page.getByLabel("Revisorerklæring").setInputFiles({ name: "Revisorerklæring Faxe 2024.pdf", mimeType: "application/pdf", buffer: pdf });
  await page.getByRole("button", { name: "Vedhæft revisorerklæring" }).click();
  await expect(page.getByText("Revisorerklæringen er vedhæftet.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Revisorerklæring Faxe 2024.pdf" })).toBeVisible();

  await page.getByRole("button", { name: "Indsend regnskab" }).click();
  await expect(page.getByText("Regnskabet er indsendt til ministeriet.")).toBeVisible();
  await expect(page.getByTestId("accounts-status")).toHaveText("Indsendt");

  const ministry = await browser.newContext();
  const cw = await ministry.newPage();
  await login(cw, "caseworker");
  await cw.goto(`/grants/${id}/accounts`);
  await expect(cw.getByTestId("claim-amount")).toContainText("Tilbagebetalingskrav:");
  await cw.getByRole("button", { name: "Godkend regnskab" }).click();
  await expect(cw.getByText("Regnskabet er godkendt.")).toBeVisible();
  await expect(cw.getByTestId("accounts-status")).toHaveText("Godkendt");
  await expect(cw.getByRole("table", { name: "Tilbagebetalingskrav" })).toContainText("Krævet tilbagebetalt");
  await expect(cw.getByRole("button", { name: "Registrér tilbagebetaling" })).toBeVisible();
  await ministry.close();

  await page.reload();
  await expect(page.getByTestId("accounts-status")).toHaveText("Godkendt");
  await expect(page.getByTestId("claim-amount")).toContainText("Tilbagebetalingskrav:");
  await expect(page.getByRole("button", { name: "Registrér tilbagebetaling" })).toHaveCount(0);
});
