// The ranking of a call: every non-draft application in ranking order (need index,
// then score), with formalia and the pool's total. The assessment page and the
// ranking page read it today; the allocation board will.
import { and, eq, ne } from "drizzle-orm";
import type { Executor } from "#db/client";
import { applications, callCriteria, calls, formalChecks, pools } from "#db/schema";
import { selectApplicationRows } from "./application-rows.server";
import { FORMALIA_REQUIREMENTS, formaliaState } from "./formalia";
import { rankApplications, weightedScore } from "./scoring";
import { readCountingScores } from "./counting-scores.server";
import { anyOf } from "~/utils/any-of.server";
import { groupBy } from "~/utils/group-by";

/** All non-draft applications of a call in ranking order, with the pool's total. Null when no such call. */
export async function getCallRanking(db: Executor, callId: number) {
  // The pool's id and committed sum too: the allocation board needs them, and one statement
  // for the call and its pool serves both pages (issue 19).
  const [call] = await db
    .select({ id: calls.id, title: calls.title, deadline: calls.deadline, poolId: calls.poolId, poolName: pools.name, poolTotalOre: pools.totalOre, poolAllocatedOre: pools.allocatedOre })
    .from(calls)
    .innerJoin(pools, eq(pools.id, calls.poolId))
    .where(eq(calls.id, callId));
  if (!call) return null;
  const apps = await selectApplicationRows(db).where(and(eq(applications.callId, callId), ne(applications.status, "draft")));
  const ids = apps.map((a) => a.id);
  // Independent reads: one round trip's wait (issue 19). The formal checks by one array
  // parameter (anyOf), so the statement text is the same for every call.
  const [criteria, scores, checks] = await Promise.all([
    db.select({ id: callCriteria.id, weight: callCriteria.weight }).from(callCriteria).where(eq(callCriteria.callId, callId)),
    // The scores that count: agreed ones, or a single assessment's (decision 017).
    readCountingScores(db, ids),
    ids.length
      ? db
          .select({ applicationId: formalChecks.applicationId, requirement: formalChecks.requirement, met: formalChecks.met })
          .from(formalChecks)
          .where(anyOf(formalChecks.applicationId, ids))
      : Promise.resolve([]),
  ]);
  const checksOf = groupBy(checks, (c) => c.applicationId);
  const rows = rankApplications(
    apps.map((a) => {
      const score = weightedScore(criteria, scores.get(a.id) ?? []);
      return {
        ...a,
        score,
        scoreTenths: score.tenths,
        formalia: formaliaState(checksOf.get(a.id) ?? []),
      };
    }),
  );
  return { call, rows, requirementCount: FORMALIA_REQUIREMENTS.length };
}
