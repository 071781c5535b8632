// Shared by the db scripts and `npm start`: open the configured database, and seed an
// empty one (demo data outside production, only reference data in production).
import { mkdirSync } from "node:fs";
import { sql } from "drizzle-orm";
import type { Env } from "../../app/env.server";
import { audit } from "../../app/utils/audit.server";
import { openDatabase, type Database } from "../../db/client";
import { municipalities, users } from "../../db/schema";
import { DEMO_DOMAIN } from "../../db/seed/demo-content";
import { seedReference } from "../../db/seed/reference";

export async function openFromEnv(env: Env) {
  if (!env.DATABASE_URL) mkdirSync(env.DATA_DIR, { recursive: true });
  // Migrations and seeds run as the tables' owner; the server does not (db/client.ts APP_ROLE).
  return openDatabase({ databaseUrl: env.MIGRATION_DATABASE_URL ?? env.DATABASE_URL, dataDir: env.DATA_DIR, maxConnections: 2 });
}

/** Where the data lives, for progress lines (never prints a password from the URL). */
export function describeTarget(env: Env) {
  if (!env.DATABASE_URL) return `PGlite i ${env.DATA_DIR}`;
  const u = new URL(env.DATABASE_URL);
  return `PostgreSQL ${u.hostname}:${u.port || 5432}${u.pathname}`;
}

export async function countUsers(db: Database) {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return Number(row.n);
}

/** True when the users are the demo users (so the start banner may list them). */
export async function hasDemoUsers(db: Database) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(sql`lower(${users.email}) like ${"%@" + DEMO_DOMAIN}`);
  return Number(row.n) > 0;
}

export type SeedOutcome = "demo" | "reference" | "already-seeded";

/** Seeds only when there are no users yet; production never gets demo users. */
export async function seedWhenEmpty(db: Database, opts: { production: boolean; log: (line: string) => void }) {
  if ((await countUsers(db)) > 0) {
    opts.log("Databasen har allerede brugere: ingen ny seed.");
    return "already-seeded" as const;
  }
  if (opts.production) {
    await seedReferenceOnce(db);
    opts.log("Produktion: kun referencedata (kommuner, styrelser, puljen) – ingen demobrugere.");
    return "reference" as const;
  }
  const t = performance.now();
  // Loaded only when needed: the demo seed pulls in date-fns with all its locales.
  const { seedDemo } = await import("../../db/seed/demo");
  const { counts } = await seedDemo(db);
  opts.log(
    `Demodata oprettet: ${counts.users} brugere, ${counts.calls} opslag, ${counts.applications} ansøgninger ` +
      `(${((performance.now() - t) / 1000).toFixed(1)} s).`,
  );
  return "demo" as const;
}

async function seedReferenceOnce(db: Database) {
  await db.transaction(async (tx) => {
    const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(municipalities);
    if (Number(row.n) > 0) return;
    const poolId = await seedReference(tx);
    await audit(tx, { userId: null, role: "system", requestId: "seed" }, {
      action: "seed.reference",
      entityType: "database",
      after: { poolId },
    });
  });
}

export const firstAdminHint =
  "Opret den første administrator: npx tsx scripts/create-admin.ts --email navn@ministeriet.dk --name \"Fornavn Efternavn\"";
