// The ministry dashboard's figures (and the status pack's: it reuses this module), as of one
// instant. Money comes from the ledger through the pool overview (one GROUP BY for the pool,
// one for its grants): never summed again here, only added up per municipality in bigint, so
// the municipalities' rows always add up to the pool's. The rest is one statement whatever
// the number of municipalities, each list a JSON column: programmes with their milestones, the
// reporting plan with its reports' statuses, the spend reported, the theme scores and the
// indicator values (decision 041). Counts use
// the shared rules (report-rules, programme-rules) through ./figures.ts.
import { sql } from "drizzle-orm";
import { rowsOf, type Executor } from "#db/client";
import { listPoolGrants, listPoolSummaries, type PoolSummary } from "~/domain/pools/overview.server";
import type { MilestoneStatus, ProgrammeStatus } from "~/domain/programmes/programme-constants";
import { THEMES, type Theme } from "~/domain/reports/report-constants";
import type { IndicatorUnit, ReportStatus } from "~/domain/reports/report-constants";
import { copenhagenDateString } from "~/utils/dates";
import {
  addReportCounts,
  countdown,
  countMilestones,
  countReports,
  milestoneProgress,
  NO_MILESTONES,
  NO_REPORTS,
  seriesByKey,
  type Countdown,
  type DueDateRow,
  type MilestoneCounts,
  type ReportCounts,
  type SeriesPoint,
} from "./figures";

export type DashboardProgramme = { id: number; status: ProgrammeStatus; startsOn: string; plannedEndOn: string };

export type MunicipalityFigures = {
  municipalityCode: string;
  municipalityName: string;
  grantIds: number[];
  /** Given in decisions (committed entries), from the ledger. */
  grantedOre: bigint;
  /** Committed now (after lapses, cancellations, repayments), from the ledger. */
  committedOre: bigint;
  /** Paid out (paid entries and their corrections), from the ledger. */
  paidOre: bigint;
  repaidOre: bigint;
  /** Paid net of repayments. */
  netPaidOre: bigint;
  /** Spend in the latest approved (else latest submitted, not sent back) report version, per grant, added up. */
  spendReportedOre: bigint;
  /** Whether any report version with spend has been submitted. */
  hasSpendReport: boolean;
  programmes: DashboardProgramme[];
  milestones: MilestoneCounts;
  /** Milestones gennemført of those not aflyst, whole per cent; null without milestones. */
  progressPercent: number | null;
  reports: ReportCounts;
};

export type ThemeSeries = { theme: Theme; points: SeriesPoint[]; values: { dueOn: string; municipalityCode: string; value: number }[] };
export type IndicatorSeries = {
  indicatorId: number;
  label: string;
  unit: IndicatorUnit;
  points: SeriesPoint[];
  values: { dueOn: string; municipalityCode: string; value: number }[];
};

export type DashboardFigures = {
  /** The instant the figures are as of (appNow), and its Copenhagen date. */
  asOf: Date;
  today: string;
  pool: PoolSummary & { initiativeEndsOn: string };
  countdown: Countdown;
  municipalities: MunicipalityFigures[];
  /** Added up over the municipalities (the money equals the pool's own sums). */
  totals: { spendReportedOre: bigint; milestones: MilestoneCounts; reports: ReportCounts };
  themes: ThemeSeries[];
  indicators: IndicatorSeries[];
};

export type DashboardPoolChoice = { id: number; name: string; grantCount: number };

/** Every pool for the chooser, and the one to show: the asked one, else the first with grants, else the first. */
export async function choosePool(db: Executor, asked: number | null): Promise<{ pools: DashboardPoolChoice[]; poolId: number | null; summary: PoolSummary | null }> {
  const all = await listPoolSummaries(db);
  const pools = all.map((p) => ({ id: p.id, name: p.name, grantCount: p.grantCount }));
  const poolId = asked !== null ? (pools.some((p) => p.id === asked) ? asked : null) : ((pools.find((p) => p.grantCount > 0) ?? pools[0])?.id ?? null);
  // The chosen pool's summary is already among them: getDashboardFigures takes it instead of
  // reading it again (issue 19).
  return { pools, poolId, summary: all.find((p) => p.id === poolId) ?? null };
}

