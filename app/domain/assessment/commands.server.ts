// The ministry's work on one application: formal check, scores, notes, reopening,
// reconsidering and assignment. Each command: one transaction, the row locked and
// scoped by the actor, every status question asked of the status machine (which also
// says when scores and notes are allowed), the version bumped on every status change
// (so a municipality's stale save cannot overwrite it), and exactly one audit row.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database, Tx } from "#db/client";
import { applicationNotes, applications, assessmentScores, callCriteria, formalChecks } from "#db/schema";
import type { ApplicationStatus } from "~/domain/applications/application-constants";
import type { Actor } from "~/auth/actor";
import { transition, type ApplicationEvent } from "~/domain/applications/status";
import { conflict, invalid, notFound, ok, type Result } from "~/domain/result";
import { applicationScope } from "~/policy/scopes.server";
import { audit } from "~/utils/audit.server";
import { decideFormalia, systemChecks, type FormaliaCheck } from "./formalia";
import { readFormaliaFacts } from "./formalia-facts.server";
import { notifyReopened } from "./notifications.server";
import { weightedScore, type ScoreInput } from "./scoring";
import { isAssignableStaff } from "./staff.server";

const NOT_FOUND = notFound("Ansøgningen findes ikke.");

async function lockApplication(tx: Tx, actor: Actor, id: number) {
  const [row] = await tx
    .select()
    .from(applications)
    .where(and(eq(applications.id, id), applicationScope(actor)))
    .for("update");
  return row;
}

type ApplicationRow = NonNullable<Awaited<ReturnType<typeof lockApplication>>>;

/** The status change (if any) plus other columns, with the version bumped on a status change. */
async function updateApplication(
  tx: Tx,
  actor: Actor,
  before: ApplicationRow,
  to: ApplicationStatus,
  set: Partial<typeof applications.$inferInsert> = {},
) {
  const statusChanges = to !== before.status;
  const [after] = await tx
    .update(applications)
    .set({
      ...set,
      status: to,
      version: statusChanges ? sql`${applications.version} + 1` : before.version,
      updatedAt: new Date(),
      updatedBy: actor.userId,
    })
    .where(eq(applications.id, before.id))
    .returning();
  return after;
}

const statusPart = (a: ApplicationRow) => ({
  status: a.status,
  version: a.version,
  rejectionReason: a.rejectionReason,
  reopenReason: a.reopenReason,
  assignedTo: a.assignedTo,
});

// ---------------------------------------------------------------- formalia

export async function saveFormalia(
  db: Database,
  actor: Actor,
  applicationId: number,
  input: { checks: FormaliaCheck[]; rejectionReason: string },
): Promise<Result> {
  return db.transaction(async (tx): Promise<Result> => {
    const before = await lockApplication(tx, actor, applicationId);
    if (!before) return NOT_FOUND;
    // The system's verdict, read under the lock; it replaces any answer the caller sent for those requirements.
    const facts = await readFormaliaFacts(tx, before.id);
    if (!facts) return NOT_FOUND;
    const system = systemChecks(facts);
    const decision = decideFormalia(input.checks, input.rejectionReason, system);
    if (!decision.ok) return invalid("Formalia er ikke udfyldt korrekt.", decision.errors);
    const checks = [...system, ...input.checks.filter((c) => !system.some((s) => s.requirement === c.requirement))];
    // Re-saving the same outcome (e.g. correcting a note) is allowed by the machine and is no status change.
    const moved = transition(before.status, decision.event);
    if (!moved.ok) return moved;
    const to = moved.value;
    const beforeChecks = await tx
      .select({ requirement: formalChecks.requirement, met: formalChecks.met, note: formalChecks.note })
      .from(formalChecks)
      .where(eq(formalChecks.applicationId, before.id));
    const now = new Date();
    const rows = checks.map((c) => ({
      applicationId: before.id,
      requirement: c.requirement,
      met: c.met,
      note: c.note,
      checkedBy: actor.userId,
      checkedAt: now,
    }));
    await tx
      .insert(formalChecks)
      .values(rows)
      .onConflictDoUpdate({
        target: [formalChecks.applicationId, formalChecks.requirement],
        set: {
          met: sql`excluded.met`,
          note: sql`excluded.note`,
          checkedBy: sql`excluded.checked_by`,
          checkedAt: sql`excluded.checked_at`,
        },
      });
    const after = await updateApplication(tx, actor, before, to, { rejectionReason: decision.rejectionReason });
    await audit(tx, actor, {
      action: "application.formalia_checked",
      entityType: "application",
      entityId: before.id,
      before: { ...statusPart(before), checks: beforeChecks },
      after: { ...statusPart(after), checks },
    });
    return ok();
  });
}

