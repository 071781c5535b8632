// Bad input in the browser: an oversized file is refused before upload (with
// JavaScript) and by the server's size limit (without), with Danish messages,
// and nothing is stored.
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, fixtures, login } from "./utils";

const twentyMb = () => Buffer.alloc(20 * 1024 * 1024, 0x25);

test("a 20 MB attachment gets a Danish message next to the field and is not stored", async ({ page }) => {
  await login(page, "draftMunicipality");
  await page.goto(`/applications/${fixtures().draftApplicationId}`);
  await page.waitForLoadState("networkidle");
  const rowsBefore = await page.locator("#bilag tbody tr").count();
  await page.getByLabel("Vedhæft en fil").setInputFiles({ name: "stor.pdf", mimeType: "application/pdf", buffer: twentyMb() });
  await page.getByRole("button", { name: "Vedhæft fil" }).click();
  await expect(page.getByText("Filen er for stor. Hver fil må højst fylde 10 MB.")).toBeVisible();
  await page.reload();
  await expect(page.locator("#bilag tbody tr")).toHaveCount(rowsBefore);
});

test("without JavaScript, the server answers an oversized upload with a Danish page", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const page = await context.newPage();
  await login(page, "draftMunicipality");
  await page.goto(`/applications/${fixtures().draftApplicationId}`);
  await page.getByLabel("Vedhæft en fil").setInputFiles({ name: "stor.pdf", mimeType: "application/pdf", buffer: twentyMb() });
  await page.getByRole("button", { name: "Vedhæft fil" }).click();
  await expect(page.getByRole("heading", { name: "Det, du sendte, er for stort" })).toBeVisible();
  await context.close();
});

test("a foreign site cannot post to the app", async ({ request, baseURL }) => {
  const res = await request.post("/login", {
    form: { email: fixtures().logins.admin, password: "x" },
    headers: { origin: "https://evil.example" },
    maxRedirects: 0,
  });
  expect(res.status()).toBe(403);
  expect(baseURL).toBeTruthy();
});

test("signing in with redirectTo=/%09/evil.example stays on this site", async ({ page, baseURL }) => {
  await page.goto("/login?redirectTo=/%09/evil.example");
  await page.getByLabel("E-mail").fill(fixtures().logins.admin);
  await page.getByLabel("Adgangskode").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Log ind" }).click();
  await expect(page.getByRole("button", { name: "Log ud" })).toBeVisible();
  expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
});
