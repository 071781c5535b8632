// The one source of "now" for deadlines: every deadline check asks `appNow(db)`.
// Outside production an admin may move it (the test clock); audit rows, sessions and
// mail keep the real time, since they record what really happened.
import { eq } from "drizzle-orm";
import type { Database, Executor } from "#db/client";
import { appSettings } from "#db/schema";
import type { Actor } from "~/auth/actor";
import { getEnv } from "~/env.server";
import { audit } from "~/utils/audit.server";
import { clockAt, parseTestClock, shiftedNow, testClockAllowed, type TestClock } from "./clock";

const KEY = "test_clock";

export function isTestClockAvailable() {
  return testClockAllowed(getEnv());
}

// The root loader reads the clock on every page (outside production and in demo runs): the
// query is built once per database handle or transaction, not for each request (decision 040).
const readQueries = new WeakMap<Executor, ReturnType<typeof buildReadQuery>>();
function buildReadQuery(db: Executor) {
  return db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, KEY)).prepare("read_test_clock");
}

/** The active test clock, or null (always null in production). */
export async function readTestClock(db: Executor): Promise<TestClock | null> {
  if (!isTestClockAvailable()) return null;
  let query = readQueries.get(db);
  if (!query) {
    query = buildReadQuery(db);
    readQueries.set(db, query);
  }
  const [row] = await query.execute();
  return row ? parseTestClock(row.value) : null;
}

/** "Now" for every deadline check. */
export async function appNow(db: Executor, real = new Date()): Promise<Date> {
  return shiftedNow(real, await readTestClock(db));
}

export type SetClockResult = { ok: true; clock: TestClock | null } | { ok: false; message: string };

/** Move "now" to `target` (null: back to the real time). Refused in production; audited. */
export async function setTestClock(db: Database, actor: Actor, target: Date | null, real = new Date()): Promise<SetClockResult> {
  if (!isTestClockAvailable()) return { ok: false, message: "Testuret kan ikke bruges i produktion." };
  if (actor.role !== "admin") return { ok: false, message: "Kun administratorer kan stille testuret." };
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, KEY)).for("update");
    const clock = target ? clockAt(target, real) : null;
    if (clock) {
      await tx
        .insert(appSettings)
        .values({ key: KEY, value: clock, updatedBy: actor.userId, updatedAt: real })
        .onConflictDoUpdate({ target: appSettings.key, set: { value: clock, updatedBy: actor.userId, updatedAt: real } });
    } else {
      await tx.delete(appSettings).where(eq(appSettings.key, KEY));
    }
    await audit(tx, actor, {
      action: clock ? "test_clock.set" : "test_clock.cleared",
      entityType: "setting",
      entityId: KEY,
      before: before?.value ?? null,
      after: clock,
    });
    return { ok: true as const, clock };
  });
}
