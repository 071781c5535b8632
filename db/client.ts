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

/** Sees every statement drizzle sends, on either driver (tests count them: tests/support/query-count.ts). */
export type QueryObserver = (query: string, params: unknown[]) => void;
const observers = new Set<QueryObserver>();

/** Starts passing every statement to `fn`; returns the function that stops it. */
export function observeQueries(fn: QueryObserver): () => void {
  observers.add(fn);
  return () => observers.delete(fn);
}

// drizzle's logger hook: one call per statement, before it is sent. A Set lookup when no
// one observes (production), so it stays installed.
const logger = {
  logQuery(query: string, params: unknown[]) {
    for (const fn of observers) fn(query, params);
  },
};

export type OpenOptions = {
  databaseUrl?: string;
  /** PGlite data directory; "memory://" for an in-memory database. */
  dataDir?: string;
  /** PGlite: start from a dump made by dumpDataDir (tests). */
  loadDataDir?: Blob | File;
  maxConnections?: number;
  /**
   * Run queries as this role (SET ROLE on every connection): the server uses
   * APP_ROLE, which may read and write rows but not change tables, triggers or
   * the audit trail. Migrations always run as the connecting (owner) role.
   */
  role?: string;
};

/** The role the server runs as (created and granted by migration 0005). */
export const APP_ROLE = "puljeportal_app";

export async function openDatabase(opts: OpenOptions): Promise<DbHandle> {
  if (opts.databaseUrl) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    const databaseUrl = opts.databaseUrl;
    const client = postgres(databaseUrl, {
      max: opts.maxConnections ?? 10,
      onnotice: () => {},
      // Recycle connections so a restarted server is picked up without a restart.
      idle_timeout: 30,
      connect_timeout: 10,
      // Sent at connection start, so every pooled connection runs as the role.
      connection: opts.role ? { role: opts.role } : undefined,
    });
    const db = drizzle(client, { schema, logger }) as unknown as Database;
    return {
      db,
      kind: "postgres",
      close: () => client.end({ timeout: 5 }),
      migrate: async () => {
        if (!opts.role) return migrate(db as never, { migrationsFolder });
        const owner = postgres(databaseUrl, { max: 1, onnotice: () => {} });
        try {
          await migrate(drizzle(owner, { schema }) as never, { migrationsFolder });
        } finally {
          await owner.end({ timeout: 5 });
        }
      },
    };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const client = new PGlite(opts.dataDir ?? "memory://", {
    loadDataDir: opts.loadDataDir,
  });
  await client.waitReady;
  const db = drizzle(client, { schema, logger }) as unknown as Database;
  // PGlite is one connection: switch it to the role once it exists (after the first migration).
  const switchRole = async () => {
    if (!opts.role) return;
    const found = await client.query("select 1 from pg_roles where rolname = $1", [opts.role]);
    if (found.rows.length) await client.exec(`SET ROLE ${opts.role}`);
  };
  await switchRole();
  return {
    db,
    kind: "pglite",
    close: () => client.close(),
    migrate: async () => {
      await client.exec("RESET ROLE");
      await migrate(db as never, { migrationsFolder });
      await switchRole();
    },
  };
}

/** Raw results differ by driver (PGlite: { rows }, postgres.js: an array). */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
