// Decision letters: the award letter (tilsagnsbrev) for each new grant and the rejection
// letter (afslag) for each rejected application, made as PDF, stored in decision_letters
// with their SHA-256, audited and mailed through the outbox with the PDF attached, all in
// the caller's transaction (the approval's), so a rolled-back decision leaves no letter
// and sends no mail. Reads: scoped in SQL (grantScope / applicationScope), 404 otherwise.
import { createHash } from "node:crypto";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { rowsOf, type Database, type Executor, type Tx } from "#db/client";
import {
  allocationLines,
  applications,
  calls,
  decisionLetters,
  grantReportDueDates,
  grants,
  municipalities,
  pools,
  users,
} from "#db/schema";
import { referenceNumber } from "~/domain/applications/reference";
import { getEnv } from "~/env.server";
import { callInOpenPool, inOpenPool } from "~/utils/open-pool.server";
import { enqueueEmail } from "~/mail/outbox.server";
import { applicationScope, grantScope, type ScopeActor } from "~/policy/scopes.server";
import { audit, type AuditActor } from "~/utils/audit.server";
import { formatDeadline } from "~/utils/dates";
import { formatOre } from "~/utils/money";
import { awardLetterEmail, rejectionLetterEmail } from "../../../../emails/decision-letter";
import type { LetterKind } from "../grant-constants";
import { originalVersion } from "../budget-queries.server";
import { paymentPlanFromBudget } from "./letter-content";
import { renderAwardLetterPdf, renderRejectionLetterPdf } from "./letter-pdf.server";

type LetterActor = AuditActor & { userId: string | null };

export type IssuedLetters = { letterIds: number[] };

/**
 * Make, store and mail the letters for a decision. A grant or application that already
 * has its letter of that kind gets no second one, so a retried job issues nothing twice.
 */
export async function issueDecisionLetters(
  tx: Tx,
  actor: LetterActor,
  input: { grantIds: readonly number[]; rejectedApplicationIds: readonly number[] },
): Promise<IssuedLetters> {
  const letterIds: number[] = [];
  for (const grantId of input.grantIds) {
    const id = await issueAwardLetter(tx, actor, grantId);
    if (id !== null) letterIds.push(id);
  }
  for (const applicationId of input.rejectedApplicationIds) {
    const id = await issueRejectionLetter(tx, actor, applicationId);
    if (id !== null) letterIds.push(id);
  }
  return { letterIds };
}

const lettersActor = { userId: null, role: "system", requestId: "decision-letters" } as const;

/** Grants without their award letter and rejected applications without their rejection letter. */
export async function pendingDecisionLetters(db: Executor) {
  const grantRows = await db
    .select({ id: grants.id })
    .from(grants)
    .where(and(sql`NOT EXISTS (SELECT 1 FROM ${decisionLetters} WHERE ${decisionLetters.grantId} = ${grants.id} AND ${decisionLetters.kind} = 'award')`, inOpenPool(grants.poolId)))
    .orderBy(asc(grants.id));
  const rejectedRows = await db
    .select({ id: applications.id })
    .from(applications)
    .where(
      and(
        sql`${applications.status} = 'rejected'`,
        sql`NOT EXISTS (SELECT 1 FROM ${decisionLetters} WHERE ${decisionLetters.applicationId} = ${applications.id} AND ${decisionLetters.kind} = 'rejection')`,
        callInOpenPool(applications.callId),
      ),
    )
    .orderBy(asc(applications.id));
  return { grantIds: grantRows.map((r) => r.id), rejectedApplicationIds: rejectedRows.map((r) => r.id) };
}

/**
 * After a decision has committed (the approval answers at once, the letters follow), and
 * as the scheduled safety net: issue every letter still missing, one transaction each, so
 * one failing letter does not hold back the others. Returns the letters issued.
 */
export async function issuePendingDecisionLetters(db: Database, actor: LetterActor = lettersActor): Promise<number> {
  const pending = await pendingDecisionLetters(db);
  let issued = 0;
  for (const grantId of pending.grantIds) {
    const r = await db.transaction((tx) => issueDecisionLetters(tx, actor, { grantIds: [grantId], rejectedApplicationIds: [] }));
    issued += r.letterIds.length;
  }
  for (const applicationId of pending.rejectedApplicationIds) {
    const r = await db.transaction((tx) => issueDecisionLetters(tx, actor, { grantIds: [], rejectedApplicationIds: [applicationId] }));
    issued += r.letterIds.length;
  }
  return issued;
}

