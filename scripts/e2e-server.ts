// The server the browser tests run against (playwright.config.ts starts it): the
// demo data on a fresh database, and the ids the tests need in .cache/<name>/fixtures.json.
// E2E_NAME gives a second, separate server (folder and database) to a test that changes
// the demo data on purpose, so the other tests keep theirs.
import { writeFileSync } from "node:fs";
import { collectE2eFixtures } from "../tests/e2e/fixtures-data";
import { serveDemo } from "./lib/demo-server";

const port = Number(process.env.E2E_PORT ?? 3111);
const name = process.env.E2E_NAME ?? "e2e";
await serveDemo({
  name,
  port,
  prepare: async (db) => writeFileSync(`.cache/${name}/fixtures.json`, JSON.stringify(await collectE2eFixtures(db), null, 2)),
});
console.log(`${name} server on http://localhost:${port}`);
