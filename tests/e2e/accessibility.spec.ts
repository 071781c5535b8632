// Every page each role may open passes axe's WCAG 2.1 AA rules (the same pages the
// access matrix lists with 200; downloads are skipped).
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { accessMatrix, type Who } from "./access-matrix";
import { fixtures, login } from "./utils";

const ROLES: Exclude<Who, "anon">[] = ["admin", "caseworker", "municipality", "advisor"];

for (const role of ROLES) {
  test(`every page a ${role} may open has no WCAG 2.1 AA violations`, async ({ page }) => {
    test.setTimeout(300_000); // every page of the role: grows with the routes and the machine's load
    await login(page, role);
    const paths = Object.values(accessMatrix(fixtures()))
      .flat()
      .filter((c) => c.expect[role] === 200)
      .map((c) => c.path);
    const violations: string[] = [];
    let checked = 0;
    for (const path of [...new Set(paths)]) {
      const res = await page.request.get(path);
      if (!(res.headers()["content-type"] ?? "").startsWith("text/html")) continue;
      await page.goto(path);
      const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      checked++;
      for (const v of result.violations) violations.push(`${path}: ${v.id} — ${v.help} (${v.nodes.length})`);
    }
    console.log(`axe: ${role}, ${checked} pages, ${violations.length} violations`);
    expect(checked).toBeGreaterThan(0);
    expect(violations).toEqual([]);
  });
}
