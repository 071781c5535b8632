// Reading a grant's budget: the versions (the highest is in force), the budget changes,
// and what the change form and the decision need. Every read that takes an id from the
// URL is scoped by grantScope, so a grant the actor may not see is simply not found.
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "#db/client";
import { budgetChangeLines, budgetChanges, budgetVersionLines, budgetVersions, callCostCategories, grants, pools, users } from "#db/schema";
import type { BudgetLine } from "~/domain/applications/budget";
import { grantScope, type ScopeActor } from "~/policy/scopes.server";
import { quartersBetween } from "~/utils/dates";
import type { BudgetChangeThresholds } from "./budget-change-rule";
import type { BudgetChangeStatus, GrantStatus } from "./grant-constants";

export type BudgetVersion = { id: number; version: number; budgetChangeId: number | null; note: string; createdAt: Date; lines: BudgetLine[] };

const toLine = (l: { categoryId: number; quarter: string; amountOre: bigint | string }): BudgetLine => ({
  categoryId: l.categoryId,
  quarter: l.quarter,
  amountOre: BigInt(l.amountOre),
});

async function linesOfVersions(ex: Executor, ids: number[]) {
  if (ids.length === 0) return new Map<number, BudgetLine[]>();
  const rows = await ex
    .select()
    .from(budgetVersionLines)
    .where(inArray(budgetVersionLines.budgetVersionId, ids))
    .orderBy(asc(budgetVersionLines.categoryId), asc(budgetVersionLines.quarter));
  const out = new Map<number, BudgetLine[]>(ids.map((id) => [id, []]));
  for (const r of rows) out.get(r.budgetVersionId)!.push(toLine(r));
  return out;
}

async function versionAtEnd(ex: Executor, grantId: number, end: "first" | "last"): Promise<BudgetVersion | null> {
  const [v] = await ex
    .select()
    .from(budgetVersions)
    .where(eq(budgetVersions.grantId, grantId))
    .orderBy(end === "last" ? desc(budgetVersions.version) : asc(budgetVersions.version))
    .limit(1);
  if (!v) return null;
  const lines = (await linesOfVersions(ex, [v.id])).get(v.id)!;
  return { id: v.id, version: v.version, budgetChangeId: v.budgetChangeId, note: v.note, createdAt: v.createdAt, lines };
}

/** The version in force: the highest. Not scoped: callers pass a grant they found in scope. */
export function versionInForce(ex: Executor, grantId: number): Promise<BudgetVersion | null> {
  return versionAtEnd(ex, grantId, "last");
}

/** The budget approved with the grant (version 1), which the decision letter quotes. Not scoped. */
export function originalVersion(ex: Executor, grantId: number): Promise<BudgetVersion | null> {
  return versionAtEnd(ex, grantId, "first");
}

export type GrantBudgetContext = {
  grant: {
    id: number;
    status: GrantStatus;
    municipalityCode: string;
    callId: number;
    applicationId: number;
    committedOre: bigint;
    projectStart: string;
    projectEnd: string;
  };
  categories: { id: number; label: string }[];
  quarters: string[];
  thresholds: BudgetChangeThresholds;
};

/** The grant and its pool's thresholds, as grantBudgetContext and grantBudget read them. */
const contextColumns = {
  id: grants.id,
  status: grants.status,
  municipalityCode: grants.municipalityCode,
  callId: grants.callId,
  applicationId: grants.applicationId,
  committedOre: grants.committedOre,
  projectStart: grants.projectStart,
  projectEnd: grants.projectEnd,
  percent: pools.changeApprovalPercent,
  ore: pools.changeApprovalOre,
};

