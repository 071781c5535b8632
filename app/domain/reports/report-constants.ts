// Reporting vocabulary shared by the database schema, the server and the pages (no drizzle
// import: components import this file).
import { THEMES, type Theme } from "../applications/application-constants";

export { THEMES, type Theme };

/**
 * A progress report (statusrapport) per due date. `draft` until first submitted; `submitted`
 * waits for a caseworker; `sent_back` is open for the municipality again (a new draft version);
 * `approved` is final and read-only.
 */
export const REPORT_STATUSES = ["draft", "submitted", "sent_back", "approved"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  draft: "Kladde",
  submitted: "Indsendt",
  sent_back: "Sendt tilbage",
  approved: "Godkendt",
};

/** How a caseworker decided on one submitted version. */
export const REPORT_REVIEW_DECISIONS = ["approved", "sent_back"] as const;
export type ReportReviewDecision = (typeof REPORT_REVIEW_DECISIONS)[number];

/** Units of a numeric indicator staff define for a pool. */
export const INDICATOR_UNITS = ["percent", "count", "number"] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];
export const INDICATOR_UNIT_LABELS: Record<IndicatorUnit, string> = {
  percent: "Procent",
  count: "Antal",
  number: "Tal",
};

/** The three reminders per due date: 14 and 3 days before, and the day after it was missed. */
export const REPORT_REMINDER_KINDS = ["before_14", "before_3", "overdue_1"] as const;
export type ReportReminderKind = (typeof REPORT_REMINDER_KINDS)[number];

/** Who set a payment hold: staff by hand, or the overdue-report job (which also lifts it). */
export const PAYMENT_HOLD_SOURCES = ["manual", "report"] as const;
export type PaymentHoldSource = (typeof PAYMENT_HOLD_SOURCES)[number];

/** 1–5 scale for the short assessment per theme. */
export const THEME_SCORE_MIN = 1;
export const THEME_SCORE_MAX = 5;
