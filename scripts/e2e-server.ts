// The server the browser tests run against: a fresh database (PGlite in a temp
// folder, or a fresh database on the real server when DATABASE_URL is set), the
// demo data, and the production build. Writes the ids the tests need to a file.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { openDatabase } from "../db/client";
import { seedDemo } from "../db/seed/demo";
import { collectE2eFixtures } from "../tests/e2e/fixtures-data";

const port = Number(process.env.E2E_PORT ?? 3111);
const root = path.resolve(".cache/e2e");
rmSync(root, { recursive: true, force: true });
mkdirSync(root, { recursive: true });

let databaseUrl = process.env.DATABASE_URL;
if (databaseUrl) {
  const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe("DROP DATABASE IF EXISTS pp_e2e WITH (FORCE)");
  await admin.unsafe("CREATE DATABASE pp_e2e");
  await admin.end();
  const u = new URL(databaseUrl);
  u.pathname = "/pp_e2e";
  databaseUrl = u.toString();
  process.env.DATABASE_URL = databaseUrl;
} else {
  process.env.DATA_DIR = path.join(root, "pglite");
}
process.env.UPLOAD_DIR = path.join(root, "uploads");
process.env.NODE_ENV = "production";
process.env.SESSION_SECRET ??= "e2e-secret-e2e-secret-e2e-secret-e2e";
process.env.APP_ORIGIN = `http://localhost:${port}`;
process.env.JOBS = "0";

const handle = await openDatabase({ databaseUrl, dataDir: process.env.DATA_DIR });
await handle.migrate();
// NODE_ENV=production refuses demo users; the browser tests need them.
process.env.NODE_ENV = "test";
await seedDemo(handle.db);
process.env.NODE_ENV = "production";
writeFileSync(path.join(root, "fixtures.json"), JSON.stringify(await collectE2eFixtures(handle.db), null, 2));
await handle.close();

const { startServer } = await import("../server");
const { close } = await startServer({ port, host: "127.0.0.1" });
console.log(`e2e server on http://localhost:${port}`);
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => void close().finally(() => process.exit(0)));
}
