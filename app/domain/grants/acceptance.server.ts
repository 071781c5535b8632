// Accepting a grant (accept af tilsagn) and lapsing the ones not accepted in time.
// Acceptance: a municipality user, their own grant (scope in the SQL), status offered and
// the deadline not passed by appNow (the test clock outside production); audited, and the
// caseworkers hear of it through the outbox. Lapse: the scheduled job takes every offered
// grant past its deadline, releases its committed money with a `lapsed` ledger entry (the
// money returns to the pool), audits it and mails the municipality and the caseworkers.
import { and, asc, eq, inArray, lt, sql } from "drizzle-orm";
import type { Database, Executor, Tx } from "#db/client";
import { applications, grants, memberships, municipalities, users } from "#db/schema";
import type { Actor } from "~/auth/actor";
import { noticeRecipients } from "~/domain/applications/arrival-notice.server";
import { referenceNumber } from "~/domain/applications/reference";
import { appNow } from "~/domain/clock/clock.server";
import { conflict, notFound, ok, refused, type Result } from "~/domain/result";
import { getEnv } from "~/env.server";
import { enqueueEmail } from "~/mail/outbox.server";
import { can, ministryRoles } from "~/policy/permissions";
import { grantScope } from "~/policy/scopes.server";
import { audit, type AuditActor } from "~/utils/audit.server";
import { atTime, copenhagenDateString, formatDeadline } from "~/utils/dates";
import { formatOre } from "~/utils/money";
import { grantAcceptedEmail, grantLapsedEmail } from "../../../emails/decision-letter";
import { replanUnpaidPayments } from "./payment-replan.server";
import { acceptanceBlocker } from "./acceptance";
import { postLedgerEntry, runLedgerCommand } from "./ledger.server";
import { municipalityRecipients } from "./letters/letters.server";

