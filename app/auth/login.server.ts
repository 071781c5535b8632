import { and, desc, eq, gt, sql } from "drizzle-orm";
import { loginAttempts, memberships, users } from "#db/schema";
import { getDb } from "~/db.server";
import { audit, type AuditActor } from "~/utils/audit.server";
import { currentRequestId } from "~/utils/request-context.server";
import { LOCK_MS, lockedUntil, MAX_FAILURES, WINDOW_MS } from "./lockout";
import { getDummyHash, verifyPassword } from "./password.server";
import { createSession } from "./session.server";

export type LoginResult = { ok: true; setCookie: string; userId: string } | { ok: false; reason: "invalid" | "locked" };

export async function attemptLogin(email: string, password: string, request: Request, now = new Date()): Promise<LoginResult> {
  const db = await getDb();
  const normalized = email.trim().toLowerCase();
  const ip = request.headers.get("x-forwarded-for");

  const since = new Date(now.getTime() - WINDOW_MS - LOCK_MS);
  const recent = await db
    .select({ succeeded: loginAttempts.succeeded, createdAt: loginAttempts.createdAt })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.email, normalized), gt(loginAttempts.createdAt, since)))
    .orderBy(desc(loginAttempts.createdAt))
    .limit(MAX_FAILURES + 1);
  const firstSuccess = recent.findIndex((r) => r.succeeded);
  const failures = (firstSuccess === -1 ? recent : recent.slice(0, firstSuccess)).map((r) => r.createdAt);
  // While locked, attempts are neither checked nor counted: the lock ends on time.
  if (lockedUntil(failures, now)) return { ok: false, reason: "locked" };

  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash, status: users.status, role: memberships.role })
    .from(users)
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .where(sql`lower(${users.email}) = ${normalized}`)
    .limit(1);
  const valid = await verifyPassword(user?.passwordHash ?? (await getDummyHash()), password);
  const succeeded = Boolean(user && user.passwordHash && user.status === "active" && valid);

  return db.transaction(async (tx) => {
    await tx.insert(loginAttempts).values({ email: normalized, succeeded, ip, createdAt: now });
    if (!succeeded || !user) {
      const nowLocked = lockedUntil([now, ...failures], now);
      return { ok: false as const, reason: nowLocked ? ("locked" as const) : ("invalid" as const) };
    }
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
}
