// The ranking of a call: every non-draft application in ranking order (need index,
// then score), with formalia and the pool's total. The assessment page and the
// ranking page read it today; the allocation board will.
import { and, eq, inArray, ne } from "drizzle-orm";
import type { Executor } from "#db/client";
import { applications, callCriteria, calls, formalChecks, pools } from "#db/schema";
import { selectApplicationRows } from "./application-rows.server";
import { FORMALIA_REQUIREMENTS, formaliaState } from "./formalia";
import { rankApplications, weightedScore } from "./scoring";
import { readCountingScores } from "./counting-scores.server";

/** All non-draft applications of a call in ranking order, with the pool's total. Null when no such call. */
export async function getCallRanking(db: Executor, callId: number) {
  const [call] = await db
    .select({ id: calls.id, title: calls.title, deadline: calls.deadline, poolName: pools.name, poolTotalOre: pools.totalOre })
    .from(calls)
    .innerJoin(pools, eq(pools.id, calls.poolId))
    .where(eq(calls.id, callId));
  if (!call) return null;
  const apps = await selectApplicationRows(db).where(and(eq(applications.callId, callId), ne(applications.status, "draft")));
  const ids = apps.map((a) => a.id);
  const criteria = await db
    .select({ id: callCriteria.id, weight: callCriteria.weight })
    .from(callCriteria)
    .where(eq(callCriteria.callId, callId));
  // The scores that count: agreed ones, or a single assessment's (decision 017).
  const scores = await readCountingScores(db, ids);
  const checks = ids.length
    ? await db
        .select({ applicationId: formalChecks.applicationId, requirement: formalChecks.requirement, met: formalChecks.met })
        .from(formalChecks)
        .where(inArray(formalChecks.applicationId, ids))
    : [];
  const rows = rankApplications(
    apps.map((a) => {
      const score = weightedScore(criteria, scores.get(a.id) ?? []);
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
