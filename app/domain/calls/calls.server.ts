// Calls (opslag): queries scoped to the actor in the SQL, and the commands that
// create, change and publish them (each one transaction with one audit row).
import { and, asc, count, desc, eq, gte, inArray, sql, type SQL } from "drizzle-orm";
import type { Executor, Database, Tx } from "#db/client";
import {
  applicationBudgetLines,
  applications,
  assessmentScores,
  callCostCategories,
  callCriteria,
  callEligibleMunicipalities,
  calls,
  municipalities,
  pools,
} from "#db/schema";
import type { ApplicationStatus } from "~/domain/applications/application-constants";
import type { Actor } from "~/auth/actor";
import { audienceOf, can, ownMunicipality } from "~/policy/permissions";
import { applicationScope, callScope, type ScopeActor } from "~/policy/scopes.server";
import { audit } from "~/utils/audit.server";
import type { CallInput } from "./call-schema";
import { publishProblems, publishTimingProblems } from "./call-schema";
import { isOnTime } from "./deadline";
import { appNow } from "~/domain/clock/clock.server";

export type CommandResult<T> = { ok: true; value: T } | { ok: false; message: string; notFound?: boolean };

const NOT_FOUND = { ok: false as const, message: "Opslaget findes ikke.", notFound: true };
const NOT_ALLOWED = { ok: false as const, message: "Du har ikke adgang til at ændre opslag." };

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

// ------------------------------------------------------------------ queries

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
    .orderBy(asc(municipalities.name));
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
    .orderBy(asc(municipalities.region), asc(municipalities.name));
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

// ------------------------------------------------------------------ commands

async function resolveEligibleCodes(tx: Tx, input: CallInput): Promise<string[] | { message: string }> {
  if (input.eligibility === "all") {
    return (await tx.select({ code: municipalities.code }).from(municipalities)).map((m) => m.code);
  }
  const known = await tx
    .select({ code: municipalities.code })
    .from(municipalities)
    .where(inArray(municipalities.code, input.municipalityCodes));
  if (known.length !== input.municipalityCodes.length) return { message: "Listen indeholder en ukendt kommunekode." };
  return known.map((m) => m.code);
}

async function poolExists(tx: Tx, poolId: number) {
  const [pool] = await tx.select({ id: pools.id }).from(pools).where(eq(pools.id, poolId));
  return Boolean(pool);
}

function callColumns(input: CallInput) {
  return {
    poolId: input.poolId,
    title: input.title,
    purpose: input.purpose,
    projectStart: input.projectStart,
    projectEnd: input.projectEnd,
    deadline: input.deadline,
    expectedGrants: input.expectedGrants,
    maxAmountOre: input.maxAmountOre,
  };
}

function auditSnapshot(
  call: Record<string, unknown>,
  categories: { label: string }[],
  criteria: { label: string; weight: number }[],
  eligibleCodes: string[],
) {
  return {
    ...call,
    categories: categories.map((c) => c.label),
    criteria: criteria.map((c) => ({ label: c.label, weight: c.weight })),
    eligibleCount: eligibleCodes.length,
    eligibleCodes: eligibleCodes.length >= 98 ? "alle" : [...eligibleCodes].sort(),
  };
}

export async function createCall(db: Database, actor: Actor, input: CallInput): Promise<CommandResult<{ id: number }>> {
  if (!can(actor, "call:manage")) return NOT_ALLOWED;
  return db.transaction(async (tx) => {
    if (!(await poolExists(tx, input.poolId))) return { ok: false, message: "Puljen findes ikke." };
    const codes = await resolveEligibleCodes(tx, input);
    if ("message" in codes) return { ok: false, message: codes.message };
    const [call] = await tx
      .insert(calls)
      .values({ ...callColumns(input), status: "draft", createdBy: actor.userId })
      .returning();
    if (input.categories.length) {
      await tx
        .insert(callCostCategories)
        .values(input.categories.map((c, i) => ({ callId: call.id, label: c.label, sortOrder: i })));
    }
    if (input.criteria.length) {
      await tx.insert(callCriteria).values(
        input.criteria.map((c, i) => ({
          callId: call.id,
          label: c.label,
          description: c.description,
          weight: c.weight,
          sortOrder: i,
        })),
      );
    }
    if (codes.length) {
      await tx.insert(callEligibleMunicipalities).values(codes.map((code) => ({ callId: call.id, municipalityCode: code })));
    }
    await audit(tx, actor, {
      action: "call.created",
      entityType: "call",
      entityId: call.id,
      after: auditSnapshot(call, input.categories, input.criteria, codes),
    });
    return { ok: true, value: { id: call.id } };
  });
}

function sameCategories(before: { id: number; label: string }[], after: CallInput["categories"]) {
  if (before.length !== after.length) return false;
  return before.every((b, i) => after[i].id === b.id && after[i].label === b.label);
}

