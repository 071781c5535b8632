// Issue 14: a caseworker chooses on /account how they hear of arriving applications;
// a municipality user is not offered the choice.
import { expect, test } from "@playwright/test";
import { login } from "./utils";

test("a caseworker switches to the daily digest and back, with JavaScript on", async ({ page }) => {
  await login(page, "caseworker");
  await page.goto("/account");
  const group = page.getByRole("group", { name: "Hvornår vil du have besked, når en kommune indsender en ansøgning?" });
  await expect(group.getByRole("radio", { name: "Straks" })).toBeChecked();

  await group.getByRole("radio", { name: "Dagligt sammendrag" }).check();
  await page.getByRole("button", { name: "Gem valg" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Dit valg er gemt" })).toContainText("Du får ét dagligt sammendrag.");
  await expect(page).toHaveURL(/\/account\?notice=1$/);
  await page.reload();
  await expect(group.getByRole("radio", { name: "Dagligt sammendrag" })).toBeChecked();

  // Back to the default, so other tests see the seeded setting.
  await group.getByRole("radio", { name: "Straks" }).check();
  await page.getByRole("button", { name: "Gem valg" }).click();
  await expect(page.getByText("Du får en e-mail, hver gang en ansøgning kommer ind.")).toBeVisible();
  await page.reload();
  await expect(group.getByRole("radio", { name: "Straks" })).toBeChecked();
});

test("a municipality user sees no notice setting on /account", async ({ page }) => {
  await login(page, "municipality");
  await page.goto("/account");
  await expect(page.getByRole("heading", { name: "Min konto" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Besked om nye ansøgninger" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Gem valg" })).toHaveCount(0);
});