async function issueAwardLetter(tx: Tx, actor: LetterActor, grantId: number) {
  const [row] = await tx
    .select({ grant: grants, application: applications, call: calls, pool: pools, municipalityName: municipalities.officialName })
    .from(grants)
    .innerJoin(applications, eq(applications.id, grants.applicationId))
    .innerJoin(calls, eq(calls.id, grants.callId))
    .innerJoin(pools, eq(pools.id, grants.poolId))
    .innerJoin(municipalities, eq(municipalities.code, grants.municipalityCode))
    .where(eq(grants.id, grantId));
  if (!row) throw new Error(`issueDecisionLetters: grant ${grantId} does not exist`);
  // The grant's row lock makes "has it a letter yet?" safe when two processes issue at once.
  await tx.select({ id: grants.id }).from(grants).where(eq(grants.id, grantId)).for("update");
  if (await hasLetter(tx, "award", { grantId })) return null;
  const g = row.grant;
  const lines = (await originalVersion(tx, grantId))?.lines ?? [];
  const reportDueDates = await tx
    .select({ kind: grantReportDueDates.kind, dueOn: grantReportDueDates.dueOn, label: grantReportDueDates.label })
    .from(grantReportDueDates)
    .where(eq(grantReportDueDates.grantId, grantId))
    .orderBy(asc(grantReportDueDates.dueOn));
  const reference = referenceNumber(row.application);
  const pdf = await renderAwardLetterPdf({
    reference,
    // The letter is dated with the decision, even when it is made a moment later.
    letterDate: g.decidedAt,
    municipalityOfficialName: row.municipalityName,
    callTitle: row.call.title,
    poolName: row.pool.name,
    financeLine: row.pool.financeLine,
    awardedOre: BigInt(g.awardedOre),
    projectStart: g.projectStart,
    projectEnd: g.projectEnd,
    acceptanceDeadline: g.acceptanceDeadline,
    latestStartOn: g.latestStartOn,
    accountsDueOn: g.accountsDueOn,
    conditions: g.conditions,
    reportDueDates,
    pool: {
      changeApprovalPercent: row.pool.changeApprovalPercent,
      changeApprovalOre: BigInt(row.pool.changeApprovalOre),
      repaymentMinOre: BigInt(row.pool.repaymentMinOre),
    },
    paymentPlan: paymentPlanFromBudget(lines),
  });
  const filename = `tilsagnsbrev-${reference}.pdf`;
  const letterId = await storeLetter(tx, actor, { applicationId: row.application.id, grantId, kind: "award", filename, pdf });
  const link = `${getEnv().APP_ORIGIN}/grants/${grantId}`;
  for (const r of await municipalityRecipients(tx, row.application)) {
    const mail = awardLetterEmail({
      name: r.name,
      municipalityName: row.municipalityName,
      callTitle: row.call.title,
      reference,
      amount: formatOre(g.awardedOre),
      acceptanceDeadline: formatDeadline(g.acceptanceDeadline),
      link,
    });
    await enqueueEmail(tx, { ...mail, to: r.email, template: "award-letter", attachments: [{ filename, contentType: "application/pdf", content: pdf }] });
  }
  return letterId;
}

async function issueRejectionLetter(tx: Tx, actor: LetterActor, applicationId: number) {
  const [row] = await tx
    .select({ application: applications, call: calls, pool: pools, municipalityName: municipalities.officialName })
    .from(applications)
    .innerJoin(calls, eq(calls.id, applications.callId))
    .innerJoin(pools, eq(pools.id, calls.poolId))
    .innerJoin(municipalities, eq(municipalities.code, applications.municipalityCode))
    .where(eq(applications.id, applicationId));
  if (!row) throw new Error(`issueDecisionLetters: application ${applicationId} does not exist`);
  await tx.select({ id: applications.id }).from(applications).where(eq(applications.id, applicationId)).for("update");
  if (await hasLetter(tx, "rejection", { applicationId })) return null;
  const reason = row.application.rejectionReason?.trim() || (await allocationReason(tx, applicationId));
  const reference = referenceNumber(row.application);
  const pdf = await renderRejectionLetterPdf({
    reference,
    letterDate: await decisionDate(tx, applicationId),
    municipalityOfficialName: row.municipalityName,
    callTitle: row.call.title,
    poolName: row.pool.name,
    reason,
  });
  const filename = `afslag-${reference}.pdf`;
  const letterId = await storeLetter(tx, actor, { applicationId, grantId: null, kind: "rejection", filename, pdf });
  const link = `${getEnv().APP_ORIGIN}/applications/${applicationId}`;
  for (const r of await municipalityRecipients(tx, row.application)) {
    const mail = rejectionLetterEmail({ name: r.name, municipalityName: row.municipalityName, callTitle: row.call.title, reference, link });
    await enqueueEmail(tx, { ...mail, to: r.email, template: "rejection-letter", attachments: [{ filename, contentType: "application/pdf", content: pdf }] });
  }
  return letterId;
}

/** When the rejection was decided: the approval of the round that said "none"; else the application's last change. */
async function decisionDate(tx: Tx, applicationId: number): Promise<Date> {
  const [row] = rowsOf<{ at: Date | string | null }>(
    await tx.execute(sql`
    SELECT coalesce(
      (SELECT r.approved_at FROM allocation_lines l JOIN allocation_rounds r ON r.id = l.round_id
        WHERE l.application_id = ${applicationId} AND l.decision = 'none' AND r.approved_at IS NOT NULL
        ORDER BY r.approved_at DESC LIMIT 1),
      (SELECT updated_at FROM applications WHERE id = ${applicationId})) AS at`),
  );
  return row?.at ? new Date(row.at) : new Date();
}

