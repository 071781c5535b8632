// The municipality's commands on an application: start, save (draft/autosave) and
// submit. Each runs in one transaction with one audit row; `now` is a parameter so
// tests can move the clock around the deadline.
import { and, eq, inArray, sql } from "drizzle-orm";
import { rowsOf, type Database, type Tx } from "#db/client";
import { applicationBudgetLines, applications, calls, users } from "#db/schema";
import type { ApplicationStatus } from "~/domain/applications/application-constants";
import type { Actor } from "~/auth/actor";
import { acceptsSubmissions, contentChangeBlocker, DEADLINE_PASSED_MESSAGE, type CallTiming } from "~/domain/calls/deadline";
import { appNow } from "~/domain/clock/clock.server";
import { getEnv } from "~/env.server";
import { enqueueEmail } from "~/mail/outbox.server";
import { audit } from "~/utils/audit.server";
import { copenhagenTimeString, formatDate } from "~/utils/dates";
import { formatOre } from "~/utils/money";
import { applicationReceiptEmail } from "../../../emails/application-receipt";
import { applicationSubmitSchema, contentToFormValues, type ApplicationContent } from "./application-schema";
import { renderApplicationPdf } from "./application-pdf.server";
import { applicationIdForCall, getApplication, getCallToApply, referenceNumber } from "./applications.server";
import { sumLines } from "./budget";
import { audienceOf, can, ownMunicipality } from "~/policy/permissions";
import { applicationScope } from "~/policy/scopes.server";
import { isEditableByMunicipality, statusLabelFor, transition } from "./status";

export type CommandFailure = {
  ok: false;
  kind: "not_found" | "conflict" | "refused" | "invalid";
  message: string;
  errors?: Record<string, string>;
};

const notFound: CommandFailure = { ok: false, kind: "not_found", message: "Ansøgningen findes ikke." };
const EDITABLE: ApplicationStatus[] = ["draft", "correction"];

/**
 * Start (or find) the municipality's application for a call. The unique index on
 * (call, municipality) settles races: the loser's insert does nothing and it is
 * sent to the winner's application.
 */
export async function startApplication(
  db: Database,
  actor: Actor,
  callId: number,
  at?: Date,
): Promise<{ ok: true; id: number; created: boolean } | CommandFailure> {
  const now = at ?? (await appNow(db));
  const code = can(actor, "application:create:own") ? ownMunicipality(actor) : null;
  if (!code) return notFound;
  const existing = await applicationIdForCall(db, actor, callId);
  if (existing) return { ok: true, id: existing, created: false };
  const call = await getCallToApply(db, actor, callId);
  if (!call) return { ...notFound, message: "Opslaget findes ikke, eller din kommune kan ikke søge det." };
  if (!acceptsSubmissions(call, now)) return { ok: false, kind: "refused", message: DEADLINE_PASSED_MESSAGE };
  return db.transaction(async (tx) => {
    // Published, before the deadline and eligible: checked again in the INSERT itself.
    const inserted = rowsOf<{ id: number }>(
      await tx.execute(sql`
        INSERT INTO applications (call_id, municipality_code, created_by, updated_by)
        SELECT c.id, ${code}, ${actor.userId}::uuid, ${actor.userId}::uuid
          FROM calls c
         WHERE c.id = ${callId}
           AND c.status = 'published'
           AND c.deadline >= ${now.toISOString()}::timestamptz
           AND EXISTS (SELECT 1 FROM call_eligible_municipalities e
                        WHERE e.call_id = c.id AND e.municipality_code = ${code})
        ON CONFLICT (call_id, municipality_code) DO NOTHING
        RETURNING id`),
    );
    if (inserted.length === 0) {
      const id = await applicationIdForCall(tx, actor, callId);
      if (id) return { ok: true as const, id, created: false };
      return { ok: false as const, kind: "refused" as const, message: DEADLINE_PASSED_MESSAGE };
    }
    const id = Number(inserted[0].id);
    await audit(tx, actor, {
      action: "application.created",
      entityType: "application",
      entityId: id,
      after: { callId, municipalityCode: code, status: "draft", version: 1 },
    });
    return { ok: true as const, id, created: true };
  });
}

/** Why the application cannot be submitted now, or null. 'correction' ignores the deadline. */
export function submissionBlocker(status: ApplicationStatus, call: CallTiming, now: Date): string | null {
  const t = transition(status, "submit");
  if (!t.ok) return t.message;
  if (status !== "correction" && !acceptsSubmissions(call, now)) return DEADLINE_PASSED_MESSAGE;
  return null;
}