// ---------------------------------------------------------------- scores

export async function saveScores(
  db: Database,
  actor: Actor,
  applicationId: number,
  input: ScoreInput[],
): Promise<Result> {
  return db.transaction(async (tx): Promise<Result> => {
    const before = await lockApplication(tx, actor, applicationId);
    if (!before) return NOT_FOUND;
    const allowed = transition(before.status, "score");
    if (!allowed.ok) return allowed;
    const criteria = await tx.select({ id: callCriteria.id }).from(callCriteria).where(eq(callCriteria.callId, before.callId));
    const known = new Set(criteria.map((c) => c.id));
    if (input.some((s) => !known.has(s.criterionId))) return conflict("Et kriterium hører ikke til opslaget. Genindlæs siden.");
    const beforeScores = await tx
      .select({ criterionId: assessmentScores.criterionId, score: assessmentScores.score, note: assessmentScores.note })
      .from(assessmentScores)
      .where(eq(assessmentScores.applicationId, before.id));
    const now = new Date();
    const toSet = input.filter((s) => s.score !== null);
    const toClear = input.filter((s) => s.score === null).map((s) => s.criterionId);
    if (toSet.length > 0) {
      await tx
        .insert(assessmentScores)
        .values(toSet.map((s) => ({ applicationId: before.id, criterionId: s.criterionId, score: s.score!, note: s.note, scoredBy: actor.userId, scoredAt: now })))
        .onConflictDoUpdate({
          target: [assessmentScores.applicationId, assessmentScores.criterionId],
          set: {
            score: sql`excluded.score`,
            note: sql`excluded.note`,
            scoredBy: sql`excluded.scored_by`,
            scoredAt: sql`excluded.scored_at`,
          },
        });
    }
    if (toClear.length > 0) {
      await tx
        .delete(assessmentScores)
        .where(and(eq(assessmentScores.applicationId, before.id), inArray(assessmentScores.criterionId, toClear)));
    }
    await audit(tx, actor, {
      action: "application.scored",
      entityType: "application",
      entityId: before.id,
      before: { scores: beforeScores },
      after: { scores: toSet.map(({ criterionId, score, note }) => ({ criterionId, score, note })) },
    });
    return ok();
  });
}

export async function completeAssessment(db: Database, actor: Actor, applicationId: number): Promise<Result> {
  return db.transaction(async (tx): Promise<Result> => {
    const before = await lockApplication(tx, actor, applicationId);
    if (!before) return NOT_FOUND;
    const moved = transition(before.status, "complete_assessment");
    if (!moved.ok) return moved;
    const criteria = await tx
      .select({ id: callCriteria.id, weight: callCriteria.weight })
      .from(callCriteria)
      .where(eq(callCriteria.callId, before.callId));
    const scores = await tx
      .select({ criterionId: assessmentScores.criterionId, score: assessmentScores.score })
      .from(assessmentScores)
      .where(eq(assessmentScores.applicationId, before.id));
    const result = weightedScore(criteria, scores);
    if (result.tenths === null) {
      return conflict(
        criteria.length === 0
          ? "Opslaget har ingen vurderingskriterier, så vurderingen kan ikke afsluttes."
          : `Alle kriterier skal have en score, før vurderingen kan afsluttes (${result.scored} af ${result.total} er scoret).`,
      );
    }
    const after = await updateApplication(tx, actor, before, moved.value);
    await audit(tx, actor, {
      action: "application.assessment_completed",
      entityType: "application",
      entityId: before.id,
      before: statusPart(before),
      after: { ...statusPart(after), weightedScoreTenths: result.tenths },
    });
    return ok();
  });
}

