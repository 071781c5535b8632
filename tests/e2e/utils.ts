// Shared helpers for the browser tests: the seeded ids and a login() fixture.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../db/seed/demo-content";
import type { E2eFixtures } from "./fixtures-data";

export { DEMO_PASSWORD };

/** The ids of the server scripts/e2e-server.ts started under that name. */
export function fixtures(name = "e2e"): E2eFixtures {
  return JSON.parse(readFileSync(path.resolve(`.cache/${name}/fixtures.json`), "utf8"));
}

export type RoleKey = keyof E2eFixtures["logins"];

/** Signs in through the real form. */
export async function login(page: Page, role: RoleKey, from: E2eFixtures = fixtures()) {
  const email = from.logins[role];
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Adgangskode").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Log ind" }).click();
  await expect(page.getByRole("button", { name: "Log ud" })).toBeVisible();
}
