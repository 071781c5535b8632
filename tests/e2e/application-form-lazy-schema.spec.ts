// The application form loads its zod schemas on demand (decision 039): not with the page, and
// a submission sent before they have arrived waits for them instead of going out unchecked.
import { expect, test } from "@playwright/test";
import { fixtures, login } from "./utils";

const SCHEMA_CHUNK = /\/assets\/application-schema-[\w-]+\.js$/;

test("the form's schemas load on first focus; a submit before that waits and shows the Danish errors", async ({ page }) => {
  const schemaRequests: string[] = [];
  page.on("request", (r) => {
    if (SCHEMA_CHUNK.test(new URL(r.url()).pathname)) schemaRequests.push(r.url());
  });
  await login(page, "draftMunicipality");
  const url = `/applications/${fixtures().draftApplicationId}`;
  await page.goto(url);
  await page.waitForLoadState("networkidle");
  expect(schemaRequests, "the schema chunk came with the first load").toEqual([]);

  // "Indsend ansøgning" without focusing anything first (as Safari does on a click): the
  // seeded draft lacks "Planlagte aktiviteter", so the submit schema must hold it back.
  await page.evaluate(() => {
    const button = document.querySelector<HTMLButtonElement>('button[name="intent"][value="submit"]')!;
    button.form!.requestSubmit(button);
  });
  await expect(page.getByLabel("Planlagte aktiviteter")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#confirm-error")).toHaveText(/Bekræft, at ansøgningen er klar til at blive indsendt\./);
  expect(schemaRequests.length).toBe(1);
  await expect(page).toHaveURL(new RegExp(`${url}$`));
});
