// What the assessment page reads: one application's formal check, scores, notes and
// place in its call's ranking. Scoped to the actor in the WHERE.
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Executor } from "#db/client";
import {
  agreedScores,
  applicationNotes,
  applications,
  assessmentScores,
  assessmentSubmissions,
  callCriteria,
  formalChecks,
  users,
} from "#db/schema";
import type { Actor } from "~/auth/actor";
import { applicationScope, assessmentScoreScope } from "~/policy/scopes.server";
import { selectApplicationRows } from "./application-rows.server";
import { formaliaState, systemChecks } from "./formalia";
import { readFormaliaFacts } from "./formalia-facts.server";
import { getCallRanking } from "./ranking.server";
import { weightedScore } from "./scoring";
import { readCountingScores } from "./counting-scores.server";
import { compareAssessments } from "./double-assessment";

/**
 * The assessor rows of one application this actor may read, with the blind rule in the
 * WHERE (assessmentScoreScope, decision 017): own rows always, another assessor's only
 * with a single assessment or once both assessors have submitted.
 */
export async function visibleScores(db: Executor, actor: Actor, applicationId: number) {
  return db
    .select({
      assessorId: assessmentScores.assessorId,
      criterionId: assessmentScores.criterionId,
      score: assessmentScores.score,
      note: assessmentScores.note,
    })
    .from(assessmentScores)
    .innerJoin(applications, eq(applications.id, assessmentScores.applicationId))
    .where(and(eq(assessmentScores.applicationId, applicationId), applicationScope(actor), assessmentScoreScope(actor)));
}

/** Who assesses the application, who has submitted, and what this actor may see and do. */
async function assessmentState(db: Executor, actor: Actor, app: { id: number; assignedTo: string | null; secondAssessorId: string | null }) {
  const ids = [app.assignedTo, app.secondAssessorId].filter((x): x is string => x !== null);
  const names = ids.length ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids)) : [];
  const submissions = await db
    .select({ assessorId: assessmentSubmissions.assessorId, submittedAt: assessmentSubmissions.submittedAt })
    .from(assessmentSubmissions)
    .where(eq(assessmentSubmissions.applicationId, app.id));
  const assessor = (id: string | null) =>
    id === null
      ? null
      : {
          id,
          name: names.find((n) => n.id === id)?.name ?? "Ukendt",
          submittedAt: submissions.find((s) => s.assessorId === id)?.submittedAt ?? null,
          isMe: id === actor.userId,
        };
  const first = assessor(app.assignedTo);
  const second = assessor(app.secondAssessorId);
  const double = second !== null;
  return {
    double,
    first,
    second,
    /** This actor is one of the two assessors. */
    amAssessor: double && (first?.isMe || second?.isMe) === true,
    iSubmitted: submissions.some((s) => s.assessorId === actor.userId),
    bothSubmitted: double && first?.submittedAt !== null && second?.submittedAt !== null,
  };
}

/** Everything the assessment page shows; null when the application is not visible to the actor. */
export async function getAssessment(db: Executor, actor: Actor, applicationId: number) {
  const [app] = await selectApplicationRows(db).where(and(eq(applications.id, applicationId), applicationScope(actor)));
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
  const visible = await visibleScores(db, actor, app.id);
  const state = await assessmentState(db, actor, app);
  const agreed = await db
    .select({ criterionId: agreedScores.criterionId, score: agreedScores.score, note: agreedScores.note })
    .from(agreedScores)
    .where(eq(agreedScores.applicationId, app.id));
  const rowsOf = (assessorId: string | undefined) => visible.filter((s) => s.assessorId === assessorId);
  // Single assessment: its rows (whoever saved them). Double: the actor's own rows, for their form.
  const scores = state.double ? rowsOf(actor.userId) : visible;
  const comparison =
    state.double && state.bothSubmitted ? compareAssessments(criteria, rowsOf(state.first?.id), rowsOf(state.second?.id), agreed) : null;
  const counting = (await readCountingScores(db, [app.id])).get(app.id) ?? [];
  const notes = await db
    .select({ id: applicationNotes.id, body: applicationNotes.body, createdAt: applicationNotes.createdAt, authorName: users.name })
    .from(applicationNotes)
    .leftJoin(users, eq(users.id, applicationNotes.authorId))
    .where(eq(applicationNotes.applicationId, app.id))
    .orderBy(asc(applicationNotes.createdAt), asc(applicationNotes.id));
  const facts = await readFormaliaFacts(db, app.id);
  const ranking = await getCallRanking(db, app.callId);
  const own = ranking?.rows.find((r) => r.id === app.id);
  return {
    application: app,
    checks,
    formalia: formaliaState(checks),
    /** The system's verdict now (the stored checks say what was saved). */
    systemChecks: facts ? systemChecks(facts) : [],
    criteria,
    scores,
    /** Two assessments: who, who has submitted, what this actor may do. */
    assessment: state,
    /** Both assessments side by side with the agreed scores; null until both are submitted (or with one assessment). */
    comparison,
    agreed,
    /** The weighted score that counts (decision 017). */
    score: weightedScore(criteria, counting),
    /** Double assessment: the actor's own weighted score (for "Afgiv vurdering"). */
    ownScore: weightedScore(criteria, scores),
    notes,
    needIndex: app.needIndex,
    rank: own?.rank ?? null,
    rankedCount: ranking?.rows.filter((r) => r.rank !== null).length ?? 0,
  };
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
