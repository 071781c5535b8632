// Reporting rules every reporting screen, job, dashboard and status pack share. Pure.
// A due date without a report row counts as "not submitted": the row is made at the first save.
import type { ReportStatus } from "./report-constants";

/** A report counts as received once submitted (and stays received if approved). */
export function isReceived(status: ReportStatus | null): boolean {
  return status === "submitted" || status === "approved";
}

/**
 * Overdue (for reminders, the payment hold, the dashboard and the status pack): the due
 * date (a Copenhagen calendar date, "YYYY-MM-DD") has passed and nothing is waiting with
 * the ministry. A report sent back is overdue again once its due date has passed.
 */
export function isOverdue(dueOn: string, status: ReportStatus | null, today: string): boolean {
  return dueOn < today && !isReceived(status);
}
