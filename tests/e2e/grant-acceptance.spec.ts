// Issue 16: the municipality opens its offered grant, downloads the award letter as a PDF,
// and accepts the grant with a confirmation step; the page then says it is accepted and
// offers no second acceptance. JavaScript on (the default).
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { fixtures, login } from "./utils";

test("a municipality downloads its award letter and accepts the grant before the deadline", async ({ page }) => {
  const f = fixtures();
  await login(page, "offeredMunicipality");
  await page.goto(`/grants/${f.offeredGrantId}`);
  const section = page.locator("section", { has: page.getByRole("heading", { name: "Breve og accept" }) });
  await expect(section.getByText("Tilsagnet afventer accept")).toBeVisible();
  await expect(section).toContainText(/Frist om \d+ dage/);
  // The offered state (accept button inside the info alert) is not on the access matrix's pages.
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.map((v) => `${v.id} (${v.nodes.length})`)).toEqual([]);

  const [download] = await Promise.all([page.waitForEvent("download"), section.getByRole("link", { name: "Tilsagnsbrev (PDF)" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^tilsagnsbrev-PP-\d{4}-\d{4}\.pdf$/);
  const body = await download.createReadStream().then(async (s) => {
    const chunks: Buffer[] = [];
    for await (const c of s) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  });
  expect(body.subarray(0, 5).toString("latin1")).toBe("%PDF-");

  await section.getByRole("link", { name: "Acceptér tilsagnet" }).click();
  await expect(page.getByRole("heading", { name: "Acceptér tilsagnet" })).toBeVisible();
  await page.getByRole("button", { name: "Ja, acceptér tilsagnet" }).click();
  await expect(page).toHaveURL(new RegExp(`/grants/${f.offeredGrantId}\\?accepted=1$`));
  await expect(page.getByRole("status").filter({ hasText: "Tilsagnet er accepteret" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Acceptér tilsagnet" })).toHaveCount(0);

  // A second try (an old tab) is refused with a Danish message, not accepted twice.
  await page.goto(`/grants/${f.offeredGrantId}/accept`);
  await expect(page.getByText("Tilsagnet er allerede accepteret.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Ja, acceptér tilsagnet" })).toHaveCount(0);
});
