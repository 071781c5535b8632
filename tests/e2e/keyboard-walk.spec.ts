// Apply and assess with the keyboard alone (issue 15): a municipality user signs in, starts
// an application on the open call, fills in every required field, attaches a file, saves
// and submits; a caseworker then checks formalia, scores each criterion, adds a note and
// completes the assessment. Only Tab, Shift+Tab, Enter, Space, arrows and typing: locators
// are used to say where focus should be, never to act. Every focus stop must be visible.
//
// Billund applies: no other browser test uses Billund on the open call, so the shared
// server's data stays as the other tests expect it.
import { expect, test, type Page } from "@playwright/test";
import PDFDocument from "pdfkit";
import { DEMO_PASSWORD, DEMO_USERS } from "../../db/seed/demo-content";
import { fixtures } from "./utils";
import { expectFocusVisible, isFocused, tabAndPress, tabAndType, tabTo } from "./keyboard";

const billund = DEMO_USERS.find((u) => u.key === "Billund")!.email;

function smallPdf(): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument();
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.text("Bilag: projektplan (tastaturtest)");
    doc.end();
  });
}

/** Wait for hydration and the revalidation after a navigation: typing before it would be reset. */
/**
 * Space on the focused file input opens the chooser. Under a loaded machine the first press
 * was seen to open nothing (the page still busy after the save), so a press that opens no
 * chooser within 5 s is repeated, twice at most, still from the keyboard on the same field.
 */