/** "22.11.2026 kl. 14:03" */
export const atTime = (d: Date) => `${formatDate(d)} kl. ${copenhagenTimeString(d)}`;

export async function conflictMessage(tx: Tx, row: { updatedBy: string | null; updatedAt: Date }) {
  const [who] = row.updatedBy ? await tx.select({ name: users.name }).from(users).where(eq(users.id, row.updatedBy)) : [];
  const when = atTime(row.updatedAt);
  return (
    `Ansøgningen er blevet ændret af en anden bruger (${who ? `${who.name}, ` : ""}${when}), siden du åbnede den. ` +
    "Dine ændringer er ikke gemt. Genindlæs siden for at se den nyeste version."
  );
}

type Locked = typeof applications.$inferSelect;

/** The row, locked, or the reason the municipality may not change it. */
async function lockForChange(
  tx: Tx,
  actor: Actor,
  id: number,
  version: number,
  now: Date,
  event?: "submit",
): Promise<Locked | CommandFailure> {
  const [row] = await tx
    .select()
    .from(applications)
    .where(and(eq(applications.id, id), applicationScope(actor)))
    .for("update");
  if (!row) return notFound;
  if (event) {
    const t = transition(row.status, event);
    if (!t.ok) return { ok: false, kind: "refused", message: t.message };
  }
  if (!isEditableByMunicipality(row.status)) {
    return {
      ok: false,
      kind: "refused",
      message: `Ansøgningen har status „${statusLabelFor(row.status, audienceOf(actor))}“ og kan ikke længere ændres.`,
    };
  }
  // Submitting has its own deadline rule (submissionBlocker); saving stops at the deadline.
  if (!event) {
    const [call] = await tx.select({ status: calls.status, deadline: calls.deadline }).from(calls).where(eq(calls.id, row.callId));
    const closed = call ? contentChangeBlocker(row.status, call, now) : null;
    if (closed) return { ok: false, kind: "refused", message: closed };
  }
  if (row.version !== version) return { ok: false, kind: "conflict", message: await conflictMessage(tx, row) };
  return row;
}

const isFailure = (v: unknown): v is CommandFailure => typeof v === "object" && v !== null && (v as CommandFailure).ok === false;

function snapshot(row: Locked, budget: { categoryId: number; quarter: string; amountOre: bigint }[]) {
  return {
    status: row.status,
    version: row.version,
    contactName: row.contactName,
    contactEmail: row.contactEmail,
    contactPhone: row.contactPhone,
    signatoryName: row.signatoryName,
    signatoryTitle: row.signatoryTitle,
    challenge: row.challenge,
    activities: row.activities,
    expectedEffect: row.expectedEffect,
    themes: row.themes,
    requestedOre: row.requestedOre,
    submittedAt: row.submittedAt,
    budget,
  };
}

/** Content, budget lines and requested total in one versioned UPDATE; null when the version moved. */
async function writeContent(
  tx: Tx,
  actor: Actor,
  before: Locked,
  content: ApplicationContent,
  now: Date,
  extra: Partial<Pick<Locked, "status" | "submittedAt" | "submittedBy">> = {},
) {
  const [after] = await tx
    .update(applications)
    .set({
      contactName: content.contactName,
      contactEmail: content.contactEmail,
      contactPhone: content.contactPhone,
      signatoryName: content.signatoryName,
      signatoryTitle: content.signatoryTitle,
      challenge: content.challenge,
      activities: content.activities,
      expectedEffect: content.expectedEffect,
      themes: content.themes,
      requestedOre: sumLines(content.budget),
      version: sql`${applications.version} + 1`,
      updatedBy: actor.userId,
      updatedAt: now,
      ...extra,
    })
    .where(
      and(
        eq(applications.id, before.id),
        eq(applications.version, before.version),
        applicationScope(actor),
        inArray(applications.status, EDITABLE),
      ),
    )
    .returning();
  if (!after) return null;
  const oldLines = await tx
    .select({
      categoryId: applicationBudgetLines.categoryId,
      quarter: applicationBudgetLines.quarter,
      amountOre: applicationBudgetLines.amountOre,
    })
    .from(applicationBudgetLines)
    .where(eq(applicationBudgetLines.applicationId, before.id));
  await tx.delete(applicationBudgetLines).where(eq(applicationBudgetLines.applicationId, before.id));
  if (content.budget.length) {
    await tx.insert(applicationBudgetLines).values(content.budget.map((l) => ({ applicationId: before.id, ...l })));
  }
  return { after, audit: { before: snapshot(before, oldLines), after: snapshot(after, content.budget) } };
}

