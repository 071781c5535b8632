// The ministry's work on one application: formal check, scores, notes, reopening,
// reconsidering and assignment. Each command: one transaction, the row locked and
// scoped by the actor, every status question asked of the status machine (which also
// says when scores and notes are allowed), the version bumped on every status change
// (so a municipality's stale save cannot overwrite it), and exactly one audit row.
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { Database, Tx } from "#db/client";
import {
  agreedScores,
  applicationNotes,
  applications,
  assessmentScores,
  assessmentSubmissions,
  callCriteria,
  formalChecks,
} from "#db/schema";
import type { ApplicationStatus } from "~/domain/applications/application-constants";
import type { Actor } from "~/auth/actor";
import { transition, type ApplicationEvent } from "~/domain/applications/status";
import { conflict, invalid, notFound, ok, refused, type Result } from "~/domain/result";
import { applicationScope } from "~/policy/scopes.server";
import { audit } from "~/utils/audit.server";
import { decideFormalia, systemChecks, type FormaliaCheck } from "./formalia";
import { readFormaliaFacts } from "./formalia-facts.server";
import { notifyReopened } from "./notifications.server";
import { weightedScore, type ScoreInput } from "./scoring";
import { readCountingScores } from "./counting-scores.server";
import { agreementNoteErrors, assessorChangeProblem, compareAssessments, type AgreedInput } from "./double-assessment";
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
  secondAssessorId: a.secondAssessorId,
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
// (decision 017: with a second assessor the scoring is double and blind; without one
// it is a single assessment, as it always was)

const isDouble = (a: ApplicationRow) => a.secondAssessorId !== null;
const isAssessor = (a: ApplicationRow, userId: string) => a.assignedTo === userId || a.secondAssessorId === userId;

async function submittedAssessors(tx: Tx, applicationId: number) {
  const rows = await tx
    .select({ assessorId: assessmentSubmissions.assessorId })
    .from(assessmentSubmissions)
    .where(eq(assessmentSubmissions.applicationId, applicationId));
  return rows.map((r) => r.assessorId);
}

const bothSubmitted = (a: ApplicationRow, submitted: string[]) =>
  a.assignedTo !== null && a.secondAssessorId !== null && submitted.includes(a.assignedTo) && submitted.includes(a.secondAssessorId);

async function criteriaOf(tx: Tx, callId: number) {
  return tx.select({ id: callCriteria.id, weight: callCriteria.weight }).from(callCriteria).where(eq(callCriteria.callId, callId));
}

async function ownScores(tx: Tx, applicationId: number, assessorId: string) {
  return tx
    .select({ criterionId: assessmentScores.criterionId, score: assessmentScores.score, note: assessmentScores.note })
    .from(assessmentScores)
    .where(and(eq(assessmentScores.applicationId, applicationId), eq(assessmentScores.assessorId, assessorId)));
}

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
    const known = new Set((await criteriaOf(tx, before.callId)).map((c) => c.id));
    if (input.some((s) => !known.has(s.criterionId))) return conflict("Et kriterium hører ikke til opslaget. Genindlæs siden.");
    if (isDouble(before)) {
      if (!isAssessor(before, actor.userId)) return refused("Kun de to tildelte bedømmere kan score ansøgningen.");
      if ((await submittedAssessors(tx, before.id)).includes(actor.userId)) {
        return conflict("Du har afgivet din vurdering og kan ikke længere ændre dine scorer.");
      }
    } else {
      // A single assessment is one set of rows: whoever saves it owns it (as scored_by did).
      await tx
        .update(assessmentScores)
        .set({ assessorId: actor.userId })
        .where(and(eq(assessmentScores.applicationId, before.id), ne(assessmentScores.assessorId, actor.userId)));
    }
    const beforeScores = await ownScores(tx, before.id, actor.userId);
    const now = new Date();
    const toSet = input.filter((s) => s.score !== null);
    const toClear = input.filter((s) => s.score === null).map((s) => s.criterionId);
    if (toSet.length > 0) {
      await tx
        .insert(assessmentScores)
        .values(toSet.map((s) => ({ applicationId: before.id, criterionId: s.criterionId, assessorId: actor.userId, score: s.score!, note: s.note, scoredAt: now })))
        .onConflictDoUpdate({
          target: [assessmentScores.applicationId, assessmentScores.criterionId, assessmentScores.assessorId],
          set: { score: sql`excluded.score`, note: sql`excluded.note`, scoredAt: sql`excluded.scored_at` },
        });
    }
    if (toClear.length > 0) {
      await tx
        .delete(assessmentScores)
        .where(
          and(
            eq(assessmentScores.applicationId, before.id),
            eq(assessmentScores.assessorId, actor.userId),
            inArray(assessmentScores.criterionId, toClear),
          ),
        );
    }
    await audit(tx, actor, {
      action: "application.scored",
      entityType: "application",
      entityId: before.id,
      before: { assessorId: actor.userId, scores: beforeScores },
      after: { assessorId: actor.userId, scores: toSet.map(({ criterionId, score, note }) => ({ criterionId, score, note })) },
    });
    return ok();
  });
}