// ---------------------------------------------------------------- status moves with a reason
// (reopening also tells the municipality, by mail in the same transaction)

async function move(
  db: Database,
  actor: Actor,
  applicationId: number,
  event: Extract<ApplicationEvent, "reopen" | "reconsider">,
  set: (before: ApplicationRow) => Partial<typeof applications.$inferInsert>,
  action: string,
  notify?: (tx: Tx, before: ApplicationRow) => Promise<void>,
): Promise<Result> {
  return db.transaction(async (tx): Promise<Result> => {
    const before = await lockApplication(tx, actor, applicationId);
    if (!before) return NOT_FOUND;
    const moved = transition(before.status, event);
    if (!moved.ok) return moved;
    const after = await updateApplication(tx, actor, before, moved.value, set(before));
    await audit(tx, actor, { action, entityType: "application", entityId: before.id, before: statusPart(before), after: statusPart(after) });
    await notify?.(tx, before);
    return ok();
  });
}

/** Back to the municipality for a correction; it can edit and submit again. */
export function reopenForCorrection(db: Database, actor: Actor, applicationId: number, reason: string) {
  return move(db, actor, applicationId, "reopen", () => ({ reopenReason: reason }), "application.reopened", (tx, app) =>
    notifyReopened(tx, app, reason),
  );
}

/** A proposed rejection goes back to "submitted", an assessment back to "formalia approved". */
export function reconsider(db: Database, actor: Actor, applicationId: number) {
  return move(
    db,
    actor,
    applicationId,
    "reconsider",
    (before) => (before.status === "rejection_proposed" ? { rejectionReason: null } : {}),
    "application.reconsidered",
  );
}

// ---------------------------------------------------------------- notes and assignment

export async function addNote(db: Database, actor: Actor, applicationId: number, body: string): Promise<Result> {
  return db.transaction(async (tx): Promise<Result> => {
    const before = await lockApplication(tx, actor, applicationId);
    if (!before) return NOT_FOUND;
    const allowed = transition(before.status, "note");
    if (!allowed.ok) return allowed;
    const [note] = await tx.insert(applicationNotes).values({ applicationId: before.id, authorId: actor.userId, body }).returning();
    await audit(tx, actor, { action: "application.note_added", entityType: "application", entityId: before.id, after: note });
    return ok();
  });
}

export async function assignCaseworker(
  db: Database,
  actor: Actor,
  applicationId: number,
  userId: string | null,
): Promise<Result> {
  return db.transaction(async (tx): Promise<Result> => {
    const before = await lockApplication(tx, actor, applicationId);
    if (!before) return NOT_FOUND;
    if (userId && !(await isAssignableStaff(tx, userId))) {
      return invalid("Vælg en aktiv sagsbehandler fra listen.", { assignedTo: "Vælg en aktiv sagsbehandler fra listen." });
    }
    const [after] = await tx
      .update(applications)
      .set({ assignedTo: userId, updatedAt: new Date(), updatedBy: actor.userId })
      .where(eq(applications.id, before.id))
      .returning();
    await audit(tx, actor, {
      action: "application.assigned",
      entityType: "application",
      entityId: before.id,
      before: { assignedTo: before.assignedTo },
      after: { assignedTo: after.assignedTo },
    });
    return ok();
  });
}