export async function updateCall(
  db: Database,
  actor: Actor,
  callId: number,
  input: CallInput,
  at?: Date,
): Promise<CommandResult<{ id: number }>> {
  if (!can(actor, "call:manage")) return NOT_ALLOWED;
  const now = at ?? (await appNow(db));
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(calls).where(eq(calls.id, callId)).for("update");
    if (!before) return NOT_FOUND;
    const beforeCategories = await tx
      .select({ id: callCostCategories.id, label: callCostCategories.label })
      .from(callCostCategories)
      .where(eq(callCostCategories.callId, callId))
      .orderBy(asc(callCostCategories.sortOrder), asc(callCostCategories.id));
    const beforeCriteria = await tx
      .select({ id: callCriteria.id, label: callCriteria.label, weight: callCriteria.weight })
      .from(callCriteria)
      .where(eq(callCriteria.callId, callId))
      .orderBy(asc(callCriteria.sortOrder), asc(callCriteria.id));
    const beforeCodes = (
      await tx
        .select({ code: callEligibleMunicipalities.municipalityCode })
        .from(callEligibleMunicipalities)
        .where(eq(callEligibleMunicipalities.callId, callId))
    ).map((r) => r.code);

    // Row ids come from the form: they must belong to this call.
    const categoryIds = new Set(beforeCategories.map((c) => c.id));
    const criterionIds = new Set(beforeCriteria.map((c) => c.id));
    if (input.categories.some((c) => c.id !== null && !categoryIds.has(c.id)) || input.criteria.some((c) => c.id !== null && !criterionIds.has(c.id))) {
      return { ok: false, message: "Formularen passer ikke til opslaget. Indlæs siden igen." };
    }
    if (!(await poolExists(tx, input.poolId))) return { ok: false, message: "Puljen findes ikke." };

    // After the deadline the applications were written against these terms.
    if (before.status === "published" && !isOnTime(before.deadline, now)) {
      if (input.deadline.getTime() !== before.deadline.getTime()) {
        return { ok: false, message: "Ansøgningsfristen er overskredet, så fristen kan ikke længere ændres." };
      }
      if (!sameCategories(beforeCategories, input.categories)) {
        return { ok: false, message: "Ansøgningsfristen er overskredet, så udgiftskategorierne kan ikke længere ændres." };
      }
    }

    const keptCategoryIds = new Set(input.categories.flatMap((c) => (c.id === null ? [] : [c.id])));
    const removedCategories = beforeCategories.filter((c) => !keptCategoryIds.has(c.id));
    if (removedCategories.length) {
      const used = await tx
        .selectDistinct({ id: applicationBudgetLines.categoryId })
        .from(applicationBudgetLines)
        .where(inArray(applicationBudgetLines.categoryId, removedCategories.map((c) => c.id)));
      if (used.length) {
        const label = removedCategories.find((c) => c.id === used[0].id)?.label;
        return { ok: false, message: `Kategorien „${label}“ bruges allerede i en ansøgning og kan ikke fjernes.` };
      }
    }
    const keptCriterionIds = new Set(input.criteria.flatMap((c) => (c.id === null ? [] : [c.id])));
    const removedCriteria = beforeCriteria.filter((c) => !keptCriterionIds.has(c.id));
    if (removedCriteria.length) {
      const used = await tx
        .selectDistinct({ id: assessmentScores.criterionId })
        .from(assessmentScores)
        .where(inArray(assessmentScores.criterionId, removedCriteria.map((c) => c.id)));
      if (used.length) {
        const label = removedCriteria.find((c) => c.id === used[0].id)?.label;
        return { ok: false, message: `Kriteriet „${label}“ er allerede brugt i en vurdering og kan ikke fjernes.` };
      }
    }

    const codes = await resolveEligibleCodes(tx, input);
    if ("message" in codes) return { ok: false, message: codes.message };
    const newCodes = new Set(codes);
    const removedCodes = beforeCodes.filter((c) => !newCodes.has(c));
    if (removedCodes.length) {
      const applied = await tx
        .select({ name: municipalities.name })
        .from(applications)
        .innerJoin(municipalities, eq(municipalities.code, applications.municipalityCode))
        .where(and(eq(applications.callId, callId), inArray(applications.municipalityCode, removedCodes)))
        .limit(1);
      if (applied.length) {
        return { ok: false, message: `${applied[0].name} Kommune har allerede en ansøgning og skal fortsat kunne søge.` };
      }
    }

    const [after] = await tx
      .update(calls)
      .set({ ...callColumns(input), updatedAt: new Date() })
      .where(eq(calls.id, callId))
      .returning();
    await syncCategories(tx, callId, input.categories, removedCategories.map((c) => c.id));
    await syncCriteria(tx, callId, input.criteria, removedCriteria.map((c) => c.id));
    if (removedCodes.length) {
      await tx
        .delete(callEligibleMunicipalities)
        .where(and(eq(callEligibleMunicipalities.callId, callId), inArray(callEligibleMunicipalities.municipalityCode, removedCodes)));
    }
    const beforeSet = new Set(beforeCodes);
    const addedCodes = codes.filter((c) => !beforeSet.has(c));
    if (addedCodes.length) {
      await tx.insert(callEligibleMunicipalities).values(addedCodes.map((code) => ({ callId, municipalityCode: code })));
    }
    await audit(tx, actor, {
      action: "call.updated",
      entityType: "call",
      entityId: callId,
      before: auditSnapshot(before, beforeCategories, beforeCriteria, beforeCodes),
      after: auditSnapshot(after, input.categories, input.criteria, codes),
    });
    return { ok: true, value: { id: callId } };
  });
}

