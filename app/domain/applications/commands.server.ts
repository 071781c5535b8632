// The municipality's commands on an application: start, save (draft/autosave) and
// submit. Each runs in one transaction with one audit row and decides alone: it loads
// the application once (locked), asks the status machine once, checks the deadline and
// the version, and validates the typed values once against the call's own schema.
// `now` is a parameter so tests can move the clock around the deadline.
import { and, eq, inArray, sql } from "drizzle-orm";
import { rowsOf, type Database, type Tx } from "#db/client";
import { applicationBudgetLines, applications, users } from "#db/schema";
import type { ApplicationStatus } from "~/domain/applications/application-constants";
import type { Actor } from "~/auth/actor";
import { acceptsSubmissions, contentChangeBlocker, DEADLINE_PASSED_MESSAGE } from "~/domain/calls/deadline";
import { appNow } from "~/domain/clock/clock.server";
import { conflict, invalid, notFound, ok, type Failure, type Result } from "~/domain/result";
import { getEnv } from "~/env.server";
import { enqueueEmail } from "~/mail/outbox.server";
import { can, ownMunicipality } from "~/policy/permissions";
import { applicationScope } from "~/policy/scopes.server";
import { audit } from "~/utils/audit.server";
import { atTime } from "~/utils/dates";
import { issuesToErrors } from "~/utils/form-errors";
import { formatOre } from "~/utils/money";
import { applicationReceiptEmail } from "../../../emails/application-receipt";
import { applicationSubmitSchema, contentToFormValues, saveableDraft, type ApplicationContent } from "./application-schema";
import { renderApplicationPdf } from "./application-pdf.server";
import { notifyArrival } from "./arrival-notice.server";
import { applicationIdForCall, contentOf, getApplication, getCallToApply, referenceNumber, type ApplicationDetail } from "./applications.server";
import { sumLines } from "./budget";
import { transition } from "./status";

const NOT_FOUND_MESSAGE = "Ansøgningen findes ikke.";
const EDITABLE: ApplicationStatus[] = ["draft", "correction"];
export const CONFIRM_MESSAGE = "Bekræft, at ansøgningen er klar til at blive indsendt.";
export const INCOMPLETE_MESSAGE = "Ansøgningen er ikke udfyldt helt.";

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
): Promise<Result<{ id: number; created: boolean }>> {
  const now = at ?? (await appNow(db));
  const code = can(actor, "application:create:own") ? ownMunicipality(actor) : null;
  const noCall = notFound("Opslaget findes ikke, eller din kommune kan ikke søge det.");
  if (!code) return noCall;
  const existing = await applicationIdForCall(db, actor, callId);
  if (existing) return ok({ id: existing, created: false });
  const call = await getCallToApply(db, actor, callId);
  if (!call) return noCall;
  if (!acceptsSubmissions(call, now)) return conflict(DEADLINE_PASSED_MESSAGE);
  return db.transaction(async (tx): Promise<Result<{ id: number; created: boolean }>> => {
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
      if (id) return ok({ id, created: false });
      return conflict(DEADLINE_PASSED_MESSAGE);
    }
    const id = Number(inserted[0].id);
    await audit(tx, actor, {
      action: "application.created",
      entityType: "application",
      entityId: id,
      after: { callId, municipalityCode: code, status: "draft", version: 1 },
    });
    return ok({ id, created: true });
  });
}

export async function conflictMessage(tx: Tx, row: { updatedBy: string | null; updatedAt: Date }) {
  const [who] = row.updatedBy ? await tx.select({ name: users.name }).from(users).where(eq(users.id, row.updatedBy)) : [];
  const when = atTime(row.updatedAt);
  return (
    `Ansøgningen er blevet ændret af en anden bruger (${who ? `${who.name}, ` : ""}${when}), siden du åbnede den. ` +
    "Dine ændringer er ikke gemt. Genindlæs siden for at se den nyeste version."
  );
}

type Locked = typeof applications.$inferSelect;
type Change = { id: number; version: number; values: Record<string, unknown> };

/**
 * Everything that decides whether the municipality may change the application now, in
 * order: visible (404), the status machine, the deadline (a correction ignores it), the
 * version the user started from, and last the typed values against the call's schema.
 * A draft save keeps every valid value: an invalid field keeps its stored value and is
 * named in `invalid` (a partial save); a submission must be valid throughout.
 */
async function decide(
  tx: Tx,
  actor: Actor,
  input: Change & { confirmed?: boolean },
  event: "save" | "submit",
  now: Date,
): Promise<
  { ok: true; detail: ApplicationDetail; content: ApplicationContent; invalid: Record<string, string>; to: ApplicationStatus } | Failure
