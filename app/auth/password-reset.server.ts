// Password reset by e-mail: a single-use link valid for one hour. The request
// answers the same whether or not the address belongs to a user.
import { and, count, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import type { Database } from "#db/client";
import { passwordResets, users } from "#db/schema";
import { getEnv } from "~/env.server";
import { enqueueEmail } from "~/mail/outbox.server";
import { audit } from "~/utils/audit.server";
import { formatDeadline } from "~/utils/dates";
import { currentRequestId } from "~/utils/request-context.server";
import { passwordResetEmail } from "../../emails/password-reset";
import { hashPassword } from "./password.server";
import { revokeAllSessions } from "./session.server";
import { clearGuesses, throttleKeys } from "./throttle.server";
import { hashToken, newToken } from "./tokens.server";

export const RESET_TTL_MS = 60 * 60 * 1000;
/** Unused, unexpired links per user: caps the mail anyone can trigger to someone else's inbox. */
export const MAX_OPEN_RESETS = 3;

/** Returns nothing on purpose: callers must answer the same either way. */
export async function requestPasswordReset(db: Database, email: string, now = new Date()): Promise<void> {
  const [user] = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`, eq(users.status, "active")))
    .limit(1);
  if (!user) return;
  await db.transaction(async (tx) => {
    const [{ open }] = await tx
      .select({ open: count() })
      .from(passwordResets)
      .where(and(eq(passwordResets.userId, user.id), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)));
    if (Number(open) >= MAX_OPEN_RESETS) return;
    const token = newToken();
    const expiresAt = new Date(now.getTime() + RESET_TTL_MS);
    const [reset] = await tx
      .insert(passwordResets)
      .values({ userId: user.id, tokenHash: hashToken(token), expiresAt, createdAt: now })
      .returning({ id: passwordResets.id });
    const link = `${getEnv().APP_ORIGIN}/reset-password/${token}`;
    await enqueueEmail(tx, {
      ...passwordResetEmail({ name: user.name, link, expires: formatDeadline(expiresAt) }),
      to: user.email,
      template: "password-reset",
      secretLink: link,
    });
    await audit(tx, { userId: null, role: "system", requestId: currentRequestId() }, {
      action: "password-reset.requested",
      entityType: "user",
      entityId: user.id,
      after: { passwordResetId: reset.id, expiresAt },
    });
  });
}

function openByToken(token: string, now: Date) {
  return and(
    eq(passwordResets.tokenHash, hashToken(token)),
    isNull(passwordResets.usedAt),
    gt(passwordResets.expiresAt, now),
    inArray(passwordResets.userId, sql`(SELECT ${users.id} FROM ${users} WHERE ${users.status} = 'active')`),
  );
}

/** Is the link still usable? (For the page, before the form is shown.) */
export async function isResetTokenOpen(db: Database, token: string, now = new Date()) {
  const [row] = await db.select({ id: passwordResets.id }).from(passwordResets).where(openByToken(token, now));
  return Boolean(row);
}

export async function resetPassword(db: Database, token: string, password: string, now = new Date()): Promise<{ ok: boolean }> {
  if (!(await isResetTokenOpen(db, token, now))) return { ok: false };
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    // Single use: of two concurrent submissions only one gets the row back.
    const [reset] = await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(openByToken(token, now))
      .returning({ id: passwordResets.id, userId: passwordResets.userId });
    if (!reset) return { ok: false };
    // Any other link sent earlier dies with this one.
    await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.userId, reset.userId), isNull(passwordResets.usedAt)));
    const [user] = await tx
      .update(users)
      .set({ passwordHash, updatedAt: now })
      .where(eq(users.id, reset.userId))
      .returning({ email: users.email });
    // The lock message recommends a reset: a completed one proves the mailbox and lifts the lock.
    await clearGuesses(tx, [throttleKeys.email(user.email), throttleKeys.passwordCheck(reset.userId)]);
    await revokeAllSessions(tx, reset.userId);
    await audit(tx, { userId: reset.userId, role: "system", requestId: currentRequestId() }, {
      action: "password-reset.completed",
      entityType: "user",
      entityId: reset.userId,
      after: { passwordResetId: reset.id },
    });
    return { ok: true };
  });
}
