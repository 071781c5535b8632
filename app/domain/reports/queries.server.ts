// Reading progress reports (statusrapporter) and reporting plans. Every read that takes an id
// from the URL is scoped in the WHERE (reportScope / grantScope): a report the actor may not
// see is simply not found.
import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Executor } from "#db/client";
import {
  callCostCategories,
  grantReportDueDates,
  grantReportIndicators,
  grants,
  municipalities,
  pools,
  progressReportComments,
  progressReportIndicatorValues,
  progressReports,
  progressReportSpend,
  progressReportThemes,
  progressReportVersions,
  reportIndicators,
  users,
} from "#db/schema";
import { versionInForce } from "~/domain/grants/budget-queries.server";
import type { ReportDueKind } from "~/domain/grants/grant-constants";
import { grantScope, reportScope, type ScopeActor } from "~/policy/scopes.server";
import { pageWindow } from "~/utils/paging";
import { REPORT_STATUSES, THEMES, type IndicatorUnit, type ReportStatus } from "./report-constants";
import { spendKey, type BudgetCell, type ReportContent } from "./report-rules";

export const WORKLIST_PAGE_SIZE = 25;

/** The quarter ("2024-Q2") a date falls in. */
export function quarterOf(iso: string) {
  const [y, m] = iso.split("-").map(Number);
  return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
}

export async function versionContent(ex: Executor, versionId: number): Promise<ReportContent> {
  const [v] = await ex.select().from(progressReportVersions).where(eq(progressReportVersions.id, versionId));
  const themes = await ex.select().from(progressReportThemes).where(eq(progressReportThemes.versionId, versionId));
  const indicators = await ex.select().from(progressReportIndicatorValues).where(eq(progressReportIndicatorValues.versionId, versionId));
  const spend = await ex.select().from(progressReportSpend).where(eq(progressReportSpend.versionId, versionId));
  return {
    activities: v?.activities ?? "",
    deviations: v?.deviations ?? "",
    nextSteps: v?.nextSteps ?? "",
    themes: Object.fromEntries(THEMES.map((t) => {
      const row = themes.find((r) => r.theme === t);
      return [t, { score: row?.score ?? null, note: row?.note ?? "" }];
    })),
    indicators: Object.fromEntries(indicators.map((r) => [String(r.indicatorId), { value: r.value, comment: r.comment }])),
    spend: Object.fromEntries(spend.map((r) => [spendKey(r.categoryId, r.quarter), { amountOre: BigInt(r.amountOre), explanation: r.explanation ?? "" }])),
  };
}

export type PlanIndicator = { id: number; label: string; unit: IndicatorUnit; description: string };

/** The indicators a grant reports, in the pool's order. */
export async function grantIndicators(ex: Executor, grantId: number): Promise<PlanIndicator[]> {
  return ex
    .select({ id: reportIndicators.id, label: reportIndicators.label, unit: reportIndicators.unit, description: reportIndicators.description })
    .from(grantReportIndicators)
    .innerJoin(reportIndicators, eq(reportIndicators.id, grantReportIndicators.indicatorId))
    .where(eq(grantReportIndicators.grantId, grantId))
    .orderBy(asc(reportIndicators.sortOrder), asc(reportIndicators.id));
}

/**
 * The budget lines a report accounts for: the budget in force, every category, the quarters
 * up to the one the due date falls in (a final report: all of them).
 */
export async function reportBudgetCells(ex: Executor, grantId: number, dueOn: string, kind: string) {
  const budget = await versionInForce(ex, grantId);
  const lastQuarter = quarterOf(dueOn);
  const lines: BudgetCell[] = (budget?.lines ?? []).filter((l) => kind === "final_report" || l.quarter <= lastQuarter);
  const categoryIds = [...new Set(lines.map((l) => l.categoryId))];
  const categories = categoryIds.length
    ? await ex.select().from(callCostCategories).where(inArray(callCostCategories.id, categoryIds)).orderBy(asc(callCostCategories.sortOrder), asc(callCostCategories.id))
    : [];
  const quarters = [...new Set(lines.map((l) => l.quarter))].sort();
  return { budgetVersion: budget?.version ?? null, lines, categories: categories.map((c) => ({ id: c.id, label: c.label })), quarters };
}

