// The status pack's figures for one pool as of a date (the end of that Copenhagen day).
// Money is summed in SQL from the append-only ledger, entries booked on or before the date,
// in integer øre; reports, milestones and indicators by their own dates and timestamps.
// Ministry only: the route asks the policy (`status-pack:create`); pools have no narrower scope.
import { and, asc, eq, inArray, isNotNull, lt, sql, type SQL } from "drizzle-orm";
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
import { isOverdue, isReceived } from "~/domain/reports/report-rules";
import { endOfDay, reportStatusAt, type VersionFacts } from "./as-of";
import { programmeStatusAsOf, type PackGrantRow, type PackPool, type StatusPackFigures } from "./figures";

const e = grantLedgerEntries;
const sumWhere = (column: typeof e.committedDeltaOre | typeof e.paidDeltaOre, where?: SQL) =>
  where ? sql<string>`coalesce(sum(${column}) filter (where ${where}), 0)::text` : sql<string>`coalesce(sum(${column}), 0)::text`;

const ledgerColumns = {
  granted: sumWhere(e.committedDeltaOre, sql`${e.kind} = 'committed'`),
  lapsed: sumWhere(e.committedDeltaOre, sql`${e.kind} = 'lapsed'`),
  cancelled: sumWhere(e.committedDeltaOre, sql`${e.kind} = 'cancelled'`),
  paid: sumWhere(e.paidDeltaOre, sql`${e.kind} <> 'repaid'`),
  repaid: sumWhere(e.paidDeltaOre, sql`${e.kind} = 'repaid'`),
  committed: sumWhere(e.committedDeltaOre),
  netPaid: sumWhere(e.paidDeltaOre),
};
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
    .groupBy(grants.id, municipalities.name)
    .orderBy(asc(municipalities.name), asc(grants.id));
  const grantIds = grantRows.map((g) => g.grantId);

  const [programmes, reportFacts, indicatorFacts] = await Promise.all([
    loadProgrammes(db, poolId, asOf),
    loadReports(db, grantIds, asOf, end),
    loadIndicators(db, poolId, end),
  ]);

  const rows: PackGrantRow[] = grantRows.map((g) => {
    const s = sums(g);
    const reports = reportFacts.get(g.grantId) ?? { due: 0, received: 0, approved: 0, overdue: 0, spendOre: 0n };
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
      spendReportedOre: reports.spendOre,
      programme: programmes.get(g.grantId) ?? null,
      reportsDue: reports.due,
      reportsReceived: reports.received,
      reportsApproved: reports.approved,
      reportsOverdue: reports.overdue,
    };
  });
  return { asOf, pool, grants: rows, ...indicatorFacts(rows) };
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
  const out = new Map<number, { due: number; received: number; approved: number; overdue: number; spendOre: bigint }>();
  if (grantIds.length === 0) return out;
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
            submittedAt: progressReportVersions.submittedAt,
            reviewDecision: progressReportVersions.reviewDecision,
            reviewedAt: progressReportVersions.reviewedAt,
          })
          .from(progressReportVersions)
          .where(and(inArray(progressReportVersions.reportId, reportIds), isNotNull(progressReportVersions.submittedAt), lt(progressReportVersions.submittedAt, end)));
  const versionsOf = new Map<number, (VersionFacts & { id: number })[]>();
  for (const v of versions) versionsOf.set(v.reportId, [...(versionsOf.get(v.reportId) ?? []), v]);

  // The newest version submitted by the date, per grant: its spend is the spend reported.
  const newestVersion = new Map<number, { id: number; at: number }>();
  for (const d of dueDates) {
    const r = { due: 0, received: 0, approved: 0, overdue: 0, spendOre: 0n, ...out.get(d.grantId) };
    const status = reportStatusAt(d.reportId === null ? null : { approvedAt: d.approvedAt, versions: versionsOf.get(d.reportId) ?? [] }, end);
    if (d.dueOn <= asOf) r.due++;
    if (isReceived(status)) r.received++;
    if (status === "approved") r.approved++;
    if (isOverdue(d.dueOn, status, asOf)) r.overdue++;
    out.set(d.grantId, r);
    for (const v of d.reportId === null ? [] : (versionsOf.get(d.reportId) ?? [])) {
      const at = v.submittedAt!.getTime();
      const best = newestVersion.get(d.grantId);
      if (!best || at > best.at || (at === best.at && v.id > best.id)) newestVersion.set(d.grantId, { id: v.id, at });
    }
  }
  const versionIds = [...newestVersion.values()].map((v) => v.id);
  if (versionIds.length > 0) {
    const spend = await db
      .select({ versionId: progressReportSpend.versionId, total: sql<string>`sum(${progressReportSpend.amountOre})::text` })
      .from(progressReportSpend)
      .where(inArray(progressReportSpend.versionId, versionIds))
      .groupBy(progressReportSpend.versionId);
    for (const [grantId, v] of newestVersion) {
      const row = spend.find((s) => s.versionId === v.id);
      if (row) out.get(grantId)!.spendOre = BigInt(row.total);
    }
  }
  return out;
}