async function chooserOnSpace(page: Page) {
  for (let attempt = 1; ; attempt++) {
    const chooser = page.waitForEvent("filechooser", { timeout: 5_000 });
    await page.keyboard.press("Space");
    try {
      return await chooser;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

async function settle(page: Page) {
  await page.waitForLoadState("networkidle");
}

/** Sign in through the form with the keyboard: from the top of the page. */
async function keyboardLogin(page: Page, email: string) {
  await page.goto("/login");
  await tabAndType(page, page.getByLabel("E-mail"), "E-mail", email);
  await tabAndType(page, page.getByLabel("Adgangskode"), "Adgangskode", DEMO_PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Log ud" })).toBeVisible();
  await settle(page);
}

async function keyboardLogout(page: Page) {
  await tabAndPress(page, page.getByRole("button", { name: "Log ud" }), "Log ud", "Enter");
  await expect(page.getByRole("heading", { name: "Log ind" })).toBeVisible();
}

test("apply and assess with the keyboard alone", async ({ page }) => {
  test.setTimeout(60_000);
  const { openCallId } = fixtures();

  // ------------------------------------------------------------ the municipality applies
  await keyboardLogin(page, billund);

  // The skip link is the first stop, shows when focused, and moves focus to the main content.
  const skip = page.getByRole("link", { name: "Gå til sidens indhold" });
  await tabTo(page, skip, "skip link", { max: 1 });
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("main-content");
  // The next Tab lands inside the main content, not back in the header.
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => Boolean(document.activeElement?.closest("main")))).toBe(true);

  // The menu: Opslag, then the open call's "Start ansøgning".
  await page.keyboard.press("Shift+Tab");
  await tabAndPress(page, page.getByRole("navigation", { name: "Hovedmenu" }).getByRole("link", { name: "Opslag" }), "menu link Opslag", "Enter", { back: true });
  await expect(page).toHaveURL(/\/calls$/);
  await settle(page);
  const callRow = page.locator("main"); void openCallId;
  await tabAndPress(page, callRow.getByRole("button", { name: /^Start ansøgning/ }), "Start ansøgning");
  await expect(page).toHaveURL(/\/applications\/\d+$/);
  await expect(page.getByRole("heading", { name: "Ansøgning fra Billund Kommune" })).toBeVisible();
  // Typing before hydration would be reset by the form library.
  await settle(page);

  // Submitting the empty form: focus moves to the error summary, which names the first missing field in Danish.
  await tabAndPress(page, page.getByRole("button", { name: "Indsend ansøgning" }), "Indsend ansøgning (empty)");
  const summary = page.getByRole("alert").filter({ hasText: "Der er fejl i formularen" });
  await expect(summary).toBeVisible();
  await expect.poll(() => isFocused(summary)).toBe(true);
  await expect(summary).toContainText("Udfyld kontaktpersonens navn");
  await expect(summary).toContainText("Bekræft, at ansøgningen er klar til at blive indsendt.");
  // Its first link takes focus to the field.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: /Udfyld kontaktpersonens navn/ })).toBeFocused();
  await page.keyboard.press("Enter");
  const contactName = page.getByLabel("Kontaktperson", { exact: true });
  await expect(contactName).toBeFocused();
  await expectFocusVisible(page);

  // Every required field, in the order the page gives them.
  await page.keyboard.type("Ulla Krogh");
  await tabAndType(page, page.getByLabel("Kontaktpersonens e-mail"), "e-mail", "ulla.krogh@billund.dk");
  await tabAndType(page, page.getByLabel("Kontaktpersonens telefon"), "telefon", "79 72 72 70");
  await tabAndType(page, page.getByLabel("Underskriftsberettiget", { exact: true }), "underskriftsberettiget", "Niels Ebbesen");
  await tabAndType(page, page.getByLabel("Underskriftsberettigets stilling"), "stilling", "Børne- og familiechef");
  await tabAndType(page, page.getByLabel("Beskrivelse af udfordringen"), "udfordringen", "Mange nye rådgivere og mange sager pr. rådgiver.");
  await tabAndType(page, page.getByLabel("Planlagte aktiviteter"), "aktiviteter", "Fast sparring for nye rådgivere det første år.");
  await tabTo(page, page.getByLabel("Inddragelse"), "tema Inddragelse");
  await page.keyboard.press("Space");
  await expect(page.getByLabel("Inddragelse")).toBeChecked();
  await tabAndType(page, page.getByLabel("Forventet effekt"), "effekt", "Færre skift af rådgiver for det enkelte barn.");
  const cells = page.locator('input[name^="budget_"]');
  await tabAndType(page, cells.nth(0), "first budget cell", "150.000,00");
  await page.keyboard.press("Tab");
  await page.keyboard.type("25.500,50");
  await expect(page.getByTestId("budget-total")).toHaveText("175.500,50 kr.");

  // Save the draft with the keyboard.
  await tabAndPress(page, page.getByRole("button", { name: "Gem kladde" }), "Gem kladde");
  await expect(page.getByText("Kladden er gemt.")).toBeVisible();
  await settle(page);

  // Attach a file: the file input opens the chooser on Space.
  const fileInput = page.getByLabel("Vedhæft en fil");
  await tabTo(page, fileInput, "Vedhæft en fil");
  await (await chooserOnSpace(page)).setFiles({ name: "projektplan.pdf", mimeType: "application/pdf", buffer: await smallPdf() });
  await tabAndPress(page, page.getByRole("button", { name: "Vedhæft fil" }), "Vedhæft fil");
  await expect(page.getByRole("link", { name: "projektplan.pdf", exact: true })).toBeVisible();
  await expect(page.getByText("Filen er vedhæftet.")).toBeVisible();
  await settle(page);
  // Focus is not lost with the replaced upload form: it is on the attachments section the address names.
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("bilag");

  // Confirm and submit: the confirmation checkbox is above the button, so go back to it.
  await tabTo(page, page.getByLabel(/Jeg bekræfter/), "bekræft", { back: true, max: 80 });
  await page.keyboard.press("Space");
  await expect(page.getByLabel(/Jeg bekræfter/)).toBeChecked();
  await tabAndPress(page, page.getByRole("button", { name: "Indsend ansøgning" }), "Indsend ansøgning");
  await expect(page.getByRole("heading", { name: "Tak – ansøgningen er modtaget" })).toBeVisible();
  const reference = (await page.getByText(/Referencenummer PP-\d{4}-\d{4}/).innerText()).match(/PP-\d{4}-\d{4}/)![0];
  await settle(page);
  await keyboardLogout(page);

  // ------------------------------------------------------------ the caseworker assesses
  await keyboardLogin(page, fixtures().logins.caseworker);
  // Find the application by its reference in the header search.
  await tabAndType(page, page.getByRole("searchbox", { name: /Referencenummer/ }), "søgefelt", reference);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Ansøgning fra Billund Kommune" })).toBeVisible();
  await settle(page);
  await tabAndPress(page, page.getByRole("link", { name: "Vurdering", exact: true }), "link to the assessment");
  await expect(page.getByRole("heading", { name: /^Vurdering: Billund/ })).toBeVisible();
  await settle(page);

  // Formalia: the purpose is the caseworker's to judge. Arrow keys move within the radio group.
  const purpose = page.getByRole("group", { name: "Aktiviteterne ligger inden for puljens formål" });
  await tabTo(page, purpose.getByLabel("Opfyldt", { exact: true }), "formalia: Opfyldt");
  await page.keyboard.press("ArrowRight");
  await expect(purpose.getByLabel("Ikke opfyldt")).toBeChecked();
  await expectFocusVisible(page);
  await page.keyboard.press("ArrowLeft");
  await expect(purpose.getByLabel("Opfyldt", { exact: true })).toBeChecked();
  await tabAndType(page, purpose.getByLabel("Bemærkning"), "formalia: Bemærkning", "Sparring for nye rådgivere ligger inden for formålet.");
  await tabAndPress(page, page.getByRole("button", { name: "Gem formalia" }), "Gem formalia");
  await expect(page.getByText("Formalia er gemt.")).toBeVisible();
  await settle(page);

  // A score per criterion (type-ahead on the select), each with a remark.
  const scores: [RegExp, string][] = [
    [/Sammenhæng med puljens formål/, "4"],
    [/Aktiviteternes kvalitet og realisme/, "3"],
    [/Budgettets rimelighed/, "5"],
  ];
  for (const [criterion, score] of scores) {
    const group = page.getByRole("group", { name: criterion });
    await tabTo(page, group.getByLabel(/^Score/), `score: ${criterion.source}`);
    await page.keyboard.type(score);
    await expect(group.getByLabel(/^Score/)).toHaveValue(score);
    await tabAndType(page, group.getByLabel("Bemærkning"), `bemærkning: ${criterion.source}`, "Vurderet med tastaturet.");
  }
  await tabAndPress(page, page.getByRole("button", { name: "Gem scorer" }), "Gem scorer");
  await expect(page.getByText("Scorerne er gemt.")).toBeVisible();
  await expect(page.getByText(/Vægtet score: 3,9/)).toBeVisible();
  await settle(page);

  // A note.
  await tabAndType(page, page.getByLabel("Ny note"), "Ny note", "Kontakt kommunen om opstart i januar.");
  await tabAndPress(page, page.getByRole("button", { name: "Tilføj note" }), "Tilføj note");
  await expect(page.getByText("Noten er tilføjet.")).toBeVisible();
  await expect(page.getByText("Kontakt kommunen om opstart i januar.")).toBeVisible();
  await settle(page);

  // Complete the assessment (the button is above the notes: go back to it).
  await tabAndPress(page, page.getByRole("button", { name: "Afslut vurdering" }), "Afslut vurdering", "Enter", { back: true, max: 80 });
  await expect(page.getByRole("status").getByText("Vurderingen er afsluttet.", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Tag op igen" })).toBeVisible();
});