/** The report, in the actor's scope, with everything the report page shows. */
export async function reportDetail(ex: Executor, actor: ScopeActor, reportId: number) {
  const [row] = await ex
    .select({
      report: progressReports,
      dueOn: grantReportDueDates.dueOn,
      label: grantReportDueDates.label,
      municipalityName: municipalities.name,
      poolName: pools.name,
      projectStart: grants.projectStart,
      projectEnd: grants.projectEnd,
      paymentHoldReason: grants.paymentHoldReason,
    })
    .from(progressReports)
    .innerJoin(grantReportDueDates, eq(grantReportDueDates.id, progressReports.dueDateId))
    .innerJoin(grants, eq(grants.id, progressReports.grantId))
    .innerJoin(municipalities, eq(municipalities.code, progressReports.municipalityCode))
    .innerJoin(pools, eq(pools.id, progressReports.poolId))
    .where(and(eq(progressReports.id, reportId), reportScope(actor)));
  if (!row) return null;
  const versions = await ex
    .select({
      id: progressReportVersions.id,
      versionNo: progressReportVersions.versionNo,
      submittedAt: progressReportVersions.submittedAt,
      submittedByName: users.name,
      reviewDecision: progressReportVersions.reviewDecision,
      reviewComment: progressReportVersions.reviewComment,
      reviewedAt: progressReportVersions.reviewedAt,
    })
    .from(progressReportVersions)
    .leftJoin(users, eq(users.id, progressReportVersions.submittedBy))
    .where(eq(progressReportVersions.reportId, reportId))
    .orderBy(asc(progressReportVersions.versionNo));
  const current = versions.find((v) => v.versionNo === row.report.currentVersionNo) ?? versions[versions.length - 1];
  const content = await versionContent(ex, current.id);
  // The comments the municipality works from: those on the last version sent back.
  const sentBack = [...versions].reverse().find((v) => v.reviewDecision === "sent_back");
  const comments = sentBack
    ? await ex
        .select({ id: progressReportComments.id, section: progressReportComments.section, body: progressReportComments.body, createdAt: progressReportComments.createdAt })
        .from(progressReportComments)
        .where(eq(progressReportComments.versionId, sentBack.id))
        .orderBy(asc(progressReportComments.id))
    : [];
  const indicators = await grantIndicators(ex, row.report.grantId);
  const budget = await reportBudgetCells(ex, row.report.grantId, row.dueOn, row.report.kind);
  return { ...row, versions, current, content, comments, commentsVersionNo: sentBack?.versionNo ?? null, indicators, budget };
}
export type ReportDetail = NonNullable<Awaited<ReturnType<typeof reportDetail>>>;

/** Two versions of a report side by side (both in scope). */
export async function compareVersions(ex: Executor, actor: ScopeActor, reportId: number, a: number, b: number) {
  const detail = await reportDetail(ex, actor, reportId);
  if (!detail) return null;
  const va = detail.versions.find((v) => v.versionNo === a);
  const vb = detail.versions.find((v) => v.versionNo === b);
  if (!va || !vb) return { detail, left: null, right: null };
  return { detail, left: { ...va, content: await versionContent(ex, va.id) }, right: { ...vb, content: await versionContent(ex, vb.id) } };
}

export type WorklistFilters = { status: ReportStatus | ""; poolId: number | null; municipality: string; q: string; page: number };

