import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3111);

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 30_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI
    ? [["list"], ["json", { outputFile: `.cache/reports/playwright-${process.env.DATABASE_URL ? "postgres" : "pglite"}.json` }]]
    : [["list"]],
  use: {
    baseURL: `http://localhost:${port}`,
    locale: "da-DK",
    timezoneId: "Europe/Copenhagen",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: "tsx scripts/e2e-server.ts",
    url: `http://localhost:${port}/login`,
    reuseExistingServer: false,
    // Seeding renders the demo's award letters (PDF): slow on a busy two-core machine.
    timeout: 180_000,
    stdout: "ignore",
    stderr: "pipe",
    env: { E2E_PORT: String(port) },
  },
});
