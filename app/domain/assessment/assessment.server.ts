// The ministry's work on one application: formal check, scores, notes, reopening,
// reconsidering and assignment. Each command: one transaction, the row locked and
// scoped by the actor, status moves only through transition(), the version bumped
// on every status change (so a municipality's stale save cannot overwrite it), and
// exactly one audit row.
import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Database, Executor, Tx } from "#db/client";
import {
  applicationNotes,
  applications,
  assessmentScores,
  callCriteria,
  calls,
  formalChecks,
  municipalities,
  needIndexEntries,
  pools,
  users,
} from "#db/schema";
import type { ApplicationStatus } from "~/domain/applications/application-constants";
import type { Actor } from "~/auth/actor";
import { applicationScope } from "~/policy/scopes.server";
import { transition, type ApplicationEvent } from "~/domain/applications/status";
import { audit } from "~/utils/audit.server";
import { decideFormalia, FORMALIA_REQUIREMENTS, formaliaState, type FormaliaCheck } from "./formalia";
import { needIndexOfApplication } from "./need-index-join.server";
import { notifyReopened } from "./notifications.server";
import { rankApplications, weightedScore, type ScoreInput } from "./scoring";
import { isAssignableStaff } from "./staff.server";

export type CommandResult =
  | { ok: true }
  | { ok: false; kind: "not_found" }
  | { ok: false; kind: "refused"; message: string }
  | { ok: false; kind: "invalid"; errors: Record<string, string> };

const NOT_FOUND = { ok: false, kind: "not_found" } as const;
const refused = (message: string) => ({ ok: false, kind: "refused", message }) as const;