/** The worklist: reports in the actor's scope, filtered, newest due date last-first, paged. */
export async function listReports(ex: Executor, actor: ScopeActor, f: WorklistFilters) {
  const where: SQL[] = [reportScope(actor)];
  if (f.status && (REPORT_STATUSES as readonly string[]).includes(f.status)) where.push(eq(progressReports.status, f.status));
  if (f.poolId) where.push(eq(progressReports.poolId, f.poolId));
  if (f.municipality) where.push(eq(progressReports.municipalityCode, f.municipality));
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(municipalities.name, like), ilike(grantReportDueDates.label, like))!);
  }
  const base = () =>
    ex
      .select({
        id: progressReports.id,
        grantId: progressReports.grantId,
        status: progressReports.status,
        kind: progressReports.kind,
        currentVersionNo: progressReports.currentVersionNo,
        submittedAt: progressReports.submittedAt,
        dueOn: grantReportDueDates.dueOn,
        label: grantReportDueDates.label,
        municipalityName: municipalities.name,
        poolName: pools.name,
      })
      .from(progressReports)
      .innerJoin(grantReportDueDates, eq(grantReportDueDates.id, progressReports.dueDateId))
      .innerJoin(municipalities, eq(municipalities.code, progressReports.municipalityCode))
      .innerJoin(pools, eq(pools.id, progressReports.poolId))
      .where(and(...where));
  const [{ n }] = await ex
    .select({ n: count() })
    .from(progressReports)
    .innerJoin(grantReportDueDates, eq(grantReportDueDates.id, progressReports.dueDateId))
    .innerJoin(municipalities, eq(municipalities.code, progressReports.municipalityCode))
    .where(and(...where));
  const window = pageWindow(n, f.page, WORKLIST_PAGE_SIZE);
  // Waiting for review first, then by due date.
  const rows = await base()
    .orderBy(
      sql`CASE ${progressReports.status} WHEN 'submitted' THEN 0 ELSE 1 END`,
      desc(grantReportDueDates.dueOn),
      asc(municipalities.sortKey), // Danish order on both databases (decision 028)
      asc(progressReports.id),
    )
    .limit(window.limit)
    .offset(window.offset);
  return { rows, total: n, window };
}

/** What the filters offer: pools and municipalities with reports in scope. */
export async function worklistOptions(ex: Executor, actor: ScopeActor) {
  const poolRows = await ex
    .selectDistinct({ id: pools.id, name: pools.name })
    .from(progressReports)
    .innerJoin(pools, eq(pools.id, progressReports.poolId))
    .where(reportScope(actor))
    .orderBy(asc(pools.name));
  const municipalityRows = await ex
    .selectDistinct({ code: municipalities.code, name: municipalities.name, sortKey: municipalities.sortKey })
    .from(progressReports)
    .innerJoin(municipalities, eq(municipalities.code, progressReports.municipalityCode))
    .where(reportScope(actor))
    .orderBy(asc(municipalities.sortKey));
  return { pools: poolRows, municipalities: municipalityRows };
}

/** A grant's reporting plan (due dates with their reports) and indicators, in the actor's grant scope. */
export async function grantReporting(ex: Executor, actor: ScopeActor, grantId: number) {
  const [grant] = await ex
    .select({
      id: grants.id,
      poolId: grants.poolId,
      poolName: pools.name,
      municipalityCode: grants.municipalityCode,
      municipalityName: municipalities.name,
      projectStart: grants.projectStart,
      projectEnd: grants.projectEnd,
      status: grants.status,
      paymentHoldReason: grants.paymentHoldReason,
      paymentHoldSource: grants.paymentHoldSource,
    })
    .from(grants)
    .innerJoin(pools, eq(pools.id, grants.poolId))
    .innerJoin(municipalities, eq(municipalities.code, grants.municipalityCode))
    .where(and(eq(grants.id, grantId), grantScope(actor)));
  if (!grant) return null;
  const [{ dueDates, indicators: chosen }, poolIndicators] = await Promise.all([grantReportingRows(ex, grant.id), indicatorsOfPool(ex, grant.poolId)]);
  return { grant, dueDates, indicators: chosen, poolIndicators };
}

/**
 * A grant's report due dates (with their reports) and chosen indicators, for a caller that has
 * already read the grant in the actor's scope (the grant page, issue 19: its own scope check
 * and the pool's indicator list would be two more statements the page does not show).
 */
