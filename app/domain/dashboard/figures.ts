// The dashboard's arithmetic as plain functions (unit-tested without a database): report
// and milestone counts by the shared rules, a programme's progress, the countdown to the
// initiative's end, and the series of theme scores and indicators per due date. The money
// is not here: it is summed in SQL from the ledger (app/domain/pools/overview.server.ts).
// No drizzle import: the page's components import the types.
import { daysBetween, isOverdue as milestoneOverdue } from "~/domain/programmes/programme-rules";
import type { MilestoneStatus } from "~/domain/programmes/programme-constants";
import { isOverdue as reportOverdue, isReceived } from "~/domain/reports/report-rules";
import type { ReportStatus } from "~/domain/reports/report-constants";

/** One due date of the reporting plan and its report's status (null: no report row yet). */
export type DueDateRow = { dueOn: string; status: ReportStatus | null };

export type ReportCounts = {
  /** Due dates in the plan. */
  planned: number;
  /** Due dates on or before today. */
  due: number;
  /** Submitted or approved (isReceived). */
  received: number;
  approved: number;
  /** Sent back and not yet resubmitted. */
  sentBack: number;
  /** Due date passed and nothing received, a missing report row included (isOverdue). */
  overdue: number;
};

export const NO_REPORTS: ReportCounts = { planned: 0, due: 0, received: 0, approved: 0, sentBack: 0, overdue: 0 };

export function countReports(rows: readonly DueDateRow[], today: string): ReportCounts {
  const c = { ...NO_REPORTS };
  for (const r of rows) {
    c.planned++;
    if (r.dueOn <= today) c.due++;
    if (isReceived(r.status)) c.received++;
    if (r.status === "approved") c.approved++;
    if (r.status === "sent_back") c.sentBack++;
    if (reportOverdue(r.dueOn, r.status, today)) c.overdue++;
  }
  return c;
}

export function addReportCounts(a: ReportCounts, b: ReportCounts): ReportCounts {
  return {
    planned: a.planned + b.planned,
    due: a.due + b.due,
    received: a.received + b.received,
    approved: a.approved + b.approved,
    sentBack: a.sentBack + b.sentBack,
    overdue: a.overdue + b.overdue,
  };
}

export type MilestoneCounts = { total: number; done: number; cancelled: number; overdue: number };

export const NO_MILESTONES: MilestoneCounts = { total: 0, done: 0, cancelled: 0, overdue: 0 };

/** Done means gennemført here; aflyst is counted apart; overdue by the programme rules (never when done or aflyst). */
export function countMilestones(rows: readonly { plannedOn: string; status: MilestoneStatus }[], today: string): MilestoneCounts {
  const c = { ...NO_MILESTONES };
  for (const m of rows) {
    c.total++;
    if (m.status === "gennemfoert") c.done++;
    else if (m.status === "aflyst") c.cancelled++;
    if (milestoneOverdue(m, today)) c.overdue++;
  }
  return c;
}

/** Progress in whole per cent: milestones gennemført of those not aflyst; null without milestones. */
export function milestoneProgress(c: MilestoneCounts): number | null {
  const counted = c.total - c.cancelled;
  return counted > 0 ? Math.round((c.done * 100) / counted) : null;
}

export type Countdown = {
  endsOn: string;
  /** Calendar days from today to the end date (0 on the day, negative after). */
  days: number;
  ended: boolean;
};

export function countdown(today: string, endsOn: string): Countdown {
  const days = daysBetween(today, endsOn);
  return { endsOn, days, ended: days < 0 };
}

/** One value reported by one municipality for one due date (a theme score or an indicator). */
export type ReportedValue = { key: string; dueOn: string; municipalityCode: string; value: number };

export type SeriesPoint = {
  dueOn: string;
  /** The mean over the municipalities that reported, rounded to two decimals. */
  mean: number;
  /** The sum (for counts: the total across municipalities). */
  sum: number;
  min: number;
  max: number;
  /** How many municipalities reported a value. */
  count: number;
};

/** Values grouped by key and due date, in due-date order: one point per due date that has values. */
export function seriesByKey(values: readonly ReportedValue[]): Map<string, SeriesPoint[]> {
  const groups = new Map<string, Map<string, number[]>>();
  for (const v of values) {
    const byDate = groups.get(v.key) ?? new Map<string, number[]>();
    groups.set(v.key, byDate);
    const list = byDate.get(v.dueOn) ?? [];
    byDate.set(v.dueOn, list);
    list.push(v.value);
  }
  const out = new Map<string, SeriesPoint[]>();
  for (const [key, byDate] of groups) {
    const points = [...byDate.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([dueOn, list]) => {
        // Sum in hundredths: values carry at most two decimals (numeric(14, 2)).
        const sum = list.reduce((s, x) => s + Math.round(x * 100), 0) / 100;
        return {
          dueOn,
          mean: Math.round((sum / list.length) * 100) / 100,
          sum,
          min: Math.min(...list),
          max: Math.max(...list),
          count: list.length,
        };
      });
    out.set(key, points);
  }
  return out;
}
