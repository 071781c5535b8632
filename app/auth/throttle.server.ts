// Guess counters for passwords. The attempt is counted *before* the password is
// checked, in one conditional upsert: of any number of parallel requests at most
// `max` get a slot, so at most `max` guesses are ever verified per window. A
// request refused here never reaches argon2 and is not counted (the lock ends on time).
import { eq, inArray, sql } from "drizzle-orm";
import { rowsOf, type Executor } from "#db/client";
import { loginThrottles } from "#db/schema";
import { LOCK_MS, lockedUntil, WINDOW_MS } from "./lockout";

export const throttleKeys = {
  email: (email: string) => `email:${email.trim().toLowerCase()}`,
  address: (address: string) => `address:${address}`,
  passwordCheck: (userId: string) => `password-check:${userId}`,
};

/** Takes one guess from the counter: the guesses counted so far (this one included), or null when locked. */
export async function takeGuess(db: Executor, key: string, max: number, now: Date): Promise<number | null> {
  // Raw SQL: postgres.js takes instants as text, not Date.
  const at = (ms: number) => sql`${new Date(now.getTime() - ms).toISOString()}::timestamptz`;
  const [windowCutoff, lockCutoff, nowAt] = [at(WINDOW_MS), at(LOCK_MS), at(0)];
  // A counter starts again when its window has passed or its lock has run out.
  const restart = sql`(login_throttles.failures >= ${max} OR login_throttles.window_started_at <= ${windowCutoff})`;
  const result = await db.execute(sql`
    INSERT INTO login_throttles (key, failures, window_started_at, last_at)
    VALUES (${key}, 1, ${nowAt}, ${nowAt})
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN ${restart} THEN 1 ELSE login_throttles.failures + 1 END,
      window_started_at = CASE WHEN ${restart} THEN ${nowAt} ELSE login_throttles.window_started_at END,
      last_at = ${nowAt}
    WHERE NOT (login_throttles.failures >= ${max} AND login_throttles.last_at > ${lockCutoff})
    RETURNING failures`);
  const [row] = rowsOf<{ failures: number }>(result);
  return row ? Number(row.failures) : null;
}

/** A right password: the guess it took is given back (the address keeps its other failures). */
export async function giveBackGuess(db: Executor, key: string) {
  await db
    .update(loginThrottles)
    .set({ failures: sql`greatest(${loginThrottles.failures} - 1, 0)` })
    .where(eq(loginThrottles.key, key));
}

/** Clears counters: a right password for the account, a completed reset, an admin's "Lås op". */
export async function clearGuesses(db: Executor, keys: string[]) {
  if (keys.length) await db.delete(loginThrottles).where(inArray(loginThrottles.key, keys));
}

/** Is the key locked now, and until when? (For the admin's user page.) */
export async function lockStatus(db: Executor, key: string, max: number, now = new Date()) {
  const [row] = await db.select().from(loginThrottles).where(eq(loginThrottles.key, key));
  return lockedUntil(row, max, now);
}
