// npm run db:reset: throw away all data (PGlite folder and uploads, or the server's
// schemas), then migrate and seed again. Refused in production without --force.
import { rmSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { parseEnv } from "../app/env.server";
import { describeTarget, firstAdminHint, openFromEnv, seedWhenEmpty } from "./lib/database";

const env = parseEnv(process.env);
const production = env.NODE_ENV === "production";
if (production && !process.argv.includes("--force")) {
  console.error("Afvist: NODE_ENV=production. Alle data slettes – kør med --force, hvis det virkelig er meningen.");
  process.exit(1);
}

console.log(`Nulstiller ${describeTarget(env)} …`);
if (!env.DATABASE_URL) rmSync(path.resolve(env.DATA_DIR), { recursive: true, force: true });
rmSync(path.resolve(env.UPLOAD_DIR), { recursive: true, force: true });
console.log(`Slettede uploads i ${env.UPLOAD_DIR}.`);

const handle = await openFromEnv(env);
try {
  if (env.DATABASE_URL) {
    // One statement per call: postgres.js would otherwise need the simple protocol.
    await handle.db.execute(sql`DROP SCHEMA public CASCADE`);
    await handle.db.execute(sql`DROP SCHEMA IF EXISTS drizzle CASCADE`);
    await handle.db.execute(sql`CREATE SCHEMA public`);
    console.log("Skemaerne public og drizzle er slettet og public oprettet igen.");
  }
  console.log("Migrerer …");
  await handle.migrate();
  const outcome = await seedWhenEmpty(handle.db, { production, log: console.log });
  if (outcome === "reference") console.log(firstAdminHint);
  console.log("Nulstilling færdig.");
} finally {
  await handle.close();
}
