// When the report reminders fall due. Pure (the job, the admin schedule page and the tests
// share it). Dates are Copenhagen calendar dates ("YYYY-MM-DD").
import type { ReportDueKind } from "~/domain/grants/grant-constants";
import { REPORT_REMINDER_KINDS, type ReportReminderKind, type ReportStatus } from "./report-constants";
import { isReceived } from "./report-rules";

export const REPORT_REMINDER_LABELS: Record<ReportReminderKind, string> = {
  before_14: "14 dage før fristen",
  before_3: "3 dage før fristen",
  overdue_1: "Dagen efter fristen",
};

/** Days from the due date to the reminder's day (negative: before). */
const OFFSET_DAYS: Record<ReportReminderKind, number> = { before_14: -14, before_3: -3, overdue_1: 1 };

/** `date` moved by `days` calendar days (no time zone involved: a calendar date). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The day each reminder is planned for. */
export function reminderDay(dueOn: string, kind: ReportReminderKind): string {
  return addDays(dueOn, OFFSET_DAYS[kind]);
}

/**
 * The reminder that is due for a report on `today`, or null. Each kind has a window, so a
 * day the job did not run is caught up without sending a stale one: 14 days before (until
 * the 3-day reminder takes over), 3 days before up to the due date itself, and from the day
 * after the due date on (the overdue reminder, once). Nothing once the report is received
 * (submitted or approved); a report sent back counts as not received.
 */
export function reminderDue(dueOn: string, status: ReportStatus | null, today: string): ReportReminderKind | null {
  if (isReceived(status)) return null;
  const daysLeft = daysBetween(today, dueOn);
  if (daysLeft < 0) return "overdue_1";
  if (daysLeft <= 3) return "before_3";
  if (daysLeft <= 14) return "before_14";
  return null;
}

/** What the schedule page shows per reminder kind. */
export type ReminderState =
  | { state: "sent"; sentAt: Date; recipients: number }
  | { state: "planned"; on: string }
  | { state: "paused"; on: string }
  | { state: "not_needed" }
  | { state: "missed" };

export const DUE_KIND_LABELS: Record<ReportDueKind, string> = { status_report: "Statusrapport", final_report: "Slutrapport" };

/**
 * One reminder's state for the schedule: sent (its claim row), or — when none — planned for
 * a day still to come, not needed (the report is received), paused, or missed (its window
 * passed without a run, e.g. while paused; never sent late).
 */
export function reminderState(
  dueOn: string,
  kind: ReportReminderKind,
  status: ReportStatus | null,
  today: string,
  sent: { sentAt: Date; recipients: number } | undefined,
  paused: boolean,
): ReminderState {
  if (sent) return { state: "sent", ...sent };
  if (isReceived(status)) return { state: "not_needed" };
  const on = reminderDay(dueOn, kind);
  const due = reminderDue(dueOn, status, today);
  const order = REPORT_REMINDER_KINDS.indexOf(kind);
  // Its window is still to come, or it is the one due now (sent on the job's next run).
  if (due === null || REPORT_REMINDER_KINDS.indexOf(due) <= order) return { state: paused ? "paused" : "planned", on: on < today ? today : on };
  return { state: "missed" };
}
