// What each role sees first: queries only, scoped to the actor.
import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import { applications, callEligibleMunicipalities, calls, pools } from "#db/schema";
import type { Actor } from "~/auth/actor";
import { applicationScope } from "~/domain/applications/scope.server";

export async function ministryStart(db: Executor) {
  const poolRows = await db
    .select({ id: pools.id, name: pools.name, financeLine: pools.financeLine, totalOre: pools.totalOre, allocatedOre: pools.allocatedOre, endsOn: pools.endsOn })
    .from(pools)
    .orderBy(asc(pools.id));
  const callRows = await db
    .select({
      id: calls.id,
      title: calls.title,
      status: calls.status,
      deadline: calls.deadline,
      submitted: sql<number>`count(${applications.id}) FILTER (WHERE ${applications.status} <> 'draft')`.mapWith(Number),
      awaitingFormalia: sql<number>`count(${applications.id}) FILTER (WHERE ${applications.status} = 'submitted')`.mapWith(Number),
      drafts: sql<number>`count(${applications.id}) FILTER (WHERE ${applications.status} IN ('draft', 'correction'))`.mapWith(Number),
    })
    .from(calls)
    .leftJoin(applications, eq(applications.callId, calls.id))
    .groupBy(calls.id)
    .orderBy(desc(calls.deadline));
  return { pools: poolRows, calls: callRows };
}

export async function municipalityStart(db: Executor, actor: Actor) {
  const code = actor.municipalityCode ?? "";
  const openCalls = await db
    .select({
      id: calls.id,
      title: calls.title,
      deadline: calls.deadline,
      applicationId: applications.id,
      applicationStatus: applications.status,
    })
    .from(calls)
    .innerJoin(
      callEligibleMunicipalities,
      and(eq(callEligibleMunicipalities.callId, calls.id), eq(callEligibleMunicipalities.municipalityCode, code)),
    )
    .leftJoin(applications, and(eq(applications.callId, calls.id), eq(applications.municipalityCode, code)))
    .where(and(eq(calls.status, "published"), sql`${calls.deadline} > now()`))
    .orderBy(asc(calls.deadline));
  const own = await db
    .select({
      id: applications.id,
      callTitle: calls.title,
      status: applications.status,
      requestedOre: applications.requestedOre,
      updatedAt: applications.updatedAt,
    })
    .from(applications)
    .innerJoin(calls, eq(calls.id, applications.callId))
    .where(applicationScope(actor))
    .orderBy(desc(applications.updatedAt))
    .limit(20);
  const [{ total }] = await db.select({ total: count() }).from(applications).where(applicationScope(actor));
  return { openCalls, own, total };
}
