// Each demo role signs in through the form and gets its own start page and menu;
// the pages pass axe's WCAG 2.1 AA rules.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { login } from "./utils";

async function expectNoA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

const menu = (page: Page) => page.getByRole("navigation", { name: "Hovedmenu" });

test("the sign-in page is in Danish and accessible", async ({ page }) => {
  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("lang", "da");
  await expect(page.getByRole("heading", { name: "Log ind" })).toBeVisible();
  await expectNoA11yViolations(page);
});

test("a wrong password gives a Danish message next to the form and keeps the e-mail", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill("findes.ikke@example.dk");
  await page.getByLabel("Adgangskode").fill("forkert-adgangskode");
  await page.getByRole("button", { name: "Log ind" }).click();
  await expect(page.getByText("Forkert e-mail eller adgangskode.")).toBeVisible();
  await expect(page.getByLabel("E-mail")).toHaveValue("findes.ikke@example.dk");
});

test("the sign-in form checks in the browser with the server's messages: on leaving a field, on change after that, and on submit", async ({ page }) => {
  await page.goto("/login");
  const email = page.getByLabel("E-mail");
  const password = page.getByLabel("Adgangskode");
  await email.fill("kim");
  await password.focus();
  await expect(page.getByText("Skriv en gyldig e-mailadresse, fx navn@kommune.dk.")).toBeVisible();
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await email.fill("kim@kommune.dk");
  await expect(page.getByText("Skriv en gyldig e-mailadresse, fx navn@kommune.dk.")).toBeHidden();
  // Submit with the password empty: held back in the browser, focus on the field.
  await page.getByRole("button", { name: "Log ind" }).click();
  await expect(page.getByText("Udfyld adgangskoden.")).toBeVisible();
  await expect(password).toBeFocused();
  await expect(page).toHaveURL(/\/login$/);
});

test("admin: start page with the pool, and the admin menu", async ({ page }) => {
  await login(page, "admin");
  await expect(page.getByRole("heading", { name: /Ekstra hjælp til kommuner med mange børnesager/ }).first()).toBeVisible();
  await expect(menu(page).getByRole("link", { name: "Brugere" })).toBeVisible();
  await expect(menu(page).getByRole("link", { name: "Revisionsspor" })).toBeVisible();
  await expectNoA11yViolations(page);
});

test("caseworker: applications in the menu, no user administration", async ({ page }) => {
  await login(page, "caseworker");
  await expect(menu(page).getByRole("link", { name: "Ansøgninger" })).toBeVisible();
  await expect(menu(page).getByRole("link", { name: "Brugere" })).toHaveCount(0);
  await expectNoA11yViolations(page);
});

test("municipality: its own municipality and applications, nothing of the ministry", async ({ page }) => {
  await login(page, "municipality");
  await expect(page.getByText("Lolland Kommune").first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "Jeres ansøgninger" })).toBeVisible();
  await expect(menu(page).getByRole("link", { name: "Revisionsspor" })).toHaveCount(0);
  await expectNoA11yViolations(page);
});

test("advisor: the programmes start page, no admin pages", async ({ page }) => {
  await login(page, "advisor");
  await expect(page.getByRole("heading", { name: "Dine rådgivningsforløb" })).toBeVisible();
  const res = await page.goto("/admin/users");
  expect(res?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Ingen adgang" })).toBeVisible();
  await expectNoA11yViolations(page);
});

test("an unknown page is a Danish 404 that leaks nothing", async ({ page }) => {
  const res = await page.goto("/findes/ikke");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Siden findes ikke" })).toBeVisible();
  await expect(page.locator("body")).not.toContainText("Error:");
});