/** "Afgiv vurdering": one assessor's scores become final; once both are in, each sees the other's. */
export async function submitAssessment(db: Database, actor: Actor, applicationId: number): Promise<Result> {
  return db.transaction(async (tx): Promise<Result> => {
    const before = await lockApplication(tx, actor, applicationId);
    if (!before) return NOT_FOUND;
    if (!isDouble(before)) return conflict("Ansøgningen har kun én bedømmer. Afslut vurderingen i stedet.");
    if (!isAssessor(before, actor.userId)) return refused("Kun de to tildelte bedømmere kan afgive en vurdering.");
    const allowed = transition(before.status, "score");
    if (!allowed.ok) return allowed;
    const submitted = await submittedAssessors(tx, before.id);
    if (submitted.includes(actor.userId)) return conflict("Du har allerede afgivet din vurdering.");
    const criteria = await criteriaOf(tx, before.callId);
    const mine = await ownScores(tx, before.id, actor.userId);
    const result = weightedScore(criteria, mine);
    if (result.tenths === null) {
      return conflict(`Alle kriterier skal have en score, før du afgiver din vurdering (${result.scored} af ${result.total} er scoret).`);
    }
    await tx.insert(assessmentSubmissions).values({ applicationId: before.id, assessorId: actor.userId });
    await audit(tx, actor, {
      action: "application.assessment_submitted",
      entityType: "application",
      entityId: before.id,
      after: { assessorId: actor.userId, scores: mine, weightedScoreTenths: result.tenths, bothSubmitted: bothSubmitted(before, [...submitted, actor.userId]) },
    });
    return ok();
  });
}

