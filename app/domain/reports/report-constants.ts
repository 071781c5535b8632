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

/** The narrative sections of a report, in the order the form shows them. */
export const NARRATIVE_SECTIONS = ["activities", "deviations", "nextSteps"] as const;
export type NarrativeSection = (typeof NARRATIVE_SECTIONS)[number];
export const NARRATIVE_LABELS: Record<NarrativeSection, string> = {
  activities: "Aktiviteter gennemført",
  deviations: "Afvigelser fra planen og hvorfor",
  nextSteps: "Næste skridt",
};

export const THEME_LABELS: Record<Theme, string> = {
  udredning: "Udredning",
  indsats: "Valg af indsats, mål og handleplan",
  opfoelgning: "Opfølgning",
  inddragelse: "Inddragelse",
};

export const REPORT_DUE_KIND_LABELS = { status_report: "Statusrapport", final_report: "Slutrapport" } as const;

/** Plan templates staff pick for a grant: how often a status report falls due, and the final report. */
export const PLAN_TEMPLATES = ["half_yearly", "quarterly", "yearly"] as const;
export type PlanTemplate = (typeof PLAN_TEMPLATES)[number];
export const PLAN_TEMPLATE_MONTHS: Record<PlanTemplate, number> = { half_yearly: 6, quarterly: 3, yearly: 12 };
export const PLAN_TEMPLATE_LABELS: Record<PlanTemplate, string> = {
  half_yearly: "Halvårlige statusrapporter og en slutrapport",
  quarterly: "Kvartalsvise statusrapporter og en slutrapport",
  yearly: "Årlige statusrapporter og en slutrapport",
};
/** The final report falls due this many months after the project ends. */
export const FINAL_REPORT_MONTHS_AFTER_END = 2;
