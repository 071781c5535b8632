// The status pack's figures for one pool as of a date (the end of that Copenhagen day).
// Money is summed in SQL from the append-only ledger, entries booked on or before the date,
// in integer øre; reports, milestones and indicators by their own dates and timestamps.
// Ministry only: the route asks the policy (`status-pack:create`); pools have no narrower scope.
import { and, asc, eq, inArray, isNotNull, lt, sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import {
  advisoryProgrammes,
  focusAreas,
  grantLedgerEntries,
  grantReportDueDates,
  grants,
  milestones,
  municipalities,
  pools,
  programmeFocusAreas,
  progressReportIndicatorValues,
  progressReports,
  progressReportSpend,
  progressReportThemes,
  progressReportVersions,
  reportIndicators,
} from "#db/schema";
import type { Theme } from "~/domain/programmes/programme-constants";
import { THEMES } from "~/domain/programmes/programme-constants";
import { ledgerColumns } from "~/domain/pools/overview.server";
import { isOverdue, isReceived } from "~/domain/reports/report-rules";
import { endOfDay, newestFirst, reportedVersionAt, reportStatusAt, spendVersion, type ReportedVersion, type VersionAt } from "./as-of";
import { programmeStatusAsOf, type PackGrantRow, type PackPool, type StatusPackFigures } from "./figures";

const e = grantLedgerEntries;

type LedgerRow = { [K in keyof typeof ledgerColumns]: string };

function sums(r: LedgerRow) {
  const committedOre = BigInt(r.committed);
  const netPaidOre = BigInt(r.netPaid);
  return {
    grantedOre: BigInt(r.granted),
    lapsedOre: -BigInt(r.lapsed),
    cancelledOre: -BigInt(r.cancelled),
    paidOre: BigInt(r.paid),
    repaidOre: -BigInt(r.repaid),
    committedOre,
    netPaidOre,
    outstandingOre: committedOre - netPaidOre,
  };
}

/** The pools a status pack can be made for (the form's choices). */
export async function listPackPools(db: Executor) {
  return db.select({ id: pools.id, name: pools.name, startsOn: pools.startsOn }).from(pools).orderBy(asc(pools.startsOn), asc(pools.id));
}

/** Every figure of the pack, or null when there is no such pool. */
export async function loadStatusPackFigures(db: Executor, poolId: number, asOf: string): Promise<StatusPackFigures | null> {
  const end = endOfDay(asOf);
  const booked = sql`${e.bookedOn} <= ${asOf}`;
  const [poolRow] = await db
    .select({
      id: pools.id,
      name: pools.name,
      financeLine: pools.financeLine,
      startsOn: pools.startsOn,
      endsOn: pools.endsOn,
      initiativeEndsOn: pools.initiativeEndsOn,
      totalOre: pools.totalOre,
      ...ledgerColumns,
    })
    .from(pools)
    .leftJoin(e, and(eq(e.poolId, pools.id), booked))
    .where(eq(pools.id, poolId))
    .groupBy(pools.id);
  if (!poolRow) return null;
  const poolSums = sums(poolRow);
  const totalOre = BigInt(poolRow.totalOre);
  const pool: PackPool = {
    id: poolRow.id,
    name: poolRow.name,
    financeLine: poolRow.financeLine,
    startsOn: poolRow.startsOn,
    endsOn: poolRow.endsOn,
    initiativeEndsOn: poolRow.initiativeEndsOn,
    totalOre,
    ...poolSums,
    uncommittedOre: totalOre - poolSums.committedOre,
  };

  const grantRows = await db
    .select({
      grantId: grants.id,
      municipalityCode: grants.municipalityCode,
      municipalityName: municipalities.name,
      status: grants.status,
      ...ledgerColumns,
    })
    .from(grants)
    .innerJoin(municipalities, eq(municipalities.code, grants.municipalityCode))
    .leftJoin(e, and(eq(e.grantId, grants.id), eq(e.poolId, grants.poolId), booked))
    .where(eq(grants.poolId, poolId))
    .groupBy(grants.id, municipalities.name, municipalities.sortKey)
    .orderBy(asc(municipalities.sortKey), asc(grants.id));
  const grantIds = grantRows.map((g) => g.grantId);

  const [programmes, reports] = await Promise.all([loadProgrammes(db, poolId, asOf), loadReports(db, grantIds, asOf, end)]);
  const spend = await loadSpend(db, reports.reported);

  const rows: PackGrantRow[] = grantRows.map((g) => {
    const s = sums(g);
    const counts = reports.counts.get(g.grantId) ?? { due: 0, received: 0, approved: 0, overdue: 0 };
    return {
      grantId: g.grantId,
      municipalityCode: g.municipalityCode,
      municipalityName: g.municipalityName,
      grantStatus: g.status,
      grantedOre: s.grantedOre,
      committedOre: s.committedOre,
      paidOre: s.paidOre,
      repaidOre: s.repaidOre,
      netPaidOre: s.netPaidOre,
      outstandingOre: s.outstandingOre,
      spendReportedOre: spend.get(g.grantId) ?? 0n,
      programme: programmes.get(g.grantId) ?? null,
      reportsDue: counts.due,
      reportsReceived: counts.received,
      reportsApproved: counts.approved,
      reportsOverdue: counts.overdue,
    };
  });
  return { asOf, pool, grants: rows, ...(await loadIndicators(db, poolId, reports.reported, rows)) };
}

async function loadProgrammes(db: Executor, poolId: number, asOf: string) {
  const m = milestones;
  // Written out: with one table in FROM drizzle leaves its columns unqualified, and inside the
  // subquery "id" would be the milestone's own id.
  const programmeId = sql.raw(`"advisory_programmes"."id"`);
  const list = await db
    .select({
      id: advisoryProgrammes.id,
      grantId: advisoryProgrammes.grantId,
      status: advisoryProgrammes.status,
      startsOn: advisoryProgrammes.startsOn,
      plannedEndOn: advisoryProgrammes.plannedEndOn,
      intensity: advisoryProgrammes.intensity,
      milestones: sql<number>`(SELECT count(*) FROM ${m} WHERE ${m.programmeId} = ${programmeId})`.mapWith(Number),
      done: sql<number>`(SELECT count(*) FROM ${m} WHERE ${m.programmeId} = ${programmeId}
        AND ${m.status} = 'gennemfoert' AND ${m.actualOn} <= ${asOf})`.mapWith(Number),
      overdue: sql<number>`(SELECT count(*) FROM ${m} WHERE ${m.programmeId} = ${programmeId}
        AND ${m.status} <> 'aflyst' AND ${m.plannedOn} < ${asOf}
        AND NOT (${m.status} = 'gennemfoert' AND ${m.actualOn} <= ${asOf}))`.mapWith(Number),
    })
    .from(advisoryProgrammes)
    .where(eq(advisoryProgrammes.poolId, poolId));
  const areas =
    list.length === 0
      ? []
      : await db
          .select({ programmeId: programmeFocusAreas.programmeId, name: focusAreas.name })
          .from(programmeFocusAreas)
          .innerJoin(focusAreas, eq(focusAreas.id, programmeFocusAreas.focusAreaId))
          .where(inArray(programmeFocusAreas.programmeId, list.map((p) => p.id)))
          .orderBy(asc(focusAreas.name));
  return new Map(
    list.map((p) => [
      p.grantId,
      {
        status: programmeStatusAsOf(p, asOf),
        startsOn: p.startsOn,
        plannedEndOn: p.plannedEndOn,
        intensity: p.intensity,
        focusAreas: areas.filter((a) => a.programmeId === p.id).map((a) => a.name),
        milestones: p.milestones,
        milestonesDone: p.done,
        milestonesOverdue: p.overdue,
      },
    ]),
  );
}

async function loadReports(db: Executor, grantIds: number[], asOf: string, end: Date) {
  const counts = new Map<number, { due: number; received: number; approved: number; overdue: number }>();
  const reported = new Map<number, ReportedVersion[]>();
  if (grantIds.length === 0) return { counts, reported };
  const dueDates = await db
    .select({ grantId: grantReportDueDates.grantId, dueOn: grantReportDueDates.dueOn, reportId: progressReports.id, approvedAt: progressReports.approvedAt })
    .from(grantReportDueDates)
    .leftJoin(progressReports, eq(progressReports.dueDateId, grantReportDueDates.id))
    .where(inArray(grantReportDueDates.grantId, grantIds));
  const reportIds = dueDates.flatMap((d) => (d.reportId === null ? [] : [d.reportId]));
  const versions =
    reportIds.length === 0
      ? []
      : await db
          .select({
            id: progressReportVersions.id,
            reportId: progressReportVersions.reportId,
            versionNo: progressReportVersions.versionNo,
            submittedAt: progressReportVersions.submittedAt,
            reviewDecision: progressReportVersions.reviewDecision,
            reviewedAt: progressReportVersions.reviewedAt,
          })
          .from(progressReportVersions)
          .where(and(inArray(progressReportVersions.reportId, reportIds), isNotNull(progressReportVersions.submittedAt), lt(progressReportVersions.submittedAt, end)));
  const versionsOf = new Map<number, VersionAt[]>();
  for (const v of versions) versionsOf.set(v.reportId, [...(versionsOf.get(v.reportId) ?? []), v]);

  for (const d of dueDates) {
    const r = { due: 0, received: 0, approved: 0, overdue: 0, ...counts.get(d.grantId) };
    const own = d.reportId === null ? [] : (versionsOf.get(d.reportId) ?? []);
    const status = reportStatusAt(d.reportId === null ? null : { approvedAt: d.approvedAt, versions: own }, end);
    if (d.dueOn <= asOf) r.due++;
    if (isReceived(status)) r.received++;
    if (status === "approved") r.approved++;
    if (isOverdue(d.dueOn, status, asOf)) r.overdue++;
    counts.set(d.grantId, r);
    const v = reportedVersionAt(own, end);
    if (v) reported.set(d.grantId, [...(reported.get(d.grantId) ?? []), { versionId: v.id, versionNo: v.versionNo, dueOn: d.dueOn, approved: v.approved }]);
  }
  return { counts, reported };
}

/** Spend per grant: the spend rows of the version the dashboard counts (spendVersion), summed. */
async function loadSpend(db: Executor, reported: Map<number, ReportedVersion[]>) {
  const picked = new Map([...reported].flatMap(([grantId, list]) => {
    const v = spendVersion(list);
    return v ? [[grantId, v.versionId] as const] : [];
  }));
  const out = new Map<number, bigint>();
  if (picked.size === 0) return out;
  const rows = await db
    .select({ versionId: progressReportSpend.versionId, total: sql<string>`sum(${progressReportSpend.amountOre})::text` })
    .from(progressReportSpend)
    .where(inArray(progressReportSpend.versionId, [...picked.values()]))
    .groupBy(progressReportSpend.versionId);
  const byVersion = new Map(rows.map((r) => [r.versionId, BigInt(r.total)]));
  for (const [grantId, versionId] of picked) out.set(grantId, byVersion.get(versionId) ?? 0n);
  return out;
}

/** Indicators and theme scores: per grant, the value in its newest reported version that has one. */
async function loadIndicators(db: Executor, poolId: number, reported: Map<number, ReportedVersion[]>, rows: PackGrantRow[]) {
  const versionIds = [...reported.values()].flat().map((v) => v.versionId);
  const [indicators, values, themes] = await Promise.all([
    db
      .select({ id: reportIndicators.id, label: reportIndicators.label, unit: reportIndicators.unit })
      .from(reportIndicators)
      .where(eq(reportIndicators.poolId, poolId))
      .orderBy(asc(reportIndicators.sortOrder), asc(reportIndicators.id)),
    versionIds.length === 0
      ? []
      : db
          .select({ versionId: progressReportIndicatorValues.versionId, indicatorId: progressReportIndicatorValues.indicatorId, value: sql<string>`${progressReportIndicatorValues.value}::text` })
          .from(progressReportIndicatorValues)
          .where(and(inArray(progressReportIndicatorValues.versionId, versionIds), isNotNull(progressReportIndicatorValues.value))),
    versionIds.length === 0
      ? []
      : db
          .select({ versionId: progressReportThemes.versionId, theme: progressReportThemes.theme, score: progressReportThemes.score })
          .from(progressReportThemes)
          .where(and(inArray(progressReportThemes.versionId, versionIds), isNotNull(progressReportThemes.score))),
  ]);
  const valueOf = new Map(values.map((v) => [`${v.versionId}:${v.indicatorId}`, v.value]));
  const scoreOf = new Map(themes.map((t) => [`${t.versionId}:${t.theme}`, t.score!]));
  const newest = (grantId: number, key: string, from: Map<string, string | number>) => {
    for (const v of newestFirst(reported.get(grantId) ?? [])) {
      const found = from.get(`${v.versionId}:${key}`);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  const byName = [...rows].sort((a, b) => a.municipalityName.localeCompare(b.municipalityName, "da"));
  return {
    indicators: indicators.map((i) => ({
      label: i.label,
      unit: i.unit,
      values: byName.flatMap((g) => {
        const value = newest(g.grantId, String(i.id), valueOf);
        return value === undefined ? [] : [{ municipalityName: g.municipalityName, value: String(value) }];
      }),
    })),
    themes: THEMES.map((theme: Theme) => ({
      theme,
      scores: byName.flatMap((g) => {
        const score = newest(g.grantId, theme, scoreOf);
        return score === undefined ? [] : [Number(score)];
      }),
    })),
  };
}