export const NOT_SUBMITTED_MESSAGE = "Ansøgningen er ikke indsendt endnu og kan ikke vurderes.";

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
): Promise<CommandResult> {
  const decision = decideFormalia(input.checks, input.rejectionReason);
  if (!decision.ok) return { ok: false, kind: "invalid", errors: decision.errors };
  return db.transaction(async (tx) => {
    const before = await lockApplication(tx, actor, applicationId);
    if (!before) return NOT_FOUND;
    if (before.status === "draft") return refused(NOT_SUBMITTED_MESSAGE);
    const target = decision.event === "approve_formalia" ? "formalia_approved" : "rejection_proposed";
    // Re-saving the same outcome (e.g. correcting a note) is not a status change.
    let to: ApplicationStatus = before.status;
    if (before.status !== target) {
      const moved = transition(before.status, decision.event);
      if (!moved.ok) return refused(moved.message);
      to = moved.to;
    }
    const beforeChecks = await tx
      .select({ requirement: formalChecks.requirement, met: formalChecks.met, note: formalChecks.note })
      .from(formalChecks)
      .where(eq(formalChecks.applicationId, before.id));
    const now = new Date();
    const rows = input.checks.map((c) => ({
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
      after: { ...statusPart(after), checks: input.checks },
    });
    return { ok: true } as const;
  });
}

// ---------------------------------------------------------------- scores

export async function saveScores(
  db: Database,
  actor: Actor,
  applicationId: number,
  input: ScoreInput[],
): Promise<CommandResult> {
  return db.transaction(async (tx) => {
    const before = await lockApplication(tx, actor, applicationId);
    if (!before) return NOT_FOUND;
    if (before.status === "assessed") return refused("Vurderingen er afsluttet. Tag den op igen for at ændre scorerne.");
    if (before.status !== "formalia_approved") return refused("Kriterierne kan først scores, når formalia er godkendt.");
    const criteria = await tx.select({ id: callCriteria.id }).from(callCriteria).where(eq(callCriteria.callId, before.callId));
    const known = new Set(criteria.map((c) => c.id));
    if (input.some((s) => !known.has(s.criterionId))) return refused("Et kriterium hører ikke til opslaget. Genindlæs siden.");
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
    return { ok: true } as const;
  });
}

export async function completeAssessment(db: Database, actor: Actor, applicationId: number): Promise<CommandResult> {
  return db.transaction(async (tx) => {
    const before = await lockApplication(tx, actor, applicationId);
    if (!before) return NOT_FOUND;
    const moved = transition(before.status, "complete_assessment");
    if (!moved.ok) return refused(moved.message);
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
      return refused(
        criteria.length === 0
          ? "Opslaget har ingen vurderingskriterier, så vurderingen kan ikke afsluttes."
          : `Alle kriterier skal have en score, før vurderingen kan afsluttes (${result.scored} af ${result.total} er scoret).`,
      );
    }
    const after = await updateApplication(tx, actor, before, moved.to);
    await audit(tx, actor, {
      action: "application.assessment_completed",
      entityType: "application",
      entityId: before.id,
      before: statusPart(before),
      after: { ...statusPart(after), weightedScoreTenths: result.tenths },
    });
    return { ok: true } as const;
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
): Promise<CommandResult> {
  return db.transaction(async (tx) => {
    const before = await lockApplication(tx, actor, applicationId);
    if (!before) return NOT_FOUND;
    const moved = transition(before.status, event);
    if (!moved.ok) return refused(moved.message);
    const after = await updateApplication(tx, actor, before, moved.to, set(before));
    await audit(tx, actor, { action, entityType: "application", entityId: before.id, before: statusPart(before), after: statusPart(after) });
    await notify?.(tx, before);
    return { ok: true } as const;
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

export async function addNote(db: Database, actor: Actor, applicationId: number, body: string): Promise<CommandResult> {
  return db.transaction(async (tx) => {
    const before = await lockApplication(tx, actor, applicationId);
    if (!before) return NOT_FOUND;
    if (before.status === "draft") return refused(NOT_SUBMITTED_MESSAGE);
    const [note] = await tx.insert(applicationNotes).values({ applicationId: before.id, authorId: actor.userId, body }).returning();
    await audit(tx, actor, { action: "application.note_added", entityType: "application", entityId: before.id, after: note });
    return { ok: true } as const;
  });
}

export async function assignCaseworker(
  db: Database,
  actor: Actor,
  applicationId: number,
  userId: string | null,
): Promise<CommandResult> {
  return db.transaction(async (tx) => {
    const before = await lockApplication(tx, actor, applicationId);
    if (!before) return NOT_FOUND;
    if (userId) {
      if (!(await isAssignableStaff(tx, userId))) return { ok: false, kind: "invalid", errors: { assignedTo: "Vælg en aktiv sagsbehandler fra listen." } } as const;
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
    return { ok: true } as const;
  });
}

// ---------------------------------------------------------------- the assessment page

/** Everything the assessment page shows; null when the application is not visible to the actor. */
export async function getAssessment(db: Executor, actor: Actor, applicationId: number) {
  const [app] = await db
    .select({
      id: applications.id,
      callId: applications.callId,
      callTitle: calls.title,
      municipalityCode: applications.municipalityCode,
      municipalityName: municipalities.name,
      status: applications.status,
      version: applications.version,
      requestedOre: applications.requestedOre,
      submittedAt: applications.submittedAt,
      contactName: applications.contactName,
      reopenReason: applications.reopenReason,
      rejectionReason: applications.rejectionReason,
      assignedTo: applications.assignedTo,
      assignedName: users.name,
      needIndex: needIndexEntries.value,
    })
    .from(applications)
    .innerJoin(calls, eq(calls.id, applications.callId))
    .innerJoin(municipalities, eq(municipalities.code, applications.municipalityCode))
    .leftJoin(needIndexEntries, needIndexOfApplication())
    .leftJoin(users, eq(users.id, applications.assignedTo))
    .where(and(eq(applications.id, applicationId), applicationScope(actor)));
  if (!app) return null;

  const checks = await db
    .select({ requirement: formalChecks.requirement, met: formalChecks.met, note: formalChecks.note, checkedAt: formalChecks.checkedAt })
    .from(formalChecks)
    .where(eq(formalChecks.applicationId, app.id));
  const criteria = await db
    .select({ id: callCriteria.id, label: callCriteria.label, description: callCriteria.description, weight: callCriteria.weight })
    .from(callCriteria)
    .where(eq(callCriteria.callId, app.callId))
    .orderBy(asc(callCriteria.sortOrder), asc(callCriteria.id));
  const scores = await db
    .select({ criterionId: assessmentScores.criterionId, score: assessmentScores.score, note: assessmentScores.note })
    .from(assessmentScores)
    .where(eq(assessmentScores.applicationId, app.id));
  const notes = await db
    .select({ id: applicationNotes.id, body: applicationNotes.body, createdAt: applicationNotes.createdAt, authorName: users.name })
    .from(applicationNotes)
    .leftJoin(users, eq(users.id, applicationNotes.authorId))
    .where(eq(applicationNotes.applicationId, app.id))
    .orderBy(asc(applicationNotes.createdAt), asc(applicationNotes.id));
  const ranking = await getCallRanking(db, app.callId);
  const own = ranking?.rows.find((r) => r.id === app.id);
  return {
    application: app,
    checks,
    formalia: formaliaState(checks),
    criteria,
    scores,
    score: weightedScore(criteria, scores),
    notes,
    needIndex: app.needIndex,
    rank: own?.rank ?? null,
    rankedCount: ranking?.rows.filter((r) => r.rank !== null).length ?? 0,
  };
}

// ---------------------------------------------------------------- the ranking of a call

/** All non-draft applications of a call in ranking order, with the pool's total. Null when no such call. */
export async function getCallRanking(db: Executor, callId: number) {
  const [call] = await db
    .select({ id: calls.id, title: calls.title, deadline: calls.deadline, poolName: pools.name, poolTotalOre: pools.totalOre })
    .from(calls)
    .innerJoin(pools, eq(pools.id, calls.poolId))
    .where(eq(calls.id, callId));
  if (!call) return null;
  const apps = await db
    .select({
      id: applications.id,
      municipalityCode: applications.municipalityCode,
      municipalityName: municipalities.name,
      status: applications.status,
      requestedOre: applications.requestedOre,
      needIndex: needIndexEntries.value,
    })
    .from(applications)
    .innerJoin(municipalities, eq(municipalities.code, applications.municipalityCode))
    .leftJoin(needIndexEntries, needIndexOfApplication())
    .where(and(eq(applications.callId, callId), ne(applications.status, "draft")));
  const ids = apps.map((a) => a.id);
  const criteria = await db
    .select({ id: callCriteria.id, weight: callCriteria.weight })
    .from(callCriteria)
    .where(eq(callCriteria.callId, callId));
  const scores = ids.length
    ? await db
        .select({ applicationId: assessmentScores.applicationId, criterionId: assessmentScores.criterionId, score: assessmentScores.score })
        .from(assessmentScores)
        .where(inArray(assessmentScores.applicationId, ids))
    : [];
  const checks = ids.length
    ? await db
        .select({ applicationId: formalChecks.applicationId, requirement: formalChecks.requirement, met: formalChecks.met })
        .from(formalChecks)
        .where(inArray(formalChecks.applicationId, ids))
    : [];
  const rows = rankApplications(
    apps.map((a) => {
      const score = weightedScore(criteria, scores.filter((s) => s.applicationId === a.id));
      return {
        ...a,
        score,
        scoreTenths: score.tenths,
        formalia: formaliaState(checks.filter((c) => c.applicationId === a.id)),
      };
    }),
  );
  return { call, rows, requirementCount: FORMALIA_REQUIREMENTS.length };
}

/** The criterion ids of the application's call (for the score form); null when not visible. */
export async function criterionIdsFor(db: Executor, actor: Actor, applicationId: number) {
  const [app] = await db
    .select({ callId: applications.callId })
    .from(applications)
    .where(and(eq(applications.id, applicationId), applicationScope(actor)));
  if (!app) return null;
  const rows = await db
    .select({ id: callCriteria.id })
    .from(callCriteria)
    .where(eq(callCriteria.callId, app.callId))
    .orderBy(asc(callCriteria.sortOrder), asc(callCriteria.id));
  return rows.map((r) => r.id);
}
