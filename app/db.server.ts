// The process-wide database handle. Opened once; tests swap in their own.
import { mkdirSync } from "node:fs";
import { APP_ROLE, openDatabase, type Database, type DbHandle } from "#db/client";
import { getEnv } from "./env.server";

let handle: Promise<DbHandle> | undefined;
let testFactory: (() => Promise<DbHandle>) | undefined;

export function getDbHandle(): Promise<DbHandle> {
  if (!handle && testFactory) handle = testFactory();
  if (!handle) {
    const env = getEnv();
    if (!env.DATABASE_URL) mkdirSync(env.DATA_DIR, { recursive: true });
    // The server never runs as the tables' owner (see README, "Database roles").
    handle = openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, role: APP_ROLE });
  }
  return handle;
}

export async function getDb(): Promise<Database> {
  return (await getDbHandle()).db;
}

export async function closeDb() {
  if (!handle) return;
  const h = handle;
  handle = undefined;
  await (await h).close();
}

/** Tests: open the file's own database on first use. */
export function setDbFactoryForTests(factory: () => Promise<DbHandle>) {
  testFactory = factory;
  handle = undefined;
}

/** Can the database answer right now? (Asked after a failure, to tell "down" (503) from a bug (500).) */
export async function databaseReachable(timeoutMs = 2000): Promise<boolean> {
  const { sql } = await import("drizzle-orm");
  const probe = getDb().then((db) => db.execute(sql`select 1`)).then(
    () => true,
    () => false,
  );
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
  return Promise.race([probe, timeout]);
}
