// The municipality's whole path on the open call: start, fill in, autosave, leave and
// come back, attach a PDF, submit, receipt, read-only. Once more without JavaScript.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import PDFDocument from "pdfkit";
import { fixtures, login } from "./utils";

function smallPdf(): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument();
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.text("Bilag: organisationsdiagram for børne- og familieafdelingen");
    doc.end();
  });
}

async function startApplication(page: Page) {
  await page.goto(`/calls/${fixtures().openCallId}`);
  await page.getByRole("button", { name: "Start ansøgning" }).click();
  await expect(page).toHaveURL(/\/applications\/\d+$/);
  await expect(page.getByRole("heading", { name: /^Ansøgning fra .* Kommune$/ })).toBeVisible();
  // Typing before hydration would be reset by the form library.
  await page.waitForLoadState("networkidle");
  return page.url();
}

async function fillTexts(page: Page) {
  await page.getByLabel("Kontaktperson", { exact: true }).fill("Mette Hansen");
  await page.getByLabel("Kontaktpersonens e-mail").fill("mette.hansen@kommune.dk");
  await page.getByLabel("Kontaktpersonens telefon").fill("54 67 67 67");
  await page.getByLabel("Underskriftsberettiget", { exact: true }).fill("Lars Jensen");
  await page.getByLabel("Underskriftsberettigets stilling").fill("Børne- og familiechef");
  await page.getByLabel("Beskrivelse af udfordringen").fill("Mange børnesager pr. rådgiver og stor udskiftning.");
  await page.getByLabel("Planlagte aktiviteter").fill("Efteruddannelse i børneinddragelse med vikardækning.");
  await page.getByLabel("Forventet effekt").fill("Færre skift af rådgiver for det enkelte barn.");
  await page.getByLabel("Inddragelse").check();
}

const budgetCells = (page: Page) => page.locator('input[name^="budget_"]');

test("a municipality user applies: autosave, come back, attach, submit, receipt, read-only", async ({ page }) => {
  await login(page, "municipality");
  const url = await startApplication(page);
  await fillTexts(page);
  await budgetCells(page).nth(0).fill("125.000,00");
  await budgetCells(page).nth(1).fill("1.234,50");
  await expect(page.getByTestId("budget-total")).toHaveText("126.234,50 kr.");
  await expect(page.getByTestId("autosave-status")).toHaveText(/^Gemt kl\. \d\d:\d\d$/, { timeout: 10_000 });

  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);

  // Leave and come back: the autosaved values are there.
  await page.goto("/");
  await page.goto(url);
  await page.waitForLoadState("networkidle");
  await expect(page.getByLabel("Kontaktperson", { exact: true })).toHaveValue("Mette Hansen");
  await expect(page.getByLabel("Inddragelse")).toBeChecked();
  await expect(budgetCells(page).nth(0)).toHaveValue("125.000,00");
  await expect(page.getByTestId("budget-total")).toHaveText("126.234,50 kr.");

  await page.getByLabel("Vedhæft en fil").setInputFiles({ name: "organisation.pdf", mimeType: "application/pdf", buffer: await smallPdf() });
  await page.getByRole("button", { name: "Vedhæft fil" }).click();
  await expect(page.getByRole("link", { name: "organisation.pdf", exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Indsend ansøgning" }).click();
  await expect(page.getByText("Bekræft, at ansøgningen er klar til at blive indsendt.").first()).toBeVisible();
  await page.getByLabel(/Jeg bekræfter/).check();
  await page.getByRole("button", { name: "Indsend ansøgning" }).click();
  await expect(page.getByRole("heading", { name: "Tak – ansøgningen er modtaget" })).toBeVisible();
  await expect(page.getByText(/Referencenummer PP-\d{4}-\d{4}/)).toBeVisible();
  // An amount ends in "kr.": no second full stop after it.
  await expect(page.getByText("Ansøgt beløb: 126.234,50 kr.")).toBeVisible();
  expect(await page.locator("main").innerText()).not.toContain("kr..");
  const pdf = await page.request.get(`${url}/pdf`);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");

  await page.goto(url);
  // The status history repeats the words in a table cell: the banner is the one that counts.
  await expect(page.getByRole("status").getByText("Ansøgningen er indsendt", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Gem kladde" })).toHaveCount(0);
  await expect(page.getByText("Mette Hansen").first()).toBeVisible();
  await expect(page.getByRole("link", { name: "organisation.pdf", exact: true })).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the form saves, shows errors with the typed values, and submits", async ({ page }) => {
    await login(page, "otherMunicipality");
    const url = await startApplication(page);
    await fillTexts(page);
    await budgetCells(page).nth(0).fill("12,345");
    await page.getByRole("button", { name: "Gem kladde" }).click();
    await expect(page.getByText("Skriv beløbet som et beløb i kroner, fx 125.000,00.").first()).toBeVisible();
    await expect(budgetCells(page).nth(0)).toHaveValue("12,345");
    await expect(page.getByLabel("Kontaktperson", { exact: true })).toHaveValue("Mette Hansen");

    await budgetCells(page).nth(0).fill("80.000,00");
    await page.getByRole("button", { name: "Gem kladde" }).click();
    await expect(page.getByText("Kladden er gemt.")).toBeVisible();
    await expect(page.getByTestId("budget-total")).toHaveText("80.000,00 kr.");

    await page.getByLabel(/Jeg bekræfter/).check();
    await page.getByRole("button", { name: "Indsend ansøgning" }).click();
    await expect(page.getByRole("heading", { name: "Tak – ansøgningen er modtaget" })).toBeVisible();
    await page.goto(url);
    await expect(page.getByRole("button", { name: "Indsend ansøgning" })).toHaveCount(0);
  });
});
