// The ranking of a call: every non-draft application in ranking order (need index,
// then score), with formalia and the pool's total. The assessment page and the
// ranking page read it today; the allocation board will. Scores and ranks are the
// stored standings (decision 034), the same the list shows.
import { and, eq, ne } from "drizzle-orm";
import type { Executor } from "#db/client";
import { applicationStandings, applications, calls, formalChecks, pools } from "#db/schema";
import { selectApplicationRows } from "./application-rows.server";
import { FORMALIA_REQUIREMENTS, formaliaState } from "./formalia";
import { rankApplications, type WeightedScore } from "./scoring";
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
  const [standings, checks] = await Promise.all([
    db
      .select({
        applicationId: applicationStandings.applicationId,
        total: applicationStandings.total,
        scored: applicationStandings.scored,
        tenths: applicationStandings.tenths,
        rank: applicationStandings.rank,
      })
      .from(applicationStandings)
      .where(eq(applicationStandings.callId, callId)),
    ids.length
      ? db
          .select({ applicationId: formalChecks.applicationId, requirement: formalChecks.requirement, met: formalChecks.met })
          .from(formalChecks)
          .where(anyOf(formalChecks.applicationId, ids))
      : Promise.resolve([]),
  ]);
  const standingOf = new Map(standings.map((r) => [r.applicationId, r]));
  const checksOf = groupBy(checks, (c) => c.applicationId);
  // The stored rank decides the order; rankApplications only orders the unranked tail (no
  // need index: by score, then name) the same way as before, and its numbers are not used.
  const ordered = rankApplications(
    apps.map((a) => {
      const st = standingOf.get(a.id);
      const score: WeightedScore = { tenths: st?.tenths ?? null, scored: st?.scored ?? 0, total: st?.total ?? 0 };
      return {
        ...a,
        score,
        scoreTenths: score.tenths,
        formalia: formaliaState(checksOf.get(a.id) ?? []),
      };
    }),
  );
  const rows = ordered
    .map((r, i) => ({ r: { ...r, rank: standingOf.get(r.id)?.rank ?? null }, i }))
    .sort((x, y) => (x.r.rank ?? Infinity) - (y.r.rank ?? Infinity) || x.i - y.i)
    .map(({ r }) => r);
  return { call, rows, requirementCount: FORMALIA_REQUIREMENTS.length };
}
