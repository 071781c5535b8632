// Demo users have a password printed in the README and on the console. A real
// (production) system must never accept them: the server refuses to start while
// any is active, and sign-in refuses them as well, in case one appears later.
import { and, count, eq, or, sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import { users } from "#db/schema";
import type { Env } from "~/env.server";
import { DEMO_DOMAIN } from "../../db/seed/demo-content";

/** Production, not the demo that `npm start` serves with a production build. */
export function isRealProduction(env: Pick<Env, "NODE_ENV" | "DEMO_MODE">) {
  return env.NODE_ENV === "production" && env.DEMO_MODE !== "1";
}

const demoUser = or(eq(users.isDemo, true), sql`lower(${users.email}) like ${"%@" + DEMO_DOMAIN}`);

export async function countActiveDemoUsers(db: Executor) {
  const [row] = await db.select({ n: count() }).from(users).where(and(demoUser, eq(users.status, "active")));
  return Number(row.n);
}

/** Throws a message for the operator when production would start with demo users. */
export async function refuseDemoUsersInProduction(db: Executor, env: Pick<Env, "NODE_ENV" | "DEMO_MODE">) {
  if (!isRealProduction(env)) return;
  const n = await countActiveDemoUsers(db);
  if (n === 0) return;
  throw new Error(
    `Ugyldig konfiguration: databasen har ${n} aktive demobrugere (@${DEMO_DOMAIN}) med en kendt adgangskode, ` +
      "og produktion starter ikke med dem. Brug en ny database til produktion, eller deaktivér dem med " +
      "`npx tsx scripts/disable-demo-users.ts`.",
  );
}

/** Disables every demo user (status 'disabled'); returns how many. */
export async function disableDemoUsers(db: Executor) {
  const rows = await db
    .update(users)
    .set({ status: "disabled", updatedAt: new Date() })
    .where(and(demoUser, eq(users.status, "active")))
    .returning({ id: users.id });
  return rows.length;
}
