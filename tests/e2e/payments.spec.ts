// Issue 16, payments in the browser (JavaScript on): a caseworker prepares a quarter's
// payment and cannot approve it (the page says why, the server refuses); the admin
// approves it and marks it paid with a date; a paid payment is never edited, only
// corrected by an entry; the hold says why on the grant, its payment page and the work
// list; and the exports for the finance system carry the payment with amounts in øre and
// kroner as numbers (the XLSX read back with exceljs). Data: tests/e2e/fixtures-allocation.ts.
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { expect, test, type Browser, type Download, type Page } from "@playwright/test";
import { fixtures, login, type RoleKey } from "./utils";

async function signedIn(browser: Browser, role: RoleKey): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await login(page, role);
  return page;
}

function formatQuarter(q: string) {
  const [y, n] = q.split("-Q");
  return `${n}. kvt. ${y}`;
}

function kroner(ore: bigint) {
  return `${(ore / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ".")},${(ore % 100n).toString().padStart(2, "0")}`;
}

async function bytesOf(download: Download) {
  return readFileSync((await download.path())!);
}

test("a caseworker prepares, another approves and marks paid; a paid payment is only corrected; the hold says why; the export has the payment", async ({
  browser,
}) => {
  test.setTimeout(60_000);
  const f = fixtures().allocation;
  const url = `/grants/${f.paymentGrantId}/payments`;
  const quarter = formatQuarter(f.paymentQuarter);
  const amountOre = BigInt(f.paymentAmountOre);
  const row = (p: Page) => p.locator("tbody tr", { has: p.getByRole("rowheader", { name: quarter, exact: true }) });

  // The caseworker prepares the quarter.
  const caseworker = await signedIn(browser, "caseworker");
  await caseworker.goto(url);
  const municipality = ((await caseworker.getByRole("heading", { level: 1 }).textContent()) ?? "").replace("Udbetalinger til ", "").trim();
  await expect(row(caseworker)).toContainText(`${kroner(amountOre)} kr.`);
  await expect(row(caseworker)).toContainText("Planlagt");
  await row(caseworker).getByRole("button", { name: `Klargør ${quarter}` }).click();
  await expect(caseworker.getByRole("status").filter({ hasText: "Udbetalingen er klargjort. En anden medarbejder skal godkende den." })).toBeVisible();
  // Four-eyes: no approve button for the preparer, the reason instead; the server refuses a posted approval.
  await expect(row(caseworker)).toContainText("Afventer godkendelse af en anden medarbejder");
  await expect(row(caseworker).getByRole("button", { name: `Godkend ${quarter}` })).toHaveCount(0);
  const refused = await caseworker.request.post(url, { form: { intent: "approve", paymentId: String(f.paymentId) } });
  expect(refused.status()).toBe(403);
  expect(await refused.text()).toContain("Du har selv klargjort udbetalingen. En anden medarbejder i ministeriet skal godkende den (fire øjne).");

  // Another ministry user approves and marks it paid on a given date.
  const admin = await signedIn(browser, "admin");
  await admin.goto(url);
  await expect(row(admin)).toContainText("Klargjort");
  await row(admin).getByRole("button", { name: `Godkend ${quarter}` }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Udbetalingen er godkendt." })).toBeVisible();
  await row(admin).getByLabel("Udbetalt den").fill("2024-10-02");
  await row(admin).getByRole("button", { name: `Markér ${quarter} som udbetalt` }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Udbetalingen er markeret som udbetalt og bogført." })).toBeVisible();
  await expect(row(admin)).toContainText("Udbetalt");
  await expect(row(admin)).toContainText("Udbetalt 02.10.2024");

  // Paid: no step but a correction; the server refuses to pay or send it back again.
  for (const name of [`Klargør ${quarter}`, `Godkend ${quarter}`, `Markér ${quarter} som udbetalt`, "Send tilbage"]) {
    await expect(row(admin).getByRole("button", { name })).toHaveCount(0);
  }
  const again = await admin.request.post(url, { form: { intent: "markPaid", paymentId: String(f.paymentId), paidOn: "2024-10-03" } });
  expect(again.status()).toBe(409);
  expect(await again.text()).toContain("Kun en godkendt udbetaling kan markeres som udbetalt (denne er udbetalt).");
  expect((await admin.request.post(url, { form: { intent: "return", paymentId: String(f.paymentId) } })).status()).toBe(409);

  await row(admin).getByText("Ret udbetaling").click();
  await row(admin).getByLabel("Der er udbetalt mindre end bogført").check();
  await row(admin).getByLabel("Beløb (kr.)").fill("1.000,00");
  await row(admin).getByLabel("Bogføringsdato").fill("2024-10-10");
  await row(admin).getByLabel("Begrundelse").fill("Banken har returneret 1.000 kr. (browsertest).");
  await row(admin).getByRole("button", { name: "Bogfør rettelse" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Rettelsen er bogført" })).toBeVisible();
  // The paid amount stands as paid; the correction is shown beside it.
  await expect(row(admin)).toContainText(`${kroner(amountOre)} kr. (rettet -1.000,00 kr.)`);
  await expect(row(admin)).toContainText("Udbetalt 02.10.2024");

  // The hold: set with a reason, shown on the payment page, the grant page and the work list.
  const reason = "Statusrapporten for 3. kvt. 2024 er ikke modtaget (browsertest).";
  await caseworker.goto(url);
  await caseworker.locator("summary", { hasText: "Stands udbetalinger" }).click();
  await caseworker.getByLabel("Begrundelse (vises for kommunen og på arbejdslisten)").fill(reason);
  await caseworker.getByRole("button", { name: "Stands udbetalinger" }).click();
  await expect(caseworker.getByRole("status").filter({ hasText: "Udbetalingerne er standset" }).filter({ hasText: reason })).toBeVisible();
  await caseworker.goto(`/grants/${f.paymentGrantId}`);
  await expect(caseworker.getByRole("status").filter({ hasText: "Udbetalingerne er standset" })).toContainText(reason);
  await caseworker.goto(`/payments?view=all&q=${encodeURIComponent(municipality)}`);
  await expect(caseworker.getByText(`Standset: ${reason}`).first()).toBeVisible();
  await caseworker.goto(url);
  await caseworker.getByRole("button", { name: "Ophæv stop for udbetalinger" }).click();
  await expect(caseworker.getByRole("status").filter({ hasText: "Stoppet for udbetalinger er ophævet." })).toBeVisible();

  // The work list shows the paid payment; the exports carry it, amounts as numbers.
  await admin.goto(`/payments?view=all&q=${encodeURIComponent(municipality)}`);
  const listed = admin.locator("tbody tr", { hasText: quarter });
  await expect(listed).toContainText("Udbetalt");
  await expect(listed).toContainText(`${kroner(amountOre)} kr.`);

  const [xlsx] = await Promise.all([admin.waitForEvent("download"), admin.getByRole("link", { name: "Hent som Excel (XLSX)" }).click()]);
  expect(xlsx.suggestedFilename()).toMatch(/^udbetalinger-.*\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await bytesOf(xlsx)) as never);
  const sheet = workbook.getWorksheet("Udbetalinger")!;
  let header: string[] = [];
  let found: ExcelJS.Row | null = null;
  sheet.eachRow((r) => {
    const values = (r.values as unknown[]).slice(1);
    if (values.includes("Udbetalings-id")) header = values.map(String);
    else if (header.length && r.getCell(header.indexOf("Udbetalings-id") + 1).value === f.paymentId) found = r;
  });
  expect(found).not.toBeNull();
  const cell = (name: string) => found!.getCell(header.indexOf(name) + 1).value;
  expect(cell("Beløb (øre)")).toBe(Number(amountOre));
  expect(typeof cell("Beløb (kr.)")).toBe("number");
  expect(cell("Beløb (kr.)")).toBe(Number(amountOre) / 100);
  expect(cell("Status")).toBe("Udbetalt");
  expect(cell("Kvartal")).toBe(quarter);
  expect((cell("Udbetalt den") as Date).toISOString().slice(0, 10)).toBe("2024-10-02");

  const [csv] = await Promise.all([admin.waitForEvent("download"), admin.getByRole("link", { name: "Hent som CSV" }).click()]);
  const text = (await bytesOf(csv)).toString("utf8");
  const line = text.split(/\r?\n/).find((l) => /^"?\d+"?;/.test(l) && l.replace(/"/g, "").startsWith(`${f.paymentId};`));
  expect(line).toBeDefined();
  expect(line!.split(";").map((c) => c.replace(/^"|"$/g, ""))).toEqual(expect.arrayContaining(["Udbetalt", "02.10.2024", kroner(amountOre), amountOre.toString()]));
});