/**
 * A version that counts as reported: submitted and not sent back (a version sent back was
 * replaced by the municipality's next one). Of those, a report's approved version wins, else
 * its latest; for spend per grant, the latest report by due date with one.
 */
const REPORTED = sql.raw(`v.submitted_at IS NOT NULL AND v.review_decision IS DISTINCT FROM 'sent_back'`);

/** The pool's dashboard as of `asOf`, or null when there is no such pool. */
export async function getDashboardFigures(db: Executor, poolId: number, asOf: Date, known?: PoolSummary): Promise<DashboardFigures | null> {
  const today = copenhagenDateString(asOf);
  // The reads below are sent together: the page waits for one round trip's worth (issue 19).
  // A pool that does not exist costs the reads.
  const reported = sql`
    WITH reported AS (
      SELECT DISTINCT ON (r.id) r.id, r.municipality_code, d.due_on, v.id AS version_id
      FROM progress_reports r
      JOIN grant_report_due_dates d ON d.id = r.due_date_id
      JOIN progress_report_versions v ON v.report_id = r.id
      WHERE r.pool_id = ${poolId} AND ${REPORTED}
      ORDER BY r.id, coalesce(v.review_decision = 'approved', false) DESC, v.version_no DESC
    )`;
  // The pool's end, its programmes with their milestones (a programme without milestones
  // still has its row), the reporting plan (every due date of the pool's grants with its
  // report's status; none: no row yet), the spend reported per grant (the latest approved
  // version, else the latest submitted one, latest by due date then version number; its spend
  // rows summed) and each report's reported version's theme scores and indicator values (one
  // row per municipality, due date and key): one statement, each list a JSON column
  // (issue 19, decision 041: each statement costs the page Node CPU in the driver).
  const [[summary], grantRows, figuresResult] = await Promise.all([
    known ? [known] : listPoolSummaries(db, poolId),
    listPoolGrants(db, poolId),
    db.execute(sql`${reported},
    picked AS (
      SELECT DISTINCT ON (r.grant_id) r.grant_id, v.id AS version_id
      FROM progress_reports r
      JOIN grant_report_due_dates d ON d.id = r.due_date_id
      JOIN progress_report_versions v ON v.report_id = r.id
      WHERE r.pool_id = ${poolId} AND ${REPORTED}
      ORDER BY r.grant_id, coalesce(v.review_decision = 'approved', false) DESC, d.due_on DESC, v.version_no DESC
    )
    SELECT
      (SELECT coalesce(initiative_ends_on, ends_on)::text FROM pools WHERE id = ${poolId}) AS ends,
      (SELECT json_agg(json_build_object('id', ap.id, 'municipalityCode', ap.municipality_code, 'status', ap.status, 'startsOn', ap.starts_on,
         'plannedEndOn', ap.planned_end_on, 'milestoneId', m.id, 'plannedOn', m.planned_on, 'milestoneStatus', m.status) ORDER BY ap.id, m.planned_on)
       FROM advisory_programmes ap LEFT JOIN milestones m ON m.programme_id = ap.id WHERE ap.pool_id = ${poolId}) AS programmes,
      (SELECT json_agg(json_build_object('municipalityCode', g.municipality_code, 'dueOn', d.due_on, 'status', r.status))
       FROM grant_report_due_dates d JOIN grants g ON g.id = d.grant_id LEFT JOIN progress_reports r ON r.due_date_id = d.id
       WHERE g.pool_id = ${poolId}) AS dues,
      (SELECT json_agg(json_build_object('grantId', p.grant_id,
         'spend', (SELECT sum(s.amount_ore) FROM progress_report_spend s WHERE s.version_id = p.version_id)::text)) FROM picked p) AS spend,
      (SELECT json_agg(json_build_object('dueOn', rp.due_on, 'municipalityCode', rp.municipality_code, 'theme', t.theme, 'score', t.score)
         ORDER BY rp.due_on, rp.municipality_code)
       FROM reported rp JOIN progress_report_themes t ON t.version_id = rp.version_id WHERE t.score IS NOT NULL) AS themes,
      (SELECT json_agg(json_build_object('dueOn', rp.due_on, 'municipalityCode', rp.municipality_code, 'indicatorId', i.id, 'label', i.label,
         'unit', i.unit, 'value', iv.value::text) ORDER BY i.sort_order, i.id, rp.due_on, rp.municipality_code)
       FROM reported rp JOIN progress_report_indicator_values iv ON iv.version_id = rp.version_id JOIN report_indicators i ON i.id = iv.indicator_id
       WHERE iv.value IS NOT NULL) AS indicators`),
  ]);
  if (!summary) return null;
  const [row] = rowsOf<FiguresRow>(figuresResult);
  const initiativeEndsOn = row!.ends;

  return assembleFigures({
    asOf,
    today,
    pool: { ...summary, initiativeEndsOn },
    grantRows,
    programmeRows: row!.programmes ?? [],
    dueRows: row!.dues ?? [],
    spendRows: (row!.spend ?? []).map((r) => ({ grantId: Number(r.grantId), spendOre: r.spend === null ? 0n : BigInt(r.spend) })),
    themeRows: (row!.themes ?? []).map((r) => ({ dueOn: r.dueOn, municipalityCode: r.municipalityCode, theme: r.theme, score: Number(r.score) })),
    indicatorRows: (row!.indicators ?? []).map((r) => ({
      dueOn: r.dueOn,
      municipalityCode: r.municipalityCode,
      indicatorId: Number(r.indicatorId),
      label: r.label,
      unit: r.unit,
      value: Number(r.value),
    })),
  });
}