/** The reason the allocation board gave, when the application row has none of its own. */
async function allocationReason(tx: Tx, applicationId: number) {
  const [line] = await tx
    .select({ reason: allocationLines.reason })
    .from(allocationLines)
    .where(and(eq(allocationLines.applicationId, applicationId), eq(allocationLines.decision, "none")))
    .orderBy(desc(allocationLines.roundId))
    .limit(1);
  return line?.reason ?? "";
}

async function hasLetter(tx: Tx, kind: LetterKind, on: { grantId: number } | { applicationId: number }) {
  const where =
    "grantId" in on
      ? and(eq(decisionLetters.kind, kind), eq(decisionLetters.grantId, on.grantId))
      : and(eq(decisionLetters.kind, kind), eq(decisionLetters.applicationId, on.applicationId));
  const [found] = await tx.select({ id: decisionLetters.id }).from(decisionLetters).where(where).limit(1);
  return Boolean(found);
}

async function storeLetter(
  tx: Tx,
  actor: LetterActor,
  l: { applicationId: number; grantId: number | null; kind: LetterKind; filename: string; pdf: Uint8Array },
) {
  const sha256 = createHash("sha256").update(l.pdf).digest("hex");
  const [row] = await tx
    .insert(decisionLetters)
    .values({ applicationId: l.applicationId, grantId: l.grantId, kind: l.kind, filename: l.filename, pdf: l.pdf, sha256, createdBy: actor.userId })
    .returning({ id: decisionLetters.id });
  await audit(tx, actor, {
    action: "letter.issued",
    entityType: l.grantId === null ? "application" : "grant",
    entityId: l.grantId ?? l.applicationId,
    after: { letterId: row!.id, kind: l.kind, filename: l.filename, sha256, bytes: l.pdf.byteLength },
  });
  return row!.id;
}

/** The application's contact person and the user who submitted it, once each. */
export async function municipalityRecipients(
  tx: Executor,
  a: { contactEmail: string; contactName: string; submittedBy: string | null },
): Promise<{ email: string; name: string }[]> {
  const out = new Map<string, { email: string; name: string }>();
  if (a.contactEmail) out.set(a.contactEmail.toLowerCase(), { email: a.contactEmail, name: a.contactName || "modtager" });
  if (a.submittedBy) {
    const [u] = await tx.select({ email: users.email, name: users.name, status: users.status }).from(users).where(eq(users.id, a.submittedBy));
    if (u && u.status === "active" && !out.has(u.email.toLowerCase())) out.set(u.email.toLowerCase(), { email: u.email, name: u.name });
  }
  return [...out.values()];
}

const letterListColumns = {
  id: decisionLetters.id,
  kind: decisionLetters.kind,
  filename: decisionLetters.filename,
  sha256: decisionLetters.sha256,
  grantId: decisionLetters.grantId,
  applicationId: decisionLetters.applicationId,
  createdAt: decisionLetters.createdAt,
};

/** The letters of a grant the actor may see (its award letter), newest first. */
export async function grantLetters(db: Executor, actor: ScopeActor, grantId: number) {
  return db
    .select(letterListColumns)
    .from(decisionLetters)
    .innerJoin(grants, eq(grants.id, decisionLetters.grantId))
    .where(and(eq(decisionLetters.grantId, grantId), grantScope(actor)))
    .orderBy(desc(decisionLetters.id));
}

/** The letters of an application the actor may see (award or rejection), newest first. */
export async function applicationLetters(db: Executor, actor: ScopeActor, applicationId: number) {
  return db
    .select(letterListColumns)
    .from(decisionLetters)
    .innerJoin(applications, eq(applications.id, decisionLetters.applicationId))
    .where(and(eq(decisionLetters.applicationId, applicationId), applicationScope(actor)))
    .orderBy(desc(decisionLetters.id));
}

export type LetterFile = { filename: string; pdf: Uint8Array; sha256: string };

/** One stored letter under a grant the actor may see, or null (→ 404). */
export async function grantLetterFile(db: Executor, actor: ScopeActor, grantId: number, letterId: number): Promise<LetterFile | null> {
  const [row] = await db
    .select({ filename: decisionLetters.filename, pdf: decisionLetters.pdf, sha256: decisionLetters.sha256 })
    .from(decisionLetters)
    .innerJoin(grants, eq(grants.id, decisionLetters.grantId))
    .where(and(eq(decisionLetters.id, letterId), eq(decisionLetters.grantId, grantId), grantScope(actor)));
  return row ?? null;
}

/** One stored letter under an application the actor may see, or null (→ 404). */
export async function applicationLetterFile(
  db: Executor,
  actor: ScopeActor,
  applicationId: number,
  letterId: number,
): Promise<LetterFile | null> {
  const [row] = await db
    .select({ filename: decisionLetters.filename, pdf: decisionLetters.pdf, sha256: decisionLetters.sha256 })
    .from(decisionLetters)
    .innerJoin(applications, eq(applications.id, decisionLetters.applicationId))
    .where(and(eq(decisionLetters.id, letterId), eq(decisionLetters.applicationId, applicationId), applicationScope(actor)));
  return row ?? null;
}
