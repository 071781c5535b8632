// A throw-away Puljeportal for browser tests and benchmarks: a fresh database (PGlite
// in a folder under .cache/, or its own database on the server when DATABASE_URL is
// set) with the demo data, then the production build served on the given port.
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { openDatabase, type Database } from "../../db/client";
import { seedDemo } from "../../db/seed/demo";

export async function serveDemo<T>(opts: {
  /** Folder under .cache/ and part of the server database's name ("e2e", port 3111 → pp_e2e_3111). */
  name: string;
  port: number;
  /** Extra data and facts for the caller, written before the server starts. */
  prepare?: (db: Database) => Promise<T>;
}): Promise<T | undefined> {
  const root = path.resolve(".cache", opts.name);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });

  let databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    // The port keeps two runs on one machine (two work trees) off each other's database.
    const dbName = `pp_${opts.name.replace(/\W/g, "_")}_${opts.port}`;
    const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const u = new URL(databaseUrl);
    u.pathname = `/${dbName}`;
    databaseUrl = process.env.DATABASE_URL = u.toString();
  } else {
    process.env.DATA_DIR = path.join(root, "pglite");
  }
  process.env.UPLOAD_DIR = path.join(root, "uploads");
  process.env.SESSION_SECRET ??= `${opts.name}-secret-not-for-production-0000000`;
  process.env.APP_ORIGIN = `http://localhost:${opts.port}`;
  process.env.JOBS = "0";
  process.env.DEMO_MODE = "1";

  const handle = await openDatabase({ databaseUrl, dataDir: process.env.DATA_DIR });
  await handle.migrate();
  // seedDemo refuses demo users in production; these servers need them.
  process.env.NODE_ENV = "test";
  await seedDemo(handle.db);
  const facts = await opts.prepare?.(handle.db);
  await handle.close();
  process.env.NODE_ENV = "production";

  const { startServer } = await import("../../server");
  const { close } = await startServer({ port: opts.port, host: "127.0.0.1" });
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => void close().finally(() => process.exit(0)));
  }
  return facts;
}
