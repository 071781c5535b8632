// Calls (opslag): what the pages read, each query scoped to the actor by callScope in
// the WHERE (ministry: all; a municipality user: published calls it may apply to).
import { and, asc, count, desc, eq, gte, type SQL } from "drizzle-orm";
import type { Executor } from "#db/client";
import { applications, callCostCategories, callCriteria, callEligibleMunicipalities, calls, municipalities, pools } from "#db/schema";
import { audienceOf, can, ownMunicipality } from "~/policy/permissions";
import { applicationScope, callScope, type ScopeActor } from "~/policy/scopes.server";
import { isOnTime } from "./deadline";
import { appNow } from "~/domain/clock/clock.server";

// The status type from the table this file already reads: importing it from the
// applications domain would make calls and applications depend on each other.
type ApplicationStatus = (typeof applications.$inferSelect)["status"];

/** Whether the actor may see the call (`callScope` in the WHERE). */
export async function callVisible(db: Executor, actor: ScopeActor, id: number): Promise<boolean> {
  const [row] = await db.select({ id: calls.id }).from(calls).where(and(eq(calls.id, id), callScope(actor)));
  return Boolean(row);
}

/** The calls the actor may see (`callScope` in the WHERE), narrowed by `where`. */
function visibleCalls(db: Executor, actor: ScopeActor, where?: SQL) {
  return db
    .select({
      id: calls.id,
      poolId: calls.poolId,
      title: calls.title,
      purpose: calls.purpose,
      projectStart: calls.projectStart,
      projectEnd: calls.projectEnd,
      deadline: calls.deadline,
      expectedGrants: calls.expectedGrants,
      maxAmountOre: calls.maxAmountOre,
      status: calls.status,
      publishedAt: calls.publishedAt,
      createdAt: calls.createdAt,
      updatedAt: calls.updatedAt,
    })
    .from(calls)
    .where(and(callScope(actor), where))
    .$dynamic();
}

export type MinistryCallRow = Awaited<ReturnType<typeof listCallsForMinistry>>[number];
export type MunicipalityCallRow = Awaited<ReturnType<typeof listCallsForMunicipality>>[number];

async function listCallsForMinistry(db: Executor, actor: ScopeActor) {
  const rows = await visibleCalls(db, actor).orderBy(desc(calls.deadline), desc(calls.id));
  const counts = await db
    .select({ callId: applications.callId, status: applications.status, n: count() })
    .from(applications)
    .groupBy(applications.callId, applications.status);
  return rows.map((call) => {
    const byStatus: Partial<Record<ApplicationStatus, number>> = {};
    let total = 0;
    for (const c of counts) {
      if (c.callId !== call.id) continue;
      byStatus[c.status] = c.n;
      total += c.n;
    }
    return { ...call, applicationCount: total, applicationsByStatus: byStatus };
  });
}

/**
 * The published calls the actor's municipality may apply to, with its own application
 * (if any). `openAt`: only those still taking applications at that instant (the
 * deadline itself included, as in deadline.ts).
 */
export async function listCallsForMunicipality(db: Executor, actor: ScopeActor, opts: { openAt?: Date } = {}) {
  const code = ownMunicipality(actor);
  if (!code) return [];
  return db
    .select({
      id: calls.id,
      title: calls.title,
      deadline: calls.deadline,
      projectStart: calls.projectStart,
      projectEnd: calls.projectEnd,
      status: calls.status,
      applicationId: applications.id,
      applicationStatus: applications.status,
    })
    .from(calls)
    .leftJoin(applications, and(eq(applications.callId, calls.id), eq(applications.municipalityCode, code)))
    .where(and(callScope(actor), opts.openAt ? gte(calls.deadline, opts.openAt) : undefined))
    .orderBy(asc(calls.deadline), asc(calls.id));
}

export async function listCallsFor(db: Executor, actor: ScopeActor) {
  switch (audienceOf(actor)) {
    case "ministry":
      return { kind: "ministry" as const, calls: await listCallsForMinistry(db, actor) };
    case "municipality":
      return { kind: "municipality" as const, calls: await listCallsForMunicipality(db, actor) };
    default:
      return { kind: "none" as const, calls: [] };
  }
}

/** One call with everything its page shows, or null when the actor may not see it. */
export async function getCallFor(db: Executor, actor: ScopeActor, id: number) {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const [call] = await visibleCalls(db, actor, eq(calls.id, id));
  if (!call) return null;
  const [pool] = await db.select({ id: pools.id, name: pools.name }).from(pools).where(eq(pools.id, call.poolId));
  const categories = await db
    .select({ id: callCostCategories.id, label: callCostCategories.label })
    .from(callCostCategories)
    .where(eq(callCostCategories.callId, id))
    .orderBy(asc(callCostCategories.sortOrder), asc(callCostCategories.id));
  const criteria = await db
    .select({ id: callCriteria.id, label: callCriteria.label, description: callCriteria.description, weight: callCriteria.weight })
    .from(callCriteria)
    .where(eq(callCriteria.callId, id))
    .orderBy(asc(callCriteria.sortOrder), asc(callCriteria.id));
  const eligible = await db
    .select({ code: municipalities.code, name: municipalities.name, region: municipalities.region })
    .from(callEligibleMunicipalities)
    .innerJoin(municipalities, eq(municipalities.code, callEligibleMunicipalities.municipalityCode))
    .where(eq(callEligibleMunicipalities.callId, id))
    .orderBy(asc(municipalities.sortKey));
  const [municipalityTotal] = await db.select({ n: count() }).from(municipalities);

  let ownApplication: { id: number; status: ApplicationStatus } | null = null;
  let applicationCount = 0;
  const own = ownMunicipality(actor);
  if (own) {
    [ownApplication = null] = await db
      .select({ id: applications.id, status: applications.status })
      .from(applications)
      .where(and(eq(applications.callId, id), eq(applications.municipalityCode, own), applicationScope(actor)));
  } else if (can(actor, "application:read:any")) {
    [{ n: applicationCount }] = await db.select({ n: count() }).from(applications).where(eq(applications.callId, id));
  }
  return {
    ...call,
    pool: pool ?? null,
    categories,
    criteria,
    eligible,
    allMunicipalitiesEligible: eligible.length === municipalityTotal.n,
    ownApplication,
    applicationCount,
  };
}

export type CallDetails = NonNullable<Awaited<ReturnType<typeof getCallFor>>>;

export async function listPools(db: Executor) {
  return db.select({ id: pools.id, name: pools.name }).from(pools).orderBy(asc(pools.id));
}

export async function listMunicipalities(db: Executor) {
  return db
    .select({ code: municipalities.code, name: municipalities.name, region: municipalities.region })
    .from(municipalities)
    .orderBy(asc(municipalities.region), asc(municipalities.sortKey));
}

/** The pools and municipalities the call form lets the caseworker choose from. */
export async function callFormOptions(db: Executor) {
  // Sequential: one connection on PGlite.
  const pools = await listPools(db);
  const municipalities = await listMunicipalities(db);
  return { pools, municipalities };
}

/** The stored call as the form needs it (ministry only; null when it does not exist). */
export async function getCallForEdit(db: Executor, actor: ScopeActor, id: number) {
  if (!can(actor, "call:manage")) return null;
  const call = await getCallFor(db, actor, id);
  if (!call) return null;
  return {
    ...call,
    eligibleCodes: call.eligible.map((m) => m.code),
    deadlinePassed: call.status === "published" && !isOnTime(call.deadline, await appNow(db)),
  };
}
