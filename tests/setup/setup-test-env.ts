// Runs before every test file: a lazily created database of its own, closed after; and
// any console.error during a test fails that test (Epic Stack's setup-test-env does the
// same). A test that expects one says so: vi.spyOn(console, "error").mockImplementation(() => {}).
import { afterAll, afterEach, beforeEach, vi, type MockInstance } from "vitest";
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

const originalConsoleError = console.error;
let consoleError: MockInstance<typeof console.error>;
let loggedErrors: unknown[][] = [];

beforeEach(() => {
  loggedErrors = [];
  consoleError = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    loggedErrors.push(args);
    originalConsoleError(...args);
  });
});

// Failing after the test (not by throwing inside console.error) leaves the code under
// test on the path it would take in production, and still names what was logged.
afterEach(() => {
  consoleError.mockRestore();
  if (loggedErrors.length === 0) return;
  const first = loggedErrors[0].map((a) => (a instanceof Error ? a.message : String(a))).join(" ");
  throw new Error(
    `console.error was called ${loggedErrors.length} time(s) during the test, first: ${first}. ` +
      `If the test expects it, use vi.spyOn(console, "error").mockImplementation(() => {}).`,
  );
});
