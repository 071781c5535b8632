// Budget changes with JavaScript on: the municipality registers a small change at once and
// sends a large one for approval (the rule's verdict shown live while typing); the
// caseworker approves it, and the versions appear side by side.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { fixtures, login } from "./utils";

/** "62.500,00" → øre; "" → 0. */
function ore(text: string): bigint {
  const s = text.trim().replace(/\./g, "");
  if (s === "") return 0n;
  const [kr, o = "0"] = s.split(",");
  return BigInt(kr!) * 100n + BigInt(o.padEnd(2, "0"));
}
function kroner(v: bigint): string {
  const kr = (v / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return `${kr},${(v % 100n).toString().padStart(2, "0")}`;
}

const cell = (page: Page, row: number, col: number) => page.locator("#budget tbody tr").nth(row).locator("input").nth(col);

/** Move `amount` (or the whole cell when null) from row 0 to row 1 in the given quarter column. */
async function move(page: Page, col: number, amount: bigint | null) {
  const from: Locator = cell(page, 0, col);
  const to: Locator = cell(page, 1, col);
  const a = ore(await from.inputValue());
  const b = ore(await to.inputValue());
  const m = amount ?? a;
  expect(a >= m).toBe(true);
  await from.fill(kroner(a - m));
  await to.fill(kroner(b + m));
}

test("a municipality registers a small change and asks for a large one; the caseworker approves it", async ({ page, browser }) => {
  test.setTimeout(90_000);
  const { budgetGrantId: id } = fixtures();
  await login(page, "municipality");
  await page.goto(`/grants/${id}`);
  await expect(page.getByRole("heading", { name: "Budget og budgetændringer" })).toBeVisible();

  // 1. Within the thresholds: registered at once.
  await page.getByRole("link", { name: "Anmod om budgetændring" }).click();
  await expect(page.getByRole("heading", { name: "Anmod om budgetændring", level: 1 })).toBeVisible();
  // Live, in the browser: one øre too much is said before anything is sent.
  const first = cell(page, 0, 0);
  const original = await first.inputValue();
  await first.fill(kroner(ore(original) + 1n));
  await expect(page.getByText("0,01 kr. for meget")).toBeVisible();
  await first.fill(original);
  await move(page, 2, 100_000n); // 1.000,00 kr. in the third quarter
  await expect(page.getByTestId("change-verdict")).toContainText("Registreres uden forhåndsgodkendelse");
  await page.getByLabel("Begrundelse for ændringen").fill("Vikartimer flyttes fra vikardækning til efteruddannelse (e2e).");
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await page.getByRole("button", { name: "Send budgetændring" }).click();
  await expect(page.getByText("Budgetændringen er registreret og gælder nu.")).toBeVisible();
  await expect(page.getByText("Gældende budget:")).toContainText("version 2");
  await expect(page.getByRole("table", { name: /Budgetændringer/ })).toContainText("Registreret");

  // 2. Over the thresholds: half a year of the first line moved, sent for approval.
  await page.getByRole("link", { name: "Anmod om budgetændring" }).click();
  for (const col of [4, 5, 6, 7]) await move(page, col, null);
  await expect(page.getByTestId("change-verdict")).toContainText("Kræver ministeriets forhåndsgodkendelse");
  await page.getByLabel("Begrundelse for ændringen").fill("Efteruddannelsen udvides i 2024 (e2e).");
  await page.getByRole("button", { name: "Send budgetændring" }).click();
  await expect(page.getByText("Budgetændringen er sendt til ministeriet.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Anmod om budgetændring" })).toHaveCount(0);
  await expect(page.getByText("En budgetændring afventer ministeriets godkendelse.")).toBeVisible();

  // 3. The caseworker approves it.
  const ministry = await browser.newContext();
  const cw = await ministry.newPage();
  await login(cw, "caseworker");
  await cw.goto(`/grants/${id}`);
  await cw.getByRole("status").getByRole("link", { name: "Se ændringen" }).click();
  await expect(cw.getByTestId("rule-explanation")).toContainText("over 10 %");
  const changePath = new URL(cw.url()).pathname;
  await expect(cw.getByRole("table", { name: /side om side/ })).toContainText("Ændring");
  await cw.getByLabel("Begrundelse").fill("Godkendt: udvidelsen er begrundet (e2e).");
  await cw.getByRole("button", { name: "Godkend budgetændringen" }).click();
  await expect(cw.getByText("Budgetændringen er godkendt.")).toBeVisible();
  await expect(cw.getByText("Gældende budget:")).toContainText("version 3");
  // Versions 2 and 3 side by side, the change written out.
  const compare = cw.getByRole("table", { name: /version 2 og 3 side om side/ });
  await expect(compare).toContainText("uændret");
  await expect(compare).toContainText("−");
  await ministry.close();

  // Another municipality finds neither the request form nor a change on this grant.
  const other = await browser.newContext();
  const faxe = await other.newPage();
  await login(faxe, "otherMunicipality");
  for (const path of [`/grants/${id}`, `/grants/${id}/budget-changes/new`, changePath]) {
    expect((await faxe.goto(path))!.status(), path).toBe(404);
  }
  expect(changePath).toMatch(new RegExp(`^/grants/${id}/budget-changes/\\d+$`));
  await other.close();
});
