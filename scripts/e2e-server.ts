// The server the browser tests run against (playwright.config.ts starts it): the
// demo data on a fresh database, and the ids the tests need in .cache/e2e/fixtures.json.
import { writeFileSync } from "node:fs";
import { collectE2eFixtures } from "../tests/e2e/fixtures-data";
import { serveDemo } from "./lib/demo-server";

const port = Number(process.env.E2E_PORT ?? 3111);
await serveDemo({
  name: "e2e",
  port,
  prepare: async (db) => writeFileSync(".cache/e2e/fixtures.json", JSON.stringify(await collectE2eFixtures(db), null, 2)),
});
console.log(`e2e server on http://localhost:${port}`);
