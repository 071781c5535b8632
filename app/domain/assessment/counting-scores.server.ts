// The scores that count (decision 017), read for many applications at once: the agreed
// scores, plus the assessor rows of applications with a single assessment. Rows of an
// application with two assessors are never read here, so the ranking, the list and their
// exports cannot show a blind score.
import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "#db/client";
import { agreedScores, applications, assessmentScores } from "#db/schema";
import { anyOf } from "~/utils/any-of.server";
import { countingScores } from "./double-assessment";
import type { CriterionScore } from "./scoring";

export async function readCountingScores(db: Executor, applicationIds: number[]): Promise<Map<number, CriterionScore[]>> {
  const out = new Map<number, CriterionScore[]>();
  if (applicationIds.length === 0) return out;
  const apps = await db
    .select({ id: applications.id, second: applications.secondAssessorId })
    .from(applications)
    .where(anyOf(applications.id, applicationIds));
  const single = await db
    .select({ applicationId: assessmentScores.applicationId, criterionId: assessmentScores.criterionId, score: assessmentScores.score })
    .from(assessmentScores)
    .innerJoin(applications, eq(applications.id, assessmentScores.applicationId))
    .where(and(anyOf(assessmentScores.applicationId, applicationIds), isNull(applications.secondAssessorId)));
  const agreed = await db
    .select({ applicationId: agreedScores.applicationId, criterionId: agreedScores.criterionId, score: agreedScores.score })
    .from(agreedScores)
    .where(anyOf(agreedScores.applicationId, applicationIds));
  for (const app of apps) {
    out.set(
      app.id,
      countingScores({
        double: app.second !== null,
        single: single.filter((s) => s.applicationId === app.id),
        agreed: agreed.filter((s) => s.applicationId === app.id),
      }),
    );
  }
  return out;
}