/** Enighed: the agreed score per criterion, once both assessors have submitted; a flagged difference needs a note. */
export async function agreeScores(db: Database, actor: Actor, applicationId: number, input: AgreedInput[]): Promise<Result> {
  return db.transaction(async (tx): Promise<Result> => {
    const before = await lockApplication(tx, actor, applicationId);
    if (!before) return NOT_FOUND;
    if (!isDouble(before)) return conflict("Ansøgningen har kun én bedømmer, så der er intet at blive enige om.");
    const allowed = transition(before.status, "score");
    if (!allowed.ok) return allowed;
    if (!bothSubmitted(before, await submittedAssessors(tx, before.id))) {
      return conflict("Begge bedømmere skal have afgivet deres vurdering, før enigheden kan registreres.");
    }
    const criteria = await criteriaOf(tx, before.callId);
    const known = new Set(criteria.map((c) => c.id));
    if (input.some((s) => !known.has(s.criterionId))) return conflict("Et kriterium hører ikke til opslaget. Genindlæs siden.");
    const rows = compareAssessments(criteria, await ownScores(tx, before.id, before.assignedTo!), await ownScores(tx, before.id, before.secondAssessorId!), []);
    const errors = agreementNoteErrors(rows, input);
    if (Object.keys(errors).length > 0) return invalid("Enigheden er ikke gemt: begrund de markerede forskelle.", errors);
    const beforeAgreed = await tx
      .select({ criterionId: agreedScores.criterionId, score: agreedScores.score, note: agreedScores.note })
      .from(agreedScores)
      .where(eq(agreedScores.applicationId, before.id));
    if (input.length > 0) {
      await tx
        .insert(agreedScores)
        .values(input.map((s) => ({ applicationId: before.id, criterionId: s.criterionId, score: s.score, note: s.note, agreedBy: actor.userId, agreedAt: new Date() })))
        .onConflictDoUpdate({
          target: [agreedScores.applicationId, agreedScores.criterionId],
          set: { score: sql`excluded.score`, note: sql`excluded.note`, agreedBy: sql`excluded.agreed_by`, agreedAt: sql`excluded.agreed_at` },
        });
    }
    await audit(tx, actor, {
      action: "application.scores_agreed",
      entityType: "application",
      entityId: before.id,
      before: { agreed: beforeAgreed },
      after: {
        agreed: input.map(({ criterionId, score, note }) => {
          const r = rows.find((x) => x.criterionId === criterionId);
          return { criterionId, score, note, first: r?.first?.score ?? null, second: r?.second?.score ?? null, flagged: r?.flagged ?? false };
        }),
      },
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
    const criteria = await criteriaOf(tx, before.callId);
    const scores = (await readCountingScores(tx, [before.id])).get(before.id) ?? [];
    const result = weightedScore(criteria, scores);
    if (result.tenths === null) {
      return conflict(
        criteria.length === 0
          ? "Opslaget har ingen vurderingskriterier, så vurderingen kan ikke afsluttes."
          : isDouble(before)
            ? `Alle kriterier skal have en aftalt score (enighed), før vurderingen kan afsluttes (${result.scored} af ${result.total} er aftalt).`
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

/** The caseworker (first assessor) and, for a double assessment, the second assessor. */
export async function assignAssessors(
  db: Database,
  actor: Actor,
  applicationId: number,
  input: { assignedTo: string | null; secondAssessorId: string | null },
): Promise<Result> {
  return db.transaction(async (tx): Promise<Result> => {
    const before = await lockApplication(tx, actor, applicationId);
    if (!before) return NOT_FOUND;
    for (const [field, userId] of [["assignedTo", input.assignedTo], ["secondAssessorId", input.secondAssessorId]] as const) {
      if (userId && !(await isAssignableStaff(tx, userId))) {
        return invalid("Vælg en aktiv sagsbehandler fra listen.", { [field]: "Vælg en aktiv sagsbehandler fra listen." });
      }
    }
    const scorers = await tx
      .selectDistinct({ assessorId: assessmentScores.assessorId })
      .from(assessmentScores)
      .where(eq(assessmentScores.applicationId, before.id));
    const problem = assessorChangeProblem({
      next: { first: input.assignedTo, second: input.secondAssessorId },
      scoredBy: scorers.map((r) => r.assessorId),
      submittedBy: await submittedAssessors(tx, before.id),
    });
    if (problem) {
      return input.secondAssessorId && (!input.assignedTo || input.secondAssessorId === input.assignedTo)
        ? invalid(problem, { secondAssessorId: problem })
        : conflict(problem);
    }
    const [after] = await tx
      .update(applications)
      .set({ assignedTo: input.assignedTo, secondAssessorId: input.secondAssessorId, updatedAt: new Date(), updatedBy: actor.userId })
      .where(eq(applications.id, before.id))
      .returning();
    await audit(tx, actor, {
      action: "application.assigned",
      entityType: "application",
      entityId: before.id,
      before: { assignedTo: before.assignedTo, secondAssessorId: before.secondAssessorId },
      after: { assignedTo: after.assignedTo, secondAssessorId: after.secondAssessorId },
    });
    return ok();
  });
}
