// One closing line for CI over both databases and both runners: "N passed, N failed".
import { existsSync, readFileSync } from "node:fs";

let passed = 0;
let failed = 0;
for (const db of ["pglite", "postgres"]) {
  const v = `.cache/reports/vitest-${db}.json`;
  if (existsSync(v)) {
    const r = JSON.parse(readFileSync(v, "utf8"));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
  }
  const p = `.cache/reports/playwright-${db}.json`;
  if (existsSync(p)) {
    const r = JSON.parse(readFileSync(p, "utf8"));
    passed += r.stats.expected;
    failed += r.stats.unexpected + (r.stats.flaky ?? 0);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
