// One entry point to the database for both drivers. DATABASE_URL set: a real
// PostgreSQL server through postgres.js; unset: embedded PGlite under a data dir.
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything that runs queries: the database or an open transaction. */
export type Executor = Database | Tx;

export type DbHandle = {
  db: Database;
  kind: "pglite" | "postgres";
  close: () => Promise<void>;
  migrate: () => Promise<void>;
};

const migrationsFolder = new URL("./migrations", import.meta.url).pathname;

export type OpenOptions = {
  databaseUrl?: string;
  /** PGlite data directory; "memory://" for an in-memory database. */
  dataDir?: string;
  /** PGlite: start from a dump made by dumpDataDir (tests). */
  loadDataDir?: Blob | File;
  maxConnections?: number;
};

export async function openDatabase(opts: OpenOptions): Promise<DbHandle> {
  if (opts.databaseUrl) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    const client = postgres(opts.databaseUrl, {
      max: opts.maxConnections ?? 10,
      onnotice: () => {},
      // Recycle connections so a restarted server is picked up without a restart.
      idle_timeout: 30,
      connect_timeout: 10,
    });
    const db = drizzle(client, { schema }) as unknown as Database;
    return {
      db,
      kind: "postgres",
      close: () => client.end({ timeout: 5 }),
      migrate: () => migrate(db as never, { migrationsFolder }),
    };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const client = new PGlite(opts.dataDir ?? "memory://", {
    loadDataDir: opts.loadDataDir,
  });
  await client.waitReady;
  const db = drizzle(client, { schema }) as unknown as Database;
  return {
    db,
    kind: "pglite",
    close: () => client.close(),
    migrate: () => migrate(db as never, { migrationsFolder }),
  };
}

/** Raw results differ by driver (PGlite: { rows }, postgres.js: an array). */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