/** The figures statement's one row: the pool's end and each list as JSON (null: no rows). */
type FiguresRow = {
  ends: string;
  programmes: AssembleInput["programmeRows"] | null;
  dues: AssembleInput["dueRows"] | null;
  spend: { grantId: number; spend: string | null }[] | null;
  themes: { dueOn: string; municipalityCode: string; theme: Theme; score: number | string }[] | null;
  indicators: { dueOn: string; municipalityCode: string; indicatorId: number; label: string; unit: IndicatorUnit; value: string }[] | null;
};

type AssembleInput = {
  asOf: Date;
  today: string;
  pool: DashboardFigures["pool"];
  grantRows: Awaited<ReturnType<typeof listPoolGrants>>;
  programmeRows: {
    id: number;
    municipalityCode: string;
    status: ProgrammeStatus;
    startsOn: string;
    plannedEndOn: string;
    milestoneId: number | null;
    plannedOn: string | null;
    milestoneStatus: MilestoneStatus | null;
  }[];
  dueRows: { municipalityCode: string; dueOn: string; status: ReportStatus | null }[];
  spendRows: { grantId: number; spendOre: bigint }[];
  themeRows: { dueOn: string; municipalityCode: string; theme: Theme; score: number }[];
  indicatorRows: { dueOn: string; municipalityCode: string; indicatorId: number; label: string; unit: IndicatorUnit; value: number }[];
};

