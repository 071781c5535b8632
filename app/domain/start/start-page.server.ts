// What each role sees first: queries only, scoped to the actor.
import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import { applications, calls, pools } from "#db/schema";
import { listCallsForMunicipality } from "~/domain/calls/queries.server";
import type { Actor } from "~/auth/actor";
import { applicationScope } from "~/policy/scopes.server";

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

export async function municipalityStart(db: Executor, actor: Actor, now: Date) {
  // The same query as the calls page, so "open" means the same on both (deadline included).
  const openCalls = await listCallsForMunicipality(db, actor, { openAt: now });
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
