// Invitations: an admin invites a person by e-mail; the single-use link lets them
// choose a password, which creates the user with the invited role.
import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import type { Database } from "#db/client";
import { agencies, invitations, memberships, municipalities, users } from "#db/schema";
import type { Role } from "~/auth/account-constants";
import { getEnv } from "~/env.server";
import { enqueueEmail } from "~/mail/outbox.server";
import { audit } from "~/utils/audit.server";
import { formatDeadline } from "~/utils/dates";
import { currentRequestId } from "~/utils/request-context.server";
import { invitationEmail } from "../../emails/invitation";
import type { Actor } from "./actor";
import { hashPassword } from "./password.server";
import { createSession } from "./session.server";
import { hashToken, newToken } from "./tokens.server";
import { resolveOrganisation } from "./users.server";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** Expired invitations stay listed this long, so the admin sees who never accepted. */
const EXPIRED_VISIBLE_MS = 30 * 24 * 60 * 60 * 1000;

export type InviteInput = { name: string; email: string; role: Role; municipalityCode?: string; agency?: string };

export async function createInvitation(db: Database, actor: Actor, input: InviteInput, now = new Date()) {
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ status: users.status })
      .from(users)
      .where(sql`lower(${users.email}) = ${input.email.toLowerCase()}`)
      .limit(1);
    if (existing) {
      const message =
        existing.status === "active"
          ? "Der findes allerede en aktiv bruger med denne e-mailadresse."
          : "Der findes en deaktiveret bruger med denne e-mailadresse. Genaktivér brugeren i stedet.";
      return { ok: false as const, errors: { email: message } };
    }
    const org = await resolveOrganisation(tx, input);
    if (!org.ok) return { ok: false as const, errors: org.errors };

    // Only the newest invitation for an address may be used.
    const revoked = await tx
      .update(invitations)
      .set({ revokedAt: now })
      .where(
        and(
          sql`lower(${invitations.email}) = ${input.email.toLowerCase()}`,
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .returning({ id: invitations.id });

    const token = newToken();
    const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
    const [invitation] = await tx
      .insert(invitations)
      .values({
        email: input.email.toLowerCase(),
        name: input.name,
        role: input.role,
        municipalityCode: org.municipalityCode,
        agencyId: org.agencyId,
        tokenHash: hashToken(token),
        invitedBy: actor.userId,
        expiresAt,
        createdAt: now,
      })
      .returning({ id: invitations.id });

    const link = `${getEnv().APP_ORIGIN}/invitation/${token}`;
    const mail = invitationEmail({
      name: input.name,
      link,
      role: input.role,
      organisation: org.label,
      expires: formatDeadline(expiresAt),
    });
    await enqueueEmail(tx, { ...mail, to: input.email, template: "invitation", secretLink: link });
    await audit(tx, actor, {
      action: "invitation.created",
      entityType: "invitation",
      entityId: invitation.id,
      after: {
        email: input.email,
        name: input.name,
        role: input.role,
        municipalityCode: org.municipalityCode,
        agencyId: org.agencyId,
        expiresAt,
        revokedInvitationIds: revoked.map((r) => r.id),
      },
    });
    return { ok: true as const, invitationId: invitation.id };
  });
}

/** An invitation as the admin and the invited person see it: who, which role, which organisation, until when. */
function selectInvitations(db: Database) {
  return db
    .select({
      id: invitations.id,
      name: invitations.name,
      email: invitations.email,
      role: invitations.role,
      municipalityName: municipalities.officialName,
      agencyName: agencies.name,
      expiresAt: invitations.expiresAt,
      createdAt: invitations.createdAt,
    })
    .from(invitations)
    .leftJoin(municipalities, eq(municipalities.code, invitations.municipalityCode))
    .leftJoin(agencies, eq(agencies.id, invitations.agencyId));
}

/** The invitation behind a link, if it can still be accepted. */
export async function findOpenInvitation(db: Database, token: string, now = new Date()) {
  const [row] = await selectInvitations(db).where(openByToken(token, now));
  return row ?? null;
}

function openByToken(token: string, now: Date) {
  return and(
    eq(invitations.tokenHash, hashToken(token)),
    isNull(invitations.acceptedAt),
    isNull(invitations.revokedAt),
    gt(invitations.expiresAt, now),
  );
}

class EmailTaken extends Error {}

export type AcceptResult = { ok: true; setCookie: string; userId: string } | { ok: false };

export async function acceptInvitation(db: Database, token: string, password: string, request: Request, now = new Date()): Promise<AcceptResult> {
  // Cheap check first, so a dead link never costs an argon2 hash.
  if (!(await findOpenInvitation(db, token, now))) return { ok: false };
  const passwordHash = await hashPassword(password);
  try {
    return await db.transaction(async (tx) => {
      // The conditional update is the single-use guarantee: of two concurrent
      // accepts, only one gets the row back.
      const [inv] = await tx.update(invitations).set({ acceptedAt: now }).where(openByToken(token, now)).returning();
      if (!inv) return { ok: false as const };
      const [user] = await tx
        .insert(users)
        .values({ email: inv.email, name: inv.name, passwordHash, createdAt: now, updatedAt: now })
        .onConflictDoNothing()
        .returning({ id: users.id });
      // Someone got an account with this e-mail in the meantime: undo the acceptance.
      if (!user) throw new EmailTaken();
      await tx.insert(memberships).values({
        userId: user.id,
        role: inv.role,
        municipalityCode: inv.municipalityCode,
        agencyId: inv.agencyId,
      });
      const setCookie = await createSession(tx, user.id, request, now);
      await audit(tx, { userId: user.id, role: "system", requestId: currentRequestId() }, {
        action: "invitation.accepted",
        entityType: "user",
        entityId: user.id,
        after: { invitationId: inv.id, email: inv.email, role: inv.role, municipalityCode: inv.municipalityCode, agencyId: inv.agencyId },
      });
      return { ok: true as const, setCookie, userId: user.id };
    });
  } catch (error) {
    if (error instanceof EmailTaken) return { ok: false };
    throw error;
  }
}

/** Not yet accepted or revoked; recently expired ones are included and marked. */
export async function listOpenInvitations(db: Database, now = new Date()) {
  const rows = await selectInvitations(db)
    .where(
      and(
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date(now.getTime() - EXPIRED_VISIBLE_MS)),
      ),
    )
    .orderBy(asc(invitations.expiresAt));
  return rows.map((r) => ({ ...r, expired: r.expiresAt <= now }));
}

export async function revokeInvitation(db: Database, actor: Actor, invitationId: number, now = new Date()) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(invitations)
      .set({ revokedAt: now })
      .where(and(eq(invitations.id, invitationId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .returning({ id: invitations.id, email: invitations.email, role: invitations.role });
    if (!row) return { ok: false as const };
    await audit(tx, actor, {
      action: "invitation.revoked",
      entityType: "invitation",
      entityId: row.id,
      after: { email: row.email, role: row.role, revokedAt: now },
    });
    return { ok: true as const };
  });
}
