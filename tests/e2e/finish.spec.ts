// The finish a ministry expects, as a caseworker sees it: one word for the ranking,
// no doubled words or full stops, the ranking's own export, and the audit trail in Danish.
import { expect, test } from "@playwright/test";
import { fixtures, login } from "./utils";

test("call page and ranking read right and the ranking downloads as its own spreadsheet", async ({ page }) => {
  const f = fixtures();
  await login(page, "caseworker");
  await page.goto(`/calls/${f.historicalCallId}`);
  const callText = await page.locator("main").innerText();
  expect(callText).not.toMatch(/Offentliggjort\s+Offentliggjort/);
  expect(callText).not.toMatch(/rangordn/i);

  await page.goto(`/calls/${f.historicalCallId}/ranking`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Rangering: /);
  const rankingText = await page.locator("main").innerText();
  expect(rankingText).not.toContain("kr..");
  expect(rankingText).not.toMatch(/rangordn/i);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Eksportér rangeringen til Excel" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^rangering-opslag-${f.historicalCallId}-.*-\\d{4}-\\d{2}-\\d{2}\\.xlsx$`));
});

test("the audit trail shows Danish actions, not codes, and each entry in full", async ({ page }) => {
  await login(page, "admin");
  await page.goto("/admin/audit");
  const table = page.locator("table");
  await expect(table).toBeVisible();
  const text = await table.innerText();
  // Codes such as session.login or seed.demo stay in the export.
  expect(text).not.toMatch(/\b(session|seed|application|call|invitation|user)\.[a-z_-]+/);
  await page.getByRole("link", { name: "Se hele posten" }).first().click();
  await expect(page.getByRole("heading", { name: "Ændringer" })).toBeVisible();
});