export async function saveApplication(
  db: Database,
  actor: Actor,
  input: { id: number; version: number; content: ApplicationContent },
  at?: Date,
): Promise<{ ok: true; version: number; savedAt: Date } | CommandFailure> {
  const now = at ?? (await appNow(db));
  return db.transaction(async (tx) => {
    const before = await lockForChange(tx, actor, input.id, input.version, now);
    if (isFailure(before)) return before;
    const written = await writeContent(tx, actor, before, input.content, now);
    if (!written) return { ok: false as const, kind: "conflict" as const, message: await conflictMessage(tx, before) };
    await audit(tx, actor, { action: "application.saved", entityType: "application", entityId: input.id, ...written.audit });
    return { ok: true as const, version: written.after.version, savedAt: now };
  });
}

/**
 * Submit: the typed content is saved and the status moves to 'submitted' in the same
 * UPDATE, after the status machine, the deadline and the submit schema agree. The
 * receipt (with the PDF copy) is queued in the same transaction.
 */
export async function submitApplication(
  db: Database,
  actor: Actor,
  input: { id: number; version: number; content: ApplicationContent },
  at?: Date,
): Promise<{ ok: true } | CommandFailure> {
  const now = at ?? (await appNow(db));
  return db.transaction(async (tx) => {
    const before = await lockForChange(tx, actor, input.id, input.version, now, "submit");
    if (isFailure(before)) return before;
    const detail = await getApplication(tx, actor, input.id);
    if (!detail) return notFound;
    const blocker = submissionBlocker(before.status, detail.call, now);
    if (blocker) return { ok: false as const, kind: "refused" as const, message: blocker };
    // The server re-checks the content it is about to store, whatever the caller parsed.
    const check = applicationSubmitSchema(detail.grid, detail.call.maxAmountOre).safeParse(
      contentToFormValues(detail.grid, input.content),
    );
    if (!check.success) {
      const errors: Record<string, string> = {};
      for (const i of check.error.issues) errors[i.path.join(".") || "form"] ??= i.message;
      return { ok: false as const, kind: "invalid" as const, message: "Ansøgningen er ikke udfyldt helt.", errors };
    }
    const to = transition(before.status, "submit");
    if (!to.ok) return { ok: false as const, kind: "refused" as const, message: to.message };
    const written = await writeContent(tx, actor, before, input.content, now, {
      status: to.to,
      submittedAt: now,
      submittedBy: actor.userId,
    });
    if (!written) return { ok: false as const, kind: "conflict" as const, message: await conflictMessage(tx, before) };
    await audit(tx, actor, { action: "application.submitted", entityType: "application", entityId: input.id, ...written.audit });
    await queueReceipt(tx, actor, { ...detail, application: written.after, budget: input.content.budget, submittedByName: actor.name });
    return { ok: true as const };
  });
}

async function queueReceipt(tx: Tx, actor: Actor, d: NonNullable<Awaited<ReturnType<typeof getApplication>>>) {
  const a = d.application;
  const reference = referenceNumber(a);
  const pdf = await renderApplicationPdf({ ...d, reference, audience: "municipality" });
  const recipients = new Map<string, string>();
  if (a.contactEmail) recipients.set(a.contactEmail.toLowerCase(), a.contactName);
  if (!recipients.has(actor.email.toLowerCase())) recipients.set(actor.email.toLowerCase(), actor.name);
  for (const [to, name] of recipients) {
    const mail = applicationReceiptEmail({
      name,
      municipalityName: d.municipalityName,
      callTitle: d.call.title,
      reference,
      submittedAt: atTime(a.submittedAt ?? new Date()),
      requested: formatOre(a.requestedOre),
      link: `${getEnv().APP_ORIGIN}/applications/${a.id}`,
    });
    await enqueueEmail(tx, {
      ...mail,
      to,
      template: "application-receipt",
      attachments: [{ filename: `ansoegning-${reference}.pdf`, contentType: "application/pdf", content: pdf }],
    });
  }
}