/** The grant (in the actor's scope), its call's cost categories, its quarters and its pool's thresholds. */
export async function grantBudgetContext(ex: Executor, actor: ScopeActor, grantId: number, opts: { lock?: boolean } = {}) {
  const query = ex
    .select(contextColumns)
    .from(grants)
    .innerJoin(pools, eq(pools.id, grants.poolId))
    .where(and(eq(grants.id, grantId), grantScope(actor)));
  const [g] = opts.lock ? await query.for("update", { of: grants }) : await query;
  if (!g) return null;
  const categories = await ex
    .select({ id: callCostCategories.id, label: callCostCategories.label })
    .from(callCostCategories)
    .where(eq(callCostCategories.callId, g.callId))
    .orderBy(asc(callCostCategories.sortOrder), asc(callCostCategories.id));
  return contextOf(g, categories);
}

/** What contextColumns reads: the grant's fields and its pool's two thresholds. */
type ContextRow = GrantBudgetContext["grant"] & { percent: number; ore: bigint };

function contextOf({ percent, ore, ...grant }: ContextRow, categories: { id: number; label: string }[]): GrantBudgetContext {
  return {
    grant: { ...grant, committedOre: BigInt(grant.committedOre) },
    categories,
    quarters: quartersBetween(grant.projectStart, grant.projectEnd),
    thresholds: { percent, ore: BigInt(ore) },
  };
}

export type BudgetChangeRow = {
  id: number;
  status: BudgetChangeStatus;
  needsApproval: boolean;
  ruleExplanation: string;
  reason: string;
  decisionNote: string | null;
  requestedAt: Date;
  requestedByName: string | null;
  decidedAt: Date | null;
  fromVersion: number;
  toVersion: number | null;
};

// The versions a change was measured against and led to, joined rather than read in a second
// statement (issue 19: the grant page sends each statement on every view).
const fromVersion = alias(budgetVersions, "from_version");
const toVersion = alias(budgetVersions, "to_version");

/** Every budget change on a grant, newest first (the grant must be in scope: callers check). */
export async function changesOf(ex: Executor, grantId: number): Promise<BudgetChangeRow[]> {
  const rows = await ex
    .select({
      id: budgetChanges.id,
      status: budgetChanges.status,
      needsApproval: budgetChanges.needsApproval,
      ruleExplanation: budgetChanges.ruleExplanation,
      reason: budgetChanges.reason,
      decisionNote: budgetChanges.decisionNote,
      requestedAt: budgetChanges.requestedAt,
      requestedByName: users.name,
      decidedAt: budgetChanges.decidedAt,
      fromVersion: fromVersion.version,
      toVersion: toVersion.version,
    })
    .from(budgetChanges)
    .leftJoin(users, eq(users.id, budgetChanges.requestedBy))
    .leftJoin(fromVersion, and(eq(fromVersion.id, budgetChanges.fromVersionId), eq(fromVersion.grantId, grantId)))
    .leftJoin(toVersion, and(eq(toVersion.id, budgetChanges.toVersionId), eq(toVersion.grantId, grantId)))
    .where(eq(budgetChanges.grantId, grantId))
    .orderBy(desc(budgetChanges.requestedAt), desc(budgetChanges.id));
  return rows.map((r) => ({ ...r, fromVersion: r.fromVersion ?? 0, toVersion: r.toVersion ?? null }));
}

type VersionJson = { id: number; version: number; budgetChangeId: number | null; note: string; createdAt: string; lines: { categoryId: number; quarter: string; amountOre: string }[] };
type ChangeJson = Omit<BudgetChangeRow, "requestedAt" | "decidedAt" | "fromVersion"> & { requestedAt: string; decidedAt: string | null; fromVersion: number | null };

/**
 * The grant page's budget section: every version with its lines, and the changes. One
 * statement (issue 19, decision 041): the grant in the actor's scope with its pool's
 * thresholds, and its cost categories, versions (with their lines) and changes as JSON; the
 * same rows and order as grantBudgetContext, linesOfVersions and changesOf.
 */
