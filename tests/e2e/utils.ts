// Shared helpers for the browser tests: the seeded ids and a login() fixture.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../db/seed/demo-content";
import type { E2eFixtures } from "./fixtures-data";

export { DEMO_PASSWORD };

export function fixtures(): E2eFixtures {
  return JSON.parse(readFileSync(path.resolve(".cache/e2e/fixtures.json"), "utf8"));
}

export type RoleKey = keyof E2eFixtures["logins"];

/** Signs in through the real form. */
export async function login(page: Page, role: RoleKey) {
  const email = fixtures().logins[role];
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Adgangskode").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Log ind" }).click();
  await expect(page.getByRole("button", { name: "Log ud" })).toBeVisible();
}