function assembleFigures(input: AssembleInput): DashboardFigures {
  const { today, pool } = input;
  const byCode = new Map<string, MunicipalityFigures>();
  const spendByGrant = new Map(input.spendRows.map((s) => [s.grantId, s.spendOre]));
  for (const g of input.grantRows) {
    let m = byCode.get(g.municipalityCode);
    if (!m) {
      m = {
        municipalityCode: g.municipalityCode,
        municipalityName: g.municipalityName,
        grantIds: [],
        grantedOre: 0n,
        committedOre: 0n,
        paidOre: 0n,
        repaidOre: 0n,
        netPaidOre: 0n,
        spendReportedOre: 0n,
        hasSpendReport: false,
        programmes: [],
        milestones: NO_MILESTONES,
        progressPercent: null,
        reports: NO_REPORTS,
      };
      byCode.set(g.municipalityCode, m);
    }
    m.grantIds.push(g.grantId);
    m.grantedOre += g.grantedOre;
    m.committedOre += g.committedOre;
    m.paidOre += g.paidOre;
    m.repaidOre += g.repaidOre;
    m.netPaidOre += g.netPaidOre;
    const spend = spendByGrant.get(g.grantId);
    if (spend !== undefined) {
      m.spendReportedOre += spend;
      m.hasSpendReport = true;
    }
  }

  const milestonesByCode = new Map<string, { plannedOn: string; status: MilestoneStatus }[]>();
  for (const r of input.programmeRows) {
    const m = byCode.get(r.municipalityCode);
    if (!m) continue;
    if (!m.programmes.some((p) => p.id === r.id)) m.programmes.push({ id: r.id, status: r.status, startsOn: r.startsOn, plannedEndOn: r.plannedEndOn });
    if (r.milestoneId !== null && r.plannedOn !== null && r.milestoneStatus !== null) {
      const list = milestonesByCode.get(r.municipalityCode) ?? [];
      milestonesByCode.set(r.municipalityCode, list);
      list.push({ plannedOn: r.plannedOn, status: r.milestoneStatus });
    }
  }
  const dueByCode = new Map<string, DueDateRow[]>();
  for (const d of input.dueRows) {
    const list = dueByCode.get(d.municipalityCode) ?? [];
    dueByCode.set(d.municipalityCode, list);
    list.push({ dueOn: d.dueOn, status: d.status });
  }

  let totalSpend = 0n;
  let totalReports = NO_REPORTS;
  const totalMilestones = { ...NO_MILESTONES };
  const municipalities = [...byCode.values()].sort((a, b) => a.municipalityName.localeCompare(b.municipalityName, "da"));
  for (const m of municipalities) {
    m.milestones = countMilestones(milestonesByCode.get(m.municipalityCode) ?? [], today);
    m.progressPercent = milestoneProgress(m.milestones);
    m.reports = countReports(dueByCode.get(m.municipalityCode) ?? [], today);
    totalSpend += m.spendReportedOre;
    totalReports = addReportCounts(totalReports, m.reports);
    for (const k of ["total", "done", "cancelled", "overdue"] as const) totalMilestones[k] += m.milestones[k];
  }

  const themeSeries = seriesByKey(input.themeRows.map((r) => ({ key: r.theme, dueOn: r.dueOn, municipalityCode: r.municipalityCode, value: r.score })));
  const themes: ThemeSeries[] = THEMES.map((theme) => ({
    theme,
    points: themeSeries.get(theme) ?? [],
    values: input.themeRows.filter((r) => r.theme === theme).map((r) => ({ dueOn: r.dueOn, municipalityCode: r.municipalityCode, value: r.score })),
  }));

  const indicatorMeta = new Map<number, { label: string; unit: IndicatorUnit }>();
  for (const r of input.indicatorRows) if (!indicatorMeta.has(r.indicatorId)) indicatorMeta.set(r.indicatorId, { label: r.label, unit: r.unit });
  const indicatorSeries = seriesByKey(input.indicatorRows.map((r) => ({ key: String(r.indicatorId), dueOn: r.dueOn, municipalityCode: r.municipalityCode, value: r.value })));
  const indicators: IndicatorSeries[] = [...indicatorMeta.entries()].map(([indicatorId, meta]) => ({
    indicatorId,
    label: meta.label,
    unit: meta.unit,
    points: indicatorSeries.get(String(indicatorId)) ?? [],
    values: input.indicatorRows.filter((r) => r.indicatorId === indicatorId).map((r) => ({ dueOn: r.dueOn, municipalityCode: r.municipalityCode, value: r.value })),
  }));

  return {
    asOf: input.asOf,
    today,
    pool,
    countdown: countdown(today, pool.initiativeEndsOn),
    municipalities,
    totals: { spendReportedOre: totalSpend, milestones: totalMilestones, reports: totalReports },
    themes,
    indicators,
  };
}
