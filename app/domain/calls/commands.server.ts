// Calls (opslag): the commands that create, change and publish them. Each is one
// transaction with one audit row and answers with a Result; only ministry staff
// with call:manage may run them.
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import type { Database, Tx } from "#db/client";
import {
  applicationBudgetLines,
  applications,
  agreedScores,
  assessmentScores,
  callCostCategories,
  callCriteria,
  callEligibleMunicipalities,
  calls,
  municipalities,
  pools,
} from "#db/schema";
import type { Actor } from "~/auth/actor";
import { conflict, invalid, isFailure, notFound, ok, refused, type Failure, type Result } from "~/domain/result";
import { can } from "~/policy/permissions";
import { audit } from "~/utils/audit.server";
import type { CallInput } from "./call-schema";
import { publishProblems, publishTimingProblems } from "./call-schema";
import { projectPeriodOutsidePool } from "./call-period";
import { callMachine } from "./call-status";
import { isOnTime } from "./deadline";
import { appNow } from "~/domain/clock/clock.server";

const NOT_FOUND = notFound("Opslaget findes ikke.");
const NOT_ALLOWED = refused("Du har ikke adgang til at ændre opslag.");
const NO_POOL = invalid("Puljen findes ikke.", { poolId: "Puljen findes ikke." });
const UNKNOWN_CODE = "Listen indeholder en ukendt kommunekode.";

async function resolveEligibleCodes(tx: Tx, input: CallInput): Promise<string[] | Failure> {
  if (input.eligibility === "all") {
    return (await tx.select({ code: municipalities.code }).from(municipalities)).map((m) => m.code);
  }
  const known = await tx
    .select({ code: municipalities.code })
    .from(municipalities)
    .where(inArray(municipalities.code, input.municipalityCodes));
  if (known.length !== input.municipalityCodes.length) {
    return invalid(UNKNOWN_CODE, { "municipalities[]": UNKNOWN_CODE });
  }
  return known.map((m) => m.code);
}