export async function grantBudget(ex: Executor, actor: ScopeActor, grantId: number) {
  const [g] = await ex
    .select({
      ...contextColumns,
      categories: sql<{ id: number; label: string }[]>`coalesce((select json_agg(json_build_object('id', c.id, 'label', c.label) order by c.sort_order, c.id)
        from ${callCostCategories} c where c.call_id = ${grants.callId}), '[]'::json)`,
      versions: sql<VersionJson[]>`coalesce((select json_agg(json_build_object('id', v.id, 'version', v.version, 'budgetChangeId', v.budget_change_id,
        'note', v.note, 'createdAt', v.created_at, 'lines', coalesce((select json_agg(json_build_object('categoryId', l.category_id, 'quarter', l.quarter,
        'amountOre', l.amount_ore::text) order by l.category_id, l.quarter) from ${budgetVersionLines} l where l.budget_version_id = v.id), '[]'::json)) order by v.version)
        from ${budgetVersions} v where v.grant_id = ${grants.id}), '[]'::json)`,
      changes: sql<ChangeJson[]>`coalesce((select json_agg(json_build_object('id', bc.id, 'status', bc.status, 'needsApproval', bc.needs_approval,
        'ruleExplanation', bc.rule_explanation, 'reason', bc.reason, 'decisionNote', bc.decision_note, 'requestedAt', bc.requested_at,
        'requestedByName', u.name, 'decidedAt', bc.decided_at, 'fromVersion', fv.version, 'toVersion', tv.version) order by bc.requested_at desc, bc.id desc)
        from ${budgetChanges} bc left join ${users} u on u.id = bc.requested_by
        left join ${budgetVersions} fv on fv.id = bc.from_version_id and fv.grant_id = bc.grant_id
        left join ${budgetVersions} tv on tv.id = bc.to_version_id and tv.grant_id = bc.grant_id
        where bc.grant_id = ${grants.id}), '[]'::json)`,
    })
    .from(grants)
    .innerJoin(pools, eq(pools.id, grants.poolId))
    .where(and(eq(grants.id, grantId), grantScope(actor)));
  if (!g) return null;
  const { categories, versions, changes, ...row } = g;
  return {
    ...contextOf(row, categories),
    versions: versions.map((v) => ({ id: v.id, version: v.version, budgetChangeId: v.budgetChangeId, note: v.note, createdAt: new Date(v.createdAt), lines: v.lines.map(toLine) })),
    changes: changes.map((c): BudgetChangeRow => ({
      ...c,
      requestedAt: new Date(c.requestedAt),
      decidedAt: c.decidedAt === null ? null : new Date(c.decidedAt),
      fromVersion: c.fromVersion ?? 0,
      toVersion: c.toVersion ?? null,
    })),
  };
}

/** One budget change with its proposed lines and the version it was measured against. */
export async function budgetChangeDetail(ex: Executor, actor: ScopeActor, grantId: number, changeId: number) {
  const ctx = await grantBudgetContext(ex, actor, grantId);
  if (!ctx) return null;
  const change = (await changesOf(ex, grantId)).find((c) => c.id === changeId);
  if (!change) return null;
  const [row] = await ex.select({ fromVersionId: budgetChanges.fromVersionId }).from(budgetChanges).where(eq(budgetChanges.id, changeId));
  const proposed = (
    await ex
      .select()
      .from(budgetChangeLines)
      .where(eq(budgetChangeLines.budgetChangeId, changeId))
      .orderBy(asc(budgetChangeLines.categoryId), asc(budgetChangeLines.quarter))
  ).map(toLine);
  const from = (await linesOfVersions(ex, [row!.fromVersionId])).get(row!.fromVersionId)!;
  return { ...ctx, change, proposed, from };
}

/** Is the grant visible to the actor? (For invalidForm: 404 before 400.) */
export async function grantVisible(ex: Executor, actor: ScopeActor, grantId: number) {
  const [g] = await ex.select({ id: grants.id }).from(grants).where(and(eq(grants.id, grantId), grantScope(actor)));
  return Boolean(g);
}
