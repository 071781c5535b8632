// The scores that count (decision 017), read for many applications at once: the agreed
// scores, plus the assessor rows of applications with a single assessment. Rows of an
// application with two assessors are never read here, so the assessment page cannot show a
// blind score as the application's score. (The list and the ranking read the stored
// standings, decision 034, computed by the same rule in SQL.)
import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "#db/client";
import { agreedScores, applications, assessmentScores } from "#db/schema";
import { anyOf } from "~/utils/any-of.server";
import { groupBy } from "~/utils/group-by";
import { countingScores } from "./double-assessment";
import type { CriterionScore } from "./scoring";

export async function readCountingScores(db: Executor, applicationIds: number[]): Promise<Map<number, CriterionScore[]>> {
  const out = new Map<number, CriterionScore[]>();
  if (applicationIds.length === 0) return out;
  // Each application with its single-assessment rows in one statement: the left join brings
  // assessor rows only when there is no second assessor, so an application with two
  // assessors (or none scored yet) comes back once with no score (issue 19: this was two
  // statements on every ranking, board and list).
  // One after the other: callers pass a transaction too (commands.server.ts).
  const appRows = await db
    .select({ id: applications.id, second: applications.secondAssessorId, criterionId: assessmentScores.criterionId, score: assessmentScores.score })
    .from(applications)
    .leftJoin(assessmentScores, and(eq(assessmentScores.applicationId, applications.id), isNull(applications.secondAssessorId)))
    .where(anyOf(applications.id, applicationIds));
  const agreed = await db
    .select({ applicationId: agreedScores.applicationId, criterionId: agreedScores.criterionId, score: agreedScores.score })
    .from(agreedScores)
    .where(anyOf(agreedScores.applicationId, applicationIds));
  const apps = new Map<number, { second: string | null; single: CriterionScore[] }>();
  for (const r of appRows) {
    let a = apps.get(r.id);
    if (!a) apps.set(r.id, (a = { second: r.second, single: [] }));
    if (r.criterionId !== null && r.score !== null) a.single.push({ criterionId: r.criterionId, score: r.score });
  }
  const agreedOf = groupBy(agreed, (s) => s.applicationId);
  for (const [id, app] of apps) {
    out.set(id, countingScores({ double: app.second !== null, single: app.single, agreed: agreedOf.get(id) ?? [] }));
  }
  return out;
}
