// "Hvem fik hvad" (decision 022) as a visitor who is not signed in: reached from the sign-in
// page, the 2022 pool's nine grants with the pool's 14.300.000,00 kr., no WCAG 2.1 AA
// violations, and the 360Giving JSON and CSV of the same grants with no person in them.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { MUNICIPALITY_PEOPLE } from "../../db/seed/demo-content";
import { threeSixtyGrantSchema, threeSixtyPackageSchema, unflattenRow } from "../support/three-sixty-giving";

const POOL_2022 = "Ekstra hjælp til kommuner med mange børnesager";
const PEOPLE = Object.values(MUNICIPALITY_PEOPLE).flatMap((p) => [p.name, p.contact, p.phone]);

/** Kroner text "1588888.89" → øre, exactly. */
const toOre = (kroner: string) => {
  const [whole, frac = ""] = kroner.split(".");
  return BigInt(whole!) * 100n + BigInt(frac.padEnd(2, "0"));
};

test("a visitor sees who got what in 2022 and downloads it as 360Giving data", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("link", { name: "Hvem fik hvad" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Hvem fik hvad" })).toBeVisible();

  await page.getByLabel("Pulje", { exact: true }).selectOption({ label: POOL_2022 });
  await page.getByLabel("År for afgørelse", { exact: true }).selectOption("2022");
  await page.getByRole("button", { name: "Vis tilsagn" }).click();
  await expect(page.getByText("9 tilsagn · i alt 14.300.000,00 kr.")).toBeVisible();
  const table = page.getByRole("table", { name: "Tilsagn fra puljerne" });
  await expect(table.getByRole("rowheader", { name: /Lolland Kommune/ })).toBeVisible();
  await expect(table.locator("tbody tr")).toHaveCount(9);

  const html = await page.content();
  for (const p of PEOPLE) expect(html).not.toContain(p);
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  const jsonHref = await page.getByRole("link", { name: /^JSON/ }).getAttribute("href");
  const json = await page.request.get(jsonHref!);
  expect(json.headers()["cache-control"]).toBe("public, max-age=300");
  const jsonText = await json.text();
  for (const p of PEOPLE) expect(jsonText).not.toContain(p);
  const pkg = threeSixtyPackageSchema.parse(JSON.parse(jsonText));
  expect(pkg.grants).toHaveLength(9);
  expect(pkg.grants.map((g) => g.recipientOrganization[0]!.id)).toContain("DK-KOM-0360");

  const csvHref = await page.getByRole("link", { name: /^CSV/ }).getAttribute("href");
  const csvText = await (await page.request.get(csvHref!)).text();
  for (const p of PEOPLE) expect(csvText).not.toContain(p);
  const [header, ...rows] = parse(csvText) as string[][];
  expect(rows).toHaveLength(9);
  const amountAt = header!.indexOf("Amount Awarded");
  expect(rows.reduce((sum, r) => sum + toOre(r[amountAt]!), 0n)).toBe(1_430_000_000n);
  for (const r of rows) threeSixtyGrantSchema.parse(unflattenRow(header!, r));
});