/** The pool must exist and its period hold the call's project period. */
async function checkPool(tx: Tx, input: CallInput): Promise<Failure | null> {
  const [pool] = await tx.select({ startsOn: pools.startsOn, endsOn: pools.endsOn }).from(pools).where(eq(pools.id, input.poolId));
  if (!pool) return NO_POOL;
  const errors = projectPeriodOutsidePool(input, pool);
  const messages = Object.values(errors);
  return messages.length ? invalid(messages[0], errors) : null;
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

export async function createCall(db: Database, actor: Actor, input: CallInput): Promise<Result<{ id: number }>> {
  if (!can(actor, "call:manage")) return NOT_ALLOWED;
  return db.transaction(async (tx): Promise<Result<{ id: number }>> => {
    const poolProblem = await checkPool(tx, input);
    if (poolProblem) return poolProblem;
    const codes = await resolveEligibleCodes(tx, input);
    if (isFailure(codes)) return codes;
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
    return ok({ id: call.id });
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
): Promise<Result<{ id: number }>> {
  if (!can(actor, "call:manage")) return NOT_ALLOWED;
  const now = at ?? (await appNow(db));
  return db.transaction(async (tx): Promise<Result<{ id: number }>> => {
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
      return conflict("Formularen passer ikke til opslaget. Indlæs siden igen.");
    }
    const poolProblem = await checkPool(tx, input);
    if (poolProblem) return poolProblem;

    // After the deadline the applications were written against these terms.
    if (before.status === "published" && !isOnTime(before.deadline, now)) {
      if (input.deadline.getTime() !== before.deadline.getTime()) {
        return conflict("Ansøgningsfristen er overskredet, så fristen kan ikke længere ændres.");
      }
      if (!sameCategories(beforeCategories, input.categories)) {
        return conflict("Ansøgningsfristen er overskredet, så udgiftskategorierne kan ikke længere ændres.");
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
        return conflict(`Kategorien „${label}“ bruges allerede i en ansøgning og kan ikke fjernes.`);
      }
    }
    const keptCriterionIds = new Set(input.criteria.flatMap((c) => (c.id === null ? [] : [c.id])));
    const removedCriteria = beforeCriteria.filter((c) => !keptCriterionIds.has(c.id));
    if (removedCriteria.length) {
      const removedIds = removedCriteria.map((c) => c.id);
      const used = [
        ...(await tx.selectDistinct({ id: assessmentScores.criterionId }).from(assessmentScores).where(inArray(assessmentScores.criterionId, removedIds))),
        ...(await tx.selectDistinct({ id: agreedScores.criterionId }).from(agreedScores).where(inArray(agreedScores.criterionId, removedIds))),
      ];
      if (used.length) {
        const label = removedCriteria.find((c) => c.id === used[0].id)?.label;
        return conflict(`Kriteriet „${label}“ er allerede brugt i en vurdering og kan ikke fjernes.`);
      }
    }

    const codes = await resolveEligibleCodes(tx, input);
    if (isFailure(codes)) return codes;
    const newCodes = new Set(codes);
    const removedCodes = beforeCodes.filter((c) => !newCodes.has(c));
    if (removedCodes.length) {
      const applied = await tx
        .select({ name: municipalities.officialName })
        .from(applications)
        .innerJoin(municipalities, eq(municipalities.code, applications.municipalityCode))
        .where(and(eq(applications.callId, callId), inArray(applications.municipalityCode, removedCodes)))
        .limit(1);
      if (applied.length) {
        return conflict(`${applied[0].name} har allerede en ansøgning og skal fortsat kunne søge.`);
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
    return ok({ id: callId });
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

export async function publishCall(db: Database, actor: Actor, callId: number, at?: Date): Promise<Result<{ id: number }>> {
  if (!can(actor, "call:manage")) return NOT_ALLOWED;
  const now = at ?? (await appNow(db));
  return db.transaction(async (tx): Promise<Result<{ id: number }>> => {
    const [before] = await tx.select().from(calls).where(eq(calls.id, callId)).for("update");
    if (!before) return NOT_FOUND;
    const moved = callMachine.transition(before.status, "publish");
    if (!moved.ok) return moved;
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
    if (problems.length) return conflict(`Opslaget kan ikke offentliggøres: ${problems.join(" ")}`);
    const [after] = await tx
      .update(calls)
      .set({ status: moved.value, publishedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(calls.id, callId), eq(calls.status, "draft")))
      .returning();
    await audit(tx, actor, {
      action: "call.published",
      entityType: "call",
      entityId: callId,
      before: { status: before.status, publishedAt: before.publishedAt },
      after: { status: after.status, publishedAt: after.publishedAt },
    });
    return ok({ id: callId });
  });
}

export const WITHDRAW_REFUSED_MESSAGE =
  "Opslaget kan ikke trækkes tilbage, fordi der allerede er startet ansøgninger på det.";

/**
 * Back to draft: a call published by mistake (a wrong deadline, the wrong municipalities)
 * may be withdrawn while no municipality has started an application on it. The check
 * and the update are one statement, so an application started meanwhile wins.
 */
export async function withdrawCall(db: Database, actor: Actor, callId: number): Promise<Result<{ id: number }>> {
  if (!can(actor, "call:manage")) return NOT_ALLOWED;
  return db.transaction(async (tx): Promise<Result<{ id: number }>> => {
    const [before] = await tx.select().from(calls).where(eq(calls.id, callId)).for("update");
    if (!before) return NOT_FOUND;
    const moved = callMachine.transition(before.status, "withdraw");
    if (!moved.ok) return moved;
    const [after] = await tx
      .update(calls)
      .set({ status: moved.value, publishedAt: null, updatedAt: new Date() })
      .where(
        and(
          eq(calls.id, callId),
          eq(calls.status, "published"),
          sql`NOT EXISTS (SELECT 1 FROM ${applications} WHERE ${applications.callId} = ${calls.id})`,
        ),
      )
      .returning();
    if (!after) return conflict(WITHDRAW_REFUSED_MESSAGE);
    await audit(tx, actor, {
      action: "call.withdrawn",
      entityType: "call",
      entityId: callId,
      before: { status: before.status, publishedAt: before.publishedAt },
      after: { status: after.status, publishedAt: after.publishedAt },
    });
    return ok({ id: callId });
  });
}
