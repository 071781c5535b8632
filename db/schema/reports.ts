import { sql } from "drizzle-orm";
import { check, index, integer, numeric, pgTable, primaryKey, serial, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { REPORT_DUE_KINDS } from "../../app/domain/grants/grant-constants";
import { INDICATOR_UNITS, REPORT_REMINDER_KINDS, REPORT_REVIEW_DECISIONS, REPORT_STATUSES, THEMES } from "../../app/domain/reports/report-constants";
import { users } from "./access";
import { callCostCategories } from "./calls";
import { ore, ts } from "./columns";
import { grantReportDueDates, grants } from "./grants";
import { municipalities } from "./organisations";
import { pools } from "./pools";

// Reporting (statusrapporter). The plan per grant is its due dates (grant_report_due_dates)
// plus the indicators it reports (grant_report_indicators); staff define indicators per pool.

export const reportIndicators = pgTable(
  "report_indicators",
  {
    id: serial("id").primaryKey(),
    poolId: integer("pool_id")
      .notNull()
      .references(() => pools.id),
    label: text("label").notNull(),
    description: text("description").notNull().default(""),
    unit: text("unit", { enum: INDICATOR_UNITS }).notNull(),
    sortOrder: integer("sort_order").notNull().default(0),
    /** Retired indicators stay for old reports but are not offered for new plans. */
    archivedAt: ts("archived_at"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("report_indicators_pool_idx").on(t.poolId, t.sortOrder), uniqueIndex("report_indicators_pool_label").on(t.poolId, sql`lower(${t.label})`)],
);

export const grantReportIndicators = pgTable(
  "grant_report_indicators",
  {
    grantId: integer("grant_id")
      .notNull()
      .references(() => grants.id),
    indicatorId: integer("indicator_id")
      .notNull()
      .references(() => reportIndicators.id),
  },
  (t) => [primaryKey({ columns: [t.grantId, t.indicatorId] })],
);

// One report per due date. municipality_code and pool_id are the grant's, copied so every
// scope is one indexed column. current_version_no points at the newest version.
export const progressReports = pgTable(
  "progress_reports",
  {
    id: serial("id").primaryKey(),
    grantId: integer("grant_id")
      .notNull()
      .references(() => grants.id),
    dueDateId: integer("due_date_id")
      .notNull()
      .references(() => grantReportDueDates.id),
    poolId: integer("pool_id")
      .notNull()
      .references(() => pools.id),
    municipalityCode: text("municipality_code")
      .notNull()
      .references(() => municipalities.code),
    kind: text("kind", { enum: REPORT_DUE_KINDS }).notNull(),
    status: text("status", { enum: REPORT_STATUSES }).notNull().default("draft"),
    currentVersionNo: integer("current_version_no").notNull().default(1),
    firstSubmittedAt: ts("first_submitted_at"),
    submittedAt: ts("submitted_at"),
    approvedAt: ts("approved_at"),
    approvedBy: uuid("approved_by").references(() => users.id),
    /** Optimistic lock: every write bumps it. */
    version: integer("version").notNull().default(1),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("progress_reports_due_date_unique").on(t.dueDateId),
    index("progress_reports_grant_idx").on(t.grantId),
    index("progress_reports_municipality_idx").on(t.municipalityCode),
    index("progress_reports_pool_status_idx").on(t.poolId, t.status),
    check("progress_reports_approved_has_time", sql`${t.status} <> 'approved' OR ${t.approvedAt} IS NOT NULL`),
  ],
);

// Versions: the draft is the one version with submitted_at null; a submission freezes it; a
// send-back starts the next draft as a copy. Frozen versions are compared side by side.
export const progressReportVersions = pgTable(
  "progress_report_versions",
  {
    id: serial("id").primaryKey(),
    reportId: integer("report_id")
      .notNull()
      .references(() => progressReports.id),
    versionNo: integer("version_no").notNull(),
    /** Aktiviteter gennemført. */
    activities: text("activities").notNull().default(""),
    /** Afvigelser fra planen og hvorfor. */
    deviations: text("deviations").notNull().default(""),
    /** Næste skridt. */
    nextSteps: text("next_steps").notNull().default(""),
    submittedAt: ts("submitted_at"),
    submittedBy: uuid("submitted_by").references(() => users.id),
    reviewDecision: text("review_decision", { enum: REPORT_REVIEW_DECISIONS }),
    reviewComment: text("review_comment"),
    reviewedBy: uuid("reviewed_by").references(() => users.id),
    reviewedAt: ts("reviewed_at"),
    updatedBy: uuid("updated_by").references(() => users.id),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("progress_report_versions_no").on(t.reportId, t.versionNo),
    uniqueIndex("progress_report_versions_one_draft").on(t.reportId).where(sql`${t.submittedAt} IS NULL`),
    check("progress_report_versions_review_after_submit", sql`${t.reviewDecision} IS NULL OR ${t.submittedAt} IS NOT NULL`),
  ],
);

/** The short assessment per theme: a 1–5 score (null while drafting) and a text. */
export const progressReportThemes = pgTable(
  "progress_report_themes",
  {
    versionId: integer("version_id")
      .notNull()
      .references(() => progressReportVersions.id),
    theme: text("theme", { enum: THEMES }).notNull(),
    score: integer("score"),
    note: text("note").notNull().default(""),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.theme] }), check("progress_report_themes_score", sql`${t.score} IS NULL OR ${t.score} BETWEEN 1 AND 5`)],
);