export async function grantReportingRows(ex: Executor, grantId: number) {
  // One statement for the plan and the indicators (issue 19, decision 041): both come along as
  // JSON, the timestamps as text turned back into dates here.
  type DueJson = {
    id: number;
    kind: ReportDueKind;
    dueOn: string;
    label: string;
    reportId: number | null;
    status: ReportStatus | null;
    firstSubmittedAt: string | null;
    submittedAt: string | null;
    approvedAt: string | null;
    currentVersionNo: number | null;
  };
  const [row] = await ex
    .select({
      dueDates: sql<DueJson[]>`coalesce((select json_agg(json_build_object('id', d.id, 'kind', d.kind, 'dueOn', d.due_on, 'label', d.label,
        'reportId', r.id, 'status', r.status, 'firstSubmittedAt', r.first_submitted_at, 'submittedAt', r.submitted_at, 'approvedAt', r.approved_at,
        'currentVersionNo', r.current_version_no) order by d.due_on, d.id)
        from ${grantReportDueDates} d left join ${progressReports} r on r.due_date_id = d.id where d.grant_id = ${grantId}), '[]'::json)`,
      indicators: sql<PlanIndicator[]>`coalesce((select json_agg(json_build_object('id', i.id, 'label', i.label, 'unit', i.unit, 'description', i.description)
        order by i.sort_order, i.id)
        from ${grantReportIndicators} gi join ${reportIndicators} i on i.id = gi.indicator_id where gi.grant_id = ${grantId}), '[]'::json)`,
    })
    .from(sql`(select 1) as one`);
  const date = (v: string | null) => (v === null ? null : new Date(v));
  return {
    dueDates: (row?.dueDates ?? []).map((d) => ({ ...d, firstSubmittedAt: date(d.firstSubmittedAt), submittedAt: date(d.submittedAt), approvedAt: date(d.approvedAt) })),
    indicators: row?.indicators ?? [],
  };
}

export async function indicatorsOfPool(ex: Executor, poolId: number) {
  return ex
    .select()
    .from(reportIndicators)
    .where(eq(reportIndicators.poolId, poolId))
    .orderBy(asc(reportIndicators.sortOrder), asc(reportIndicators.id));
}

export async function poolForIndicators(ex: Executor, poolId: number) {
  const [pool] = await ex.select({ id: pools.id, name: pools.name }).from(pools).where(eq(pools.id, poolId));
  return pool ?? null;
}

/** The due dates and report statuses of a grant (for the overdue rules). Not scoped: callers found the grant in scope. */
export async function dueDatesWithStatus(ex: Executor, grantId: number) {
  return ex
    .select({ id: grantReportDueDates.id, dueOn: grantReportDueDates.dueOn, status: progressReports.status })
    .from(grantReportDueDates)
    .leftJoin(progressReports, eq(progressReports.dueDateId, grantReportDueDates.id))
    .where(eq(grantReportDueDates.grantId, grantId));
}

/** The due dates of the grants in scope whose report is not yet approved (the municipality's start page), soonest first. */
export async function openDueDates(ex: Executor, actor: ScopeActor, limit = 6) {
  return ex
    .select({
      grantId: grants.id,
      dueDateId: grantReportDueDates.id,
      kind: grantReportDueDates.kind,
      dueOn: grantReportDueDates.dueOn,
      label: grantReportDueDates.label,
      reportId: progressReports.id,
      status: progressReports.status,
    })
    .from(grantReportDueDates)
    .innerJoin(grants, eq(grants.id, grantReportDueDates.grantId))
    .leftJoin(progressReports, eq(progressReports.dueDateId, grantReportDueDates.id))
    .where(and(grantScope(actor), sql`${progressReports.status} IS DISTINCT FROM 'approved'`))
    .orderBy(asc(grantReportDueDates.dueOn), asc(grantReportDueDates.id))
    .limit(limit);
}