/** Indicators and theme scores: the newest value per grant from versions submitted by the date. */
async function loadIndicators(db: Executor, poolId: number, end: Date) {
  const submittedBy = and(eq(progressReports.poolId, poolId), isNotNull(progressReportVersions.submittedAt), lt(progressReportVersions.submittedAt, end));
  const [indicators, values, themes] = await Promise.all([
    db
      .select({ id: reportIndicators.id, label: reportIndicators.label, unit: reportIndicators.unit })
      .from(reportIndicators)
      .where(eq(reportIndicators.poolId, poolId))
      .orderBy(asc(reportIndicators.sortOrder), asc(reportIndicators.id)),
    db
      .select({
        grantId: progressReports.grantId,
        indicatorId: progressReportIndicatorValues.indicatorId,
        value: progressReportIndicatorValues.value,
        submittedAt: progressReportVersions.submittedAt,
        versionId: progressReportVersions.id,
      })
      .from(progressReportIndicatorValues)
      .innerJoin(progressReportVersions, eq(progressReportVersions.id, progressReportIndicatorValues.versionId))
      .innerJoin(progressReports, eq(progressReports.id, progressReportVersions.reportId))
      .where(and(submittedBy, isNotNull(progressReportIndicatorValues.value))),
    db
      .select({
        grantId: progressReports.grantId,
        theme: progressReportThemes.theme,
        score: progressReportThemes.score,
        submittedAt: progressReportVersions.submittedAt,
        versionId: progressReportVersions.id,
      })
      .from(progressReportThemes)
      .innerJoin(progressReportVersions, eq(progressReportVersions.id, progressReportThemes.versionId))
      .innerJoin(progressReports, eq(progressReports.id, progressReportVersions.reportId))
      .where(and(submittedBy, isNotNull(progressReportThemes.score))),
  ]);
  const newest = <T extends { grantId: number; submittedAt: Date | null; versionId: number }>(rows: T[], key: (r: T) => string) => {
    const best = new Map<string, T>();
    for (const r of rows) {
      const k = key(r);
      const b = best.get(k);
      const at = r.submittedAt!.getTime();
      if (!b || at > b.submittedAt!.getTime() || (at === b.submittedAt!.getTime() && r.versionId > b.versionId)) best.set(k, r);
    }
    return [...best.values()];
  };
  const latestValues = newest(values, (r) => `${r.grantId}:${r.indicatorId}`);
  const latestScores = newest(themes, (r) => `${r.grantId}:${r.theme}`);
  return (rows: PackGrantRow[]) => {
    const nameOf = new Map(rows.map((g) => [g.grantId, g.municipalityName]));
    return {
      indicators: indicators.map((i) => ({
        label: i.label,
        unit: i.unit,
        values: latestValues
          .filter((v) => v.indicatorId === i.id && nameOf.has(v.grantId))
          .map((v) => ({ municipalityName: nameOf.get(v.grantId)!, value: String(v.value) }))
          .sort((a, b) => a.municipalityName.localeCompare(b.municipalityName, "da")),
      })),
      themes: THEMES.map((theme: Theme) => ({
        theme,
        scores: latestScores.filter((s) => s.theme === theme && nameOf.has(s.grantId)).map((s) => s.score!),
      })),
    };
  };
}
