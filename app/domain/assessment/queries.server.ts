// What the assessment page reads: one application's formal check, scores, notes and
// place in its call's ranking. Scoped to the actor in the WHERE.
import { and, asc, eq } from "drizzle-orm";
import type { Executor } from "#db/client";
import { applicationNotes, applications, assessmentScores, callCriteria, formalChecks, users } from "#db/schema";
import type { Actor } from "~/auth/actor";
import { applicationScope } from "~/policy/scopes.server";
import { selectApplicationRows } from "./application-rows.server";
import { formaliaState, systemChecks } from "./formalia";
import { readFormaliaFacts } from "./formalia-facts.server";
import { getCallRanking } from "./ranking.server";
import { weightedScore } from "./scoring";

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
    score: weightedScore(criteria, scores),
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
