import { eq, sql } from "drizzle-orm";
import { loginAttempts, memberships, users } from "#db/schema";
import { getDb } from "~/db.server";
import { getEnv } from "~/env.server";
import { audit, type AuditActor } from "~/utils/audit.server";
import { currentClientAddress, currentRequestId } from "~/utils/request-context.server";
import { isRealProduction } from "./demo-users.server";
import { MAX_FAILURES, MAX_FAILURES_PER_ADDRESS } from "./lockout";
import { getDummyHash, verifyPassword } from "./password.server";
import { createSession, revokeSession } from "./session.server";
import { clearGuesses, giveBackGuess, takeGuess, throttleKeys } from "./throttle.server";

export type LoginResult = { ok: true; setCookie: string; userId: string } | { ok: false; reason: "invalid" | "locked" };

export async function attemptLogin(email: string, password: string, request: Request, now = new Date()): Promise<LoginResult> {
  const db = await getDb();
  const normalized = email.trim().toLowerCase();
  const ip = currentClientAddress();
  const emailKey = throttleKeys.email(normalized);
  const addressKey = ip ? throttleKeys.address(ip) : null;

  // Counted before argon2 runs, so parallel guesses cannot outrun the limit.
  const guesses = await takeGuess(db, emailKey, MAX_FAILURES, now);
  if (guesses === null) return { ok: false, reason: "locked" };
  if (addressKey && (await takeGuess(db, addressKey, MAX_FAILURES_PER_ADDRESS, now)) === null) {
    // The address is locked; the account's counter is not charged for a guess never checked.
    await giveBackGuess(db, emailKey);
    return { ok: false, reason: "locked" };
  }

  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash, status: users.status, isDemo: users.isDemo, role: memberships.role })
    .from(users)
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .where(sql`lower(${users.email}) = ${normalized}`)
    .limit(1);
  const valid = await verifyPassword(user?.passwordHash ?? (await getDummyHash()), password);
  const demoRefused = Boolean(user?.isDemo) && isRealProduction(getEnv());
  const succeeded = Boolean(user && user.passwordHash && user.status === "active" && valid && !demoRefused);

  const result = await db.transaction(async (tx) => {
    await tx.insert(loginAttempts).values({ email: normalized, succeeded, ip, createdAt: now });
    if (!succeeded || !user) {
      return { ok: false as const, reason: guesses >= MAX_FAILURES ? ("locked" as const) : ("invalid" as const) };
    }
    await clearGuesses(tx, [emailKey]);
    if (addressKey) await giveBackGuess(tx, addressKey);
    const setCookie = await createSession(tx, user.id, request, now);
    const requestId = currentRequestId();
    const actor: AuditActor = user.role ? { userId: user.id, role: user.role, requestId } : { userId: user.id, role: "system", requestId };
    await audit(tx, actor, {
      action: "session.login",
      entityType: "user",
      entityId: user.id,
    });
    return { ok: true as const, setCookie, userId: user.id };
  });
  // A session the browser already had (another user's, or a planted one) is ended: signing in always starts a new one.
  if (result.ok) await revokeSession(request);
  return result;
}
