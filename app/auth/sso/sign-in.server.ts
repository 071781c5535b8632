// The one way an identity provider's answer becomes a session: match an invited
// account (persistent identifier once linked; e-mail only for the first link), check
// the assurance level, and create the same session the password sign-in creates.
// A provider never creates a user or grants rights: that stays with the admins.
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "#db/client";
import { memberships, userIdentities, users } from "#db/schema";
import { getEnv } from "~/env.server";
import { audit } from "~/utils/audit.server";
import { currentRequestId } from "~/utils/request-context.server";
import { createSession, revokeSession } from "../session.server";
import { isRealProduction } from "../demo-users.server";
import { meetsRequiredLoa, type LoaLevel } from "./assurance";
import type { SsoMethod } from "./requests.server";

export type ExternalIdentity = {
  method: SsoMethod;
  /** Issuer-qualified, e.g. "saml:https://saml.nemlog-in.dk"; subjects are unique per issuer. */
  provider: string;
  subject: string;
  /** Only used to find the account for the first link; null when the provider's is unverified. */
  email: string | null;
  level: LoaLevel | null;
};

export type SsoRefusal = "invalid" | "assurance" | "unknown" | "other-identity";
export type SsoSignInResult = { ok: true; userId: string; setCookie: string } | { ok: false; reason: SsoRefusal };

export async function signInWithIdentity(db: Database, identity: ExternalIdentity, request: Request, now = new Date()): Promise<SsoSignInResult> {
  if (!identity.subject) return { ok: false, reason: "invalid" };
  if (!meetsRequiredLoa(identity.level)) return { ok: false, reason: "assurance" };
  const result = await db.transaction(async (tx) => {
    const account = {
      id: users.id,
      status: users.status,
      isDemo: users.isDemo,
      role: memberships.role,
    };
    const [linked] = await tx
      .select(account)
      .from(userIdentities)
      .innerJoin(users, eq(users.id, userIdentities.userId))
      .innerJoin(memberships, eq(memberships.userId, users.id))
      .where(and(eq(userIdentities.provider, identity.provider), eq(userIdentities.subject, identity.subject)));
    let user = linked;
    let newLink = false;
    if (!user) {
      if (!identity.email) return { ok: false as const, reason: "unknown" as const };
      const [byEmail] = await tx
        .select(account)
        .from(users)
        .innerJoin(memberships, eq(memberships.userId, users.id))
        .where(sql`lower(${users.email}) = ${identity.email.trim().toLowerCase()}`);
      if (!byEmail) return { ok: false as const, reason: "unknown" as const };
      // A second identity at the same provider (someone else given the address there)
      // must not take over the account: an admin unlinks the old one first.
      const [other] = await tx
        .select({ subject: userIdentities.subject })
        .from(userIdentities)
        .where(and(eq(userIdentities.userId, byEmail.id), eq(userIdentities.provider, identity.provider)));
      if (other) return { ok: false as const, reason: "other-identity" as const };
      user = byEmail;
      newLink = true;
    }
    // Demo accounts are refused in production whichever way they sign in.
    if (user.status !== "active" || (user.isDemo && isRealProduction(getEnv()))) return { ok: false as const, reason: "unknown" as const };

    const actor = { userId: user.id, role: user.role, requestId: currentRequestId() };
    if (newLink) {
      const inserted = await tx
        .insert(userIdentities)
        .values({ provider: identity.provider, subject: identity.subject, userId: user.id, linkedAt: now, lastUsedAt: now })
        .onConflictDoNothing()
        .returning({ userId: userIdentities.userId });
      // Lost a race with another first sign-in for the same account or identity.
      if (inserted.length === 0) return { ok: false as const, reason: "other-identity" as const };
      await audit(tx, actor, {
        action: "user.identity-linked",
        entityType: "user",
        entityId: user.id,
        after: { method: identity.method, provider: identity.provider },
      });
    } else {
      await tx
        .update(userIdentities)
        .set({ lastUsedAt: now })
        .where(and(eq(userIdentities.provider, identity.provider), eq(userIdentities.subject, identity.subject)));
    }
    const setCookie = await createSession(tx, user.id, request, now);
    await audit(tx, actor, {
      action: "session.login",
      entityType: "user",
      entityId: user.id,
      after: { method: identity.method, provider: identity.provider, assurance: identity.level },
    });
    return { ok: true as const, userId: user.id, setCookie };
  });
  // As with the password: a session the browser already had is ended, never reused.
  if (result.ok) await revokeSession(request);
  return result;
}