export async function acceptGrant(db: Database, actor: Actor, grantId: number, at?: Date): Promise<Result<{ id: number }>> {
  if (!can(actor, "grant:accept")) return refused("Kun kommunen, der har fået tilsagnet, kan acceptere det.");
  return db.transaction(async (tx): Promise<Result<{ id: number }>> => {
    const [before] = await tx
      .select()
      .from(grants)
      .where(and(eq(grants.id, grantId), grantScope(actor)))
      .for("update");
    if (!before) return notFound("Tilsagnet findes ikke.");
    if (!can(actor, "grant:accept", before)) return refused("Kun kommunen, der har fået tilsagnet, kan acceptere det.");
    const now = at ?? (await appNow(tx));
    const blocker = acceptanceBlocker(before, now);
    if (blocker) return conflict(blocker);
    const [after] = await tx
      .update(grants)
      .set({ status: "accepted", acceptedBy: actor.userId, acceptedAt: now, version: sql`${grants.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(grants.id, grantId), eq(grants.status, "offered")))
      .returning();
    if (!after) return conflict("Tilsagnet er ændret i mellemtiden. Genindlæs siden.");
    // Due dates follow the acceptance day for a quarter already begun (decision record 021).
    const replanned = await replanUnpaidPayments(tx, actor, grantId);
    if (!replanned.ok) return replanned;
    await audit(tx, actor, {
      action: "grant.accepted",
      entityType: "grant",
      entityId: grantId,
      before: { status: before.status },
      after: { status: after.status, acceptedAt: now },
    });
    const ctx = await grantContext(tx, grantId);
    const link = `${getEnv().APP_ORIGIN}/grants/${grantId}`;
    for (const r of await caseworkerRecipients(tx, ctx)) {
      const mail = grantAcceptedEmail({
        name: r.name,
        municipalityName: ctx.municipalityName,
        reference: ctx.reference,
        amount: formatOre(before.awardedOre),
        acceptedAt: atTime(now),
        acceptedBy: actor.name,
        link,
      });
      await enqueueEmail(tx, { ...mail, to: r.email, template: "grant-accepted" });
    }
    return ok({ id: grantId });
  });
}

const lapseActor = { userId: null, role: "system", requestId: "job-grant-lapse" } as const;

/**
 * Lapse every grant still offered after its acceptance deadline: status lapsed, a
 * `lapsed` ledger entry releasing what it committed, an audit row, mail. Catches up on
 * every overdue grant (not only today's), and a second run finds nothing to do.
 */
export async function lapseOverdueGrants(tx: Tx, now: Date, actor: AuditActor & { userId: string | null } = lapseActor) {
  const overdue = await tx
    .select({ id: grants.id })
    .from(grants)
    .where(and(eq(grants.status, "offered"), lt(grants.acceptanceDeadline, now)))
    .orderBy(asc(grants.id))
    .for("update");
  const lapsed: number[] = [];
  for (const { id } of overdue) {
    const [after] = await tx
      .update(grants)
      .set({ status: "lapsed", lapsedAt: now, version: sql`${grants.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(grants.id, id), eq(grants.status, "offered")))
      .returning();
    if (!after) continue;
    const committed = BigInt(after.committedOre);
    if (committed > 0n) {
      const entry = await postLedgerEntry(tx, actor, {
        grantId: id,
        kind: "lapsed",
        committedDeltaOre: -committed,
        note: `Tilsagnet er ikke accepteret inden fristen ${formatDeadline(after.acceptanceDeadline)}.`,
        bookedOn: copenhagenDateString(now),
      });
      // The release cannot exceed what the grant committed; a failure is a broken invariant.
      if (!entry.ok) throw new Error(`lapse of grant ${id}: ${entry.message}`);
    }
    await audit(tx, actor, {
      action: "grant.lapsed",
      entityType: "grant",
      entityId: id,
      before: { status: "offered" },
      after: { status: "lapsed", releasedOre: committed, acceptanceDeadline: after.acceptanceDeadline },
    });
    const ctx = await grantContext(tx, id);
    const recipients = new Map<string, { email: string; name: string }>();
    for (const r of [...(await municipalityRecipients(tx, ctx.application)), ...(await caseworkerRecipients(tx, ctx))]) {
      if (!recipients.has(r.email.toLowerCase())) recipients.set(r.email.toLowerCase(), r);
    }
    for (const r of recipients.values()) {
      const mail = grantLapsedEmail({
        name: r.name,
        municipalityName: ctx.municipalityName,
        reference: ctx.reference,
        amount: formatOre(after.awardedOre),
        deadline: formatDeadline(after.acceptanceDeadline),
        link: `${getEnv().APP_ORIGIN}/grants/${id}`,
      });
      await enqueueEmail(tx, { ...mail, to: r.email, template: "grant-lapsed" });
    }
    lapsed.push(id);
  }
  return { lapsed };
}

/** Run the lapse on its own (tests, scripts): one transaction, ledger bounds as a Result. */
export async function lapseOverdueGrantsNow(db: Database, now?: Date) {
  return runLedgerCommand(async () => {
    const at = now ?? (await appNow(db));
    return ok(await db.transaction((tx) => lapseOverdueGrants(tx, at)));
  });
}

type GrantContext = Awaited<ReturnType<typeof grantContext>>;

async function grantContext(tx: Executor, grantId: number) {
  const [row] = await tx
    .select({ application: applications, municipalityName: municipalities.officialName })
    .from(grants)
    .innerJoin(applications, eq(applications.id, grants.applicationId))
    .innerJoin(municipalities, eq(municipalities.code, grants.municipalityCode))
    .where(eq(grants.id, grantId));
  return { ...row!, reference: referenceNumber(row!.application) };
}

/** The application's caseworker when one is assigned and active; otherwise the call's (or all) caseworkers. */
async function caseworkerRecipients(tx: Executor, ctx: GrantContext): Promise<{ email: string; name: string }[]> {
  if (ctx.application.assignedTo) {
    const [assigned] = await tx
      .select({ email: users.email, name: users.name })
      .from(users)
      .innerJoin(memberships, eq(memberships.userId, users.id))
      .where(and(eq(users.id, ctx.application.assignedTo), eq(users.status, "active"), inArray(memberships.role, ministryRoles)));
    if (assigned) return [assigned];
  }
  return (await noticeRecipients(tx, ctx.application.callId)).map((r) => ({ email: r.email, name: r.name }));
}

/** What the acceptance page shows: the grant (scoped), its award letter and whether it may be accepted now. */
export async function acceptanceView(db: Executor, actor: Actor, grantId: number, now: Date) {
  const [row] = await db
    .select({
      id: grants.id,
      status: grants.status,
      awardedOre: grants.awardedOre,
      acceptanceDeadline: grants.acceptanceDeadline,
      acceptedAt: grants.acceptedAt,
      municipalityCode: grants.municipalityCode,
      municipalityName: municipalities.officialName,
      application: { id: applications.id, submittedAt: applications.submittedAt, createdAt: applications.createdAt },
    })
    .from(grants)
    .innerJoin(applications, eq(applications.id, grants.applicationId))
    .innerJoin(municipalities, eq(municipalities.code, grants.municipalityCode))
    .where(and(eq(grants.id, grantId), grantScope(actor)));
  if (!row) return null;
  return {
    ...row,
    reference: referenceNumber(row.application),
    mayAccept: can(actor, "grant:accept", row),
    blocker: acceptanceBlocker(row, now),
  };
}
