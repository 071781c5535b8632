// Runs before every test file: a lazily created database of its own, closed after.
import { afterAll } from "vitest";
import { setDbFactoryForTests } from "~/db.server";
import { createTestDb, type TestDb } from "./test-db";

process.env.NODE_ENV = "test";
process.env.JOBS = "0";

let testDb: Promise<TestDb> | undefined;

/** The current test file's database (created on first use). */
export function getTestDb(): Promise<TestDb> {
  testDb ??= createTestDb();
  return testDb;
}

setDbFactoryForTests(getTestDb);

afterAll(async () => {
  if (!testDb) return;
  const h = await testDb;
  await h.close();
  await h.dropDatabase();
});