async function syncCategories(tx: Tx, callId: number, rows: CallInput["categories"], removedIds: number[]) {
  if (removedIds.length) await tx.delete(callCostCategories).where(inArray(callCostCategories.id, removedIds));
  for (const [i, row] of rows.entries()) {
    if (row.id === null) await tx.insert(callCostCategories).values({ callId, label: row.label, sortOrder: i });
    else {
      await tx
        .update(callCostCategories)
        .set({ label: row.label, sortOrder: i })
        .where(and(eq(callCostCategories.id, row.id), eq(callCostCategories.callId, callId)));
    }
  }
}

async function syncCriteria(tx: Tx, callId: number, rows: CallInput["criteria"], removedIds: number[]) {
  if (removedIds.length) await tx.delete(callCriteria).where(inArray(callCriteria.id, removedIds));
  for (const [i, row] of rows.entries()) {
    const values = { label: row.label, description: row.description, weight: row.weight, sortOrder: i };
    if (row.id === null) await tx.insert(callCriteria).values({ callId, ...values });
    else await tx.update(callCriteria).set(values).where(and(eq(callCriteria.id, row.id), eq(callCriteria.callId, callId)));
  }
}

export async function publishCall(db: Database, actor: Actor, callId: number, at?: Date): Promise<CommandResult<{ id: number }>> {
  if (!can(actor, "call:manage")) return NOT_ALLOWED;
  const now = at ?? (await appNow(db));
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(calls).where(eq(calls.id, callId)).for("update");
    if (!before) return NOT_FOUND;
    if (before.status !== "draft") return { ok: false, message: "Opslaget er allerede offentliggjort." };
    const [{ n: categoryCount }] = await tx
      .select({ n: count() })
      .from(callCostCategories)
      .where(eq(callCostCategories.callId, callId));
    const weights = (
      await tx.select({ weight: callCriteria.weight }).from(callCriteria).where(eq(callCriteria.callId, callId))
    ).map((c) => c.weight);
    const [{ n: eligibleCount }] = await tx
      .select({ n: count() })
      .from(callEligibleMunicipalities)
      .where(eq(callEligibleMunicipalities.callId, callId));
    const [pool] = await tx.select({ startsOn: pools.startsOn, endsOn: pools.endsOn }).from(pools).where(eq(pools.id, before.poolId));
    const problems = [...publishTimingProblems(before, pool ?? null, now), ...publishProblems({ categoryCount, weights, eligibleCount })];
    if (problems.length) return { ok: false, message: `Opslaget kan ikke offentliggøres: ${problems.join(" ")}` };
    const [after] = await tx
      .update(calls)
      .set({ status: "published", publishedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(calls.id, callId), eq(calls.status, "draft")))
      .returning();
    await audit(tx, actor, {
      action: "call.published",
      entityType: "call",
      entityId: callId,
      before: { status: before.status, publishedAt: before.publishedAt },
      after: { status: after.status, publishedAt: after.publishedAt },
    });
    return { ok: true, value: { id: callId } };
  });
}

export const WITHDRAW_REFUSED_MESSAGE =
  "Opslaget kan ikke trækkes tilbage, fordi der allerede er startet ansøgninger på det.";

/**
 * Back to draft: a call published by mistake (a wrong deadline, the wrong municipalities)
 * may be withdrawn while no municipality has started an application on it. The check
 * and the update are one statement, so an application started meanwhile wins.
 */
export async function withdrawCall(db: Database, actor: Actor, callId: number): Promise<CommandResult<{ id: number }>> {
  if (!can(actor, "call:manage")) return NOT_ALLOWED;
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(calls).where(eq(calls.id, callId)).for("update");
    if (!before) return NOT_FOUND;
    if (before.status !== "published") return { ok: false, message: "Opslaget er ikke offentliggjort." };
    const [after] = await tx
      .update(calls)
      .set({ status: "draft", publishedAt: null, updatedAt: new Date() })
      .where(
        and(
          eq(calls.id, callId),
          eq(calls.status, "published"),
          sql`NOT EXISTS (SELECT 1 FROM ${applications} WHERE ${applications.callId} = ${calls.id})`,
        ),
      )
      .returning();
    if (!after) return { ok: false, message: WITHDRAW_REFUSED_MESSAGE };
    await audit(tx, actor, {
      action: "call.withdrawn",
      entityType: "call",
      entityId: callId,
      before: { status: before.status, publishedAt: before.publishedAt },
      after: { status: after.status, publishedAt: after.publishedAt },
    });
    return { ok: true, value: { id: callId } };
  });
}