> {
  const detail = await getApplication(tx, actor, input.id, { forUpdate: true });
  if (!detail) return notFound(NOT_FOUND_MESSAGE);
  const row = detail.application;
  const moved = transition(row.status, event);
  if (!moved.ok) return moved;
  if (event === "submit" && row.status !== "correction" && !acceptsSubmissions(detail.call, now)) {
    return conflict(DEADLINE_PASSED_MESSAGE);
  }
  if (event === "save") {
    const closed = contentChangeBlocker(row.status, detail.call, now);
    if (closed) return conflict(closed);
  }
  if (row.version !== input.version) return conflict(await conflictMessage(tx, row));
  if (event === "save") {
    const draft = saveableDraft(detail.grid, input.values, contentToFormValues(detail.grid, contentOf(detail)));
    if (!draft.ok) return invalid(INCOMPLETE_MESSAGE, draft.errors);
    return { ok: true, detail, content: draft.content, invalid: draft.invalid, to: moved.value };
  }
  const parsed = applicationSubmitSchema(detail.grid, detail.call.maxAmountOre).safeParse(input.values);
  const errors = parsed.success ? {} : issuesToErrors(parsed.error.issues);
  if (!input.confirmed) errors.confirm = CONFIRM_MESSAGE;
  if (!parsed.success || Object.keys(errors).length) return invalid(INCOMPLETE_MESSAGE, errors);
  return { ok: true, detail, content: parsed.data, invalid: {}, to: moved.value };
}

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
  before: ApplicationDetail,
  content: ApplicationContent,
  now: Date,
  extra: Partial<Pick<Locked, "status" | "submittedAt" | "submittedBy">> = {},
) {
  const id = before.application.id;
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
        eq(applications.id, id),
        eq(applications.version, before.application.version),
        applicationScope(actor),
        inArray(applications.status, EDITABLE),
      ),
    )
    .returning();
  if (!after) return null;
  await tx.delete(applicationBudgetLines).where(eq(applicationBudgetLines.applicationId, id));
  if (content.budget.length) {
    await tx.insert(applicationBudgetLines).values(content.budget.map((l) => ({ applicationId: id, ...l })));
  }
  return { after, audit: { before: snapshot(before.application, before.budget), after: snapshot(after, content.budget) } };
}

export type Saved = { version: number; savedAt: Date; invalid: Record<string, string> };

/**
 * Save a draft (or a reopened application): nothing is required, every value that is
 * there is validated; `invalid` names the fields that kept their stored value.
 */
export async function saveApplication(db: Database, actor: Actor, input: Change, at?: Date): Promise<Result<Saved>> {
  const now = at ?? (await appNow(db));
  return db.transaction(async (tx): Promise<Result<Saved>> => {
    const d = await decide(tx, actor, input, "save", now);
    if (!d.ok) return d;
    const written = await writeContent(tx, actor, d.detail, d.content, now);
    if (!written) return conflict(await conflictMessage(tx, d.detail.application));
    await audit(tx, actor, { action: "application.saved", entityType: "application", entityId: input.id, ...written.audit });
    return ok({ version: written.after.version, savedAt: now, invalid: d.invalid });
  });
}

/**
 * Submit: the typed values are validated against the submission schema, stored, and
 * the status moves to 'submitted' in the same UPDATE. The receipt (with the PDF copy)
 * is queued in the same transaction.
 */
export async function submitApplication(
  db: Database,
  actor: Actor,
  input: Change & { confirmed: boolean },
  at?: Date,
): Promise<Result> {
  const now = at ?? (await appNow(db));
  return db.transaction(async (tx): Promise<Result> => {
    const d = await decide(tx, actor, input, "submit", now);
    if (!d.ok) return d;
    const written = await writeContent(tx, actor, d.detail, d.content, now, {
      status: d.to,
      submittedAt: now,
      submittedBy: actor.userId,
    });
    if (!written) return conflict(await conflictMessage(tx, d.detail.application));
    await audit(tx, actor, { action: "application.submitted", entityType: "application", entityId: input.id, ...written.audit });
    await queueReceipt(tx, actor, { ...d.detail, application: written.after, budget: d.content.budget, submittedByName: actor.name });
    await notifyArrival(tx, written.after, d.detail.application.status === "correction");
    return ok();
  });
}

async function queueReceipt(tx: Tx, actor: Actor, d: ApplicationDetail) {
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
