// The server the browser tests run against (playwright.config.ts starts it): the
// demo data on a fresh database, and the ids the tests need in .cache/<name>/fixtures.json.
// E2E_NAME gives a second, separate server (folder and database) to a test that changes
// the demo data on purpose, so the other tests keep theirs.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { sql } from "drizzle-orm";
import { rowsOf, type Database } from "../db/client";
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

// The test channel: a test that started this server as a child process with an IPC channel
// and E2E_TEST_CHANNEL=1 (tests/e2e/input-fuzz.spec.ts) may read the database through the
// server's own handle (PGlite has one owner). Nothing listens on the network for it, and
// without both the flag and the parent's channel it does not exist.
if (process.env.E2E_TEST_CHANNEL === "1" && process.send) {
  const build = await import(pathToFileURL(path.resolve("build/server/index.js")).href);
  const db = (await build.entry.module.databaseForTestChannel()) as Database;
  process.on("message", (msg: { id: number; sql: string }) => {
    db.execute(sql.raw(msg.sql)).then(
      (result) => process.send!({ id: msg.id, rows: rowsOf(result) }),
      (error: unknown) => process.send!({ id: msg.id, error: String(error) }),
    );
  });
  process.send({ ready: true });
}