export const progressReportIndicatorValues = pgTable(
  "progress_report_indicator_values",
  {
    versionId: integer("version_id")
      .notNull()
      .references(() => progressReportVersions.id),
    indicatorId: integer("indicator_id")
      .notNull()
      .references(() => reportIndicators.id),
    /** Exact decimal; null while drafting. */
    value: numeric("value", { precision: 14, scale: 2 }),
    comment: text("comment").notNull().default(""),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.indicatorId] }), index("progress_report_indicator_values_indicator_idx").on(t.indicatorId)],
);

/** Money spent so far per budget line and quarter; over the line only with an explanation. */
export const progressReportSpend = pgTable(
  "progress_report_spend",
  {
    versionId: integer("version_id")
      .notNull()
      .references(() => progressReportVersions.id),
    categoryId: integer("category_id")
      .notNull()
      .references(() => callCostCategories.id),
    quarter: text("quarter").notNull(),
    amountOre: ore("amount_ore").notNull(),
    explanation: text("explanation"),
  },
  (t) => [
    primaryKey({ columns: [t.versionId, t.categoryId, t.quarter] }),
    check("progress_report_spend_quarter_format", sql`${t.quarter} ~ '^[0-9]{4}-Q[1-4]$'`),
    check("progress_report_spend_nonneg", sql`${t.amountOre} >= 0`),
  ],
);

/** A reviewer's comment on one section of a submitted version, shown inline to the municipality. */
export const progressReportComments = pgTable(
  "progress_report_comments",
  {
    id: serial("id").primaryKey(),
    versionId: integer("version_id")
      .notNull()
      .references(() => progressReportVersions.id),
    /** "activities", "deviations", "nextSteps", "theme:<theme>", "indicator:<id>", "spend". */
    section: text("section").notNull(),
    body: text("body").notNull(),
    authorId: uuid("author_id").references(() => users.id),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("progress_report_comments_version_idx").on(t.versionId)],
);

// One row per due date and reminder kind: the key is the claim, so the reminder job never
// mails twice for the same reminder whatever its own run key.
export const reportReminders = pgTable(
  "report_reminders",
  {
    dueDateId: integer("due_date_id")
      .notNull()
      .references(() => grantReportDueDates.id),
    kind: text("kind", { enum: REPORT_REMINDER_KINDS }).notNull(),
    recipients: integer("recipients").notNull(),
    sentAt: ts("sent_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.dueDateId, t.kind] })],
);
