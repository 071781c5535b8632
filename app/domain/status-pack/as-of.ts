// "As of" a date: what a report's status was at the end of that day, from its timestamps,
// so the shared report rules (isReceived / isOverdue) answer for that day. Pure.
import { copenhagenInstant } from "~/utils/dates";
import type { ReportStatus } from "~/domain/reports/report-constants";

/** The first instant after the Copenhagen calendar date: figures "as of" a date include the whole day. */
export function endOfDay(date: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  const next = new Date(Date.UTC(y!, m! - 1, d! + 1));
  return copenhagenInstant(next.toISOString().slice(0, 10), "00:00");
}

export type VersionFacts = { submittedAt: Date | null; reviewDecision: "approved" | "sent_back" | null; reviewedAt: Date | null };

/**
 * A report's status at `end` (exclusive): approved once approved; otherwise the newest
 * version submitted by then decides: sent back if it was sent back by then, else submitted;
 * nothing submitted by then is a draft (or no report at all: null).
 */
export function reportStatusAt(report: { approvedAt: Date | null; versions: VersionFacts[] } | null, end: Date): ReportStatus | null {
  if (!report) return null;
  if (report.approvedAt && report.approvedAt < end) return "approved";
  const submitted = report.versions
    .filter((v) => v.submittedAt && v.submittedAt < end)
    .sort((a, b) => b.submittedAt!.getTime() - a.submittedAt!.getTime());
  const newest = submitted[0];
  if (!newest) return "draft";
  if (newest.reviewDecision === "sent_back" && newest.reviewedAt && newest.reviewedAt < end) return "sent_back";
  return "submitted";
}

/** Is the date a real calendar date "YYYY-MM-DD"? */
export function isCalendarDate(s: string) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const [y, m, d] = s.split("-").map(Number);
  const t = new Date(Date.UTC(y!, m! - 1, d!));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m! - 1 && t.getUTCDate() === d;
}

export type VersionAt = VersionFacts & { id: number; versionNo: number };

/**
 * The version a report stands by at `end`, as the dashboard picks it (approved, else the
 * latest submitted and not sent back), from what had happened by then; null when none.
 */
export function reportedVersionAt<V extends VersionAt>(versions: readonly V[], end: Date): (V & { approved: boolean }) | null {
  const reviewedBy = (v: V) => v.reviewedAt !== null && v.reviewedAt < end;
  const candidates = versions
    .filter((v) => v.submittedAt !== null && v.submittedAt < end)
    .filter((v) => !(v.reviewDecision === "sent_back" && reviewedBy(v)))
    .map((v) => ({ ...v, approved: v.reviewDecision === "approved" && reviewedBy(v) }))
    .sort((a, b) => Number(b.approved) - Number(a.approved) || b.versionNo - a.versionNo);
  return candidates[0] ?? null;
}

export type ReportedVersion = { versionId: number; versionNo: number; dueOn: string; approved: boolean };

/** The version whose spend counts for a grant: approved first, then the latest due date, then the latest version (the dashboard's order). */
export function spendVersion(reported: readonly ReportedVersion[]): ReportedVersion | null {
  return [...reported].sort((a, b) => Number(b.approved) - Number(a.approved) || b.dueOn.localeCompare(a.dueOn) || b.versionNo - a.versionNo)[0] ?? null;
}

/** Newest first by due date, then version: the order in which a value is looked up ("seneste indberetning"). */
export function newestFirst(reported: readonly ReportedVersion[]): ReportedVersion[] {
  return [...reported].sort((a, b) => b.dueOn.localeCompare(a.dueOn) || b.versionNo - a.versionNo);
}
