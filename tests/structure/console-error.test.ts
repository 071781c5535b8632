// Any console.error during a test fails it (tests/setup/setup-test-env.ts), unless the
// test says it expects one. Checked by running the real set-up on a fixture file.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";

it("a console.error fails the test that logged it, and only that one", () => {
  const report = path.join(mkdtempSync(path.join(tmpdir(), "console-error-")), "report.json");
  const run = spawnSync(
    process.execPath,
    ["node_modules/vitest/vitest.mjs", "run", "--config", "tests/structure/console-error/vitest.config.ts"],
    { env: { ...process.env, CONSOLE_ERROR_REPORT: report, CI: "" }, encoding: "utf8", timeout: 120_000 },
  );
  const results = JSON.parse(readFileSync(report, "utf8")) as {
    testResults: { assertionResults: { title: string; status: string; failureMessages: string[] }[] }[];
  };
  const byTitle = Object.fromEntries(results.testResults.flatMap((f) => f.assertionResults).map((t) => [t.title, t]));
  expect(run.status).not.toBe(0);
  expect(byTitle["logs an error"].status).toBe("failed");
  expect(byTitle["logs an error"].failureMessages.join("")).toContain("console.error was called 1 time(s) during the test, first: boom");
  expect(byTitle["logs nothing"].status).toBe("passed");
  expect(byTitle["expects its error"].status).toBe("passed");
}, 120_000);
