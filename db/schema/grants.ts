import { sql } from "drizzle-orm";
import { bigserial, boolean, check, date, index, integer, pgTable, primaryKey, serial, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import {
  ACCOUNTS_STATUSES,
  ALLOCATION_DECISIONS,
  ALLOCATION_ROUND_STATUSES,
  BUDGET_CHANGE_STATUSES,
  GRANT_FILE_KINDS,
  GRANT_STATUSES,
  LEDGER_KINDS,
  LETTER_KINDS,
  PAYMENT_STATUSES,
  REPAYMENT_STATUSES,
  REPORT_DUE_KINDS,
} from "../../app/domain/grants/grant-constants";
import { PAYMENT_HOLD_SOURCES } from "../../app/domain/reports/report-constants";
import { users } from "./access";
import { applications } from "./applications";
import { callCostCategories, calls } from "./calls";
import { bytea, ore, ts } from "./columns";
import { municipalities } from "./organisations";
import { pools } from "./pools";

// Allocation board: a caseworker prepares a round for a call and proposes it; an admin who
// is not the proposer approves it (four-eyes, also a CHECK). Approval creates the grants.
export const allocationRounds = pgTable(
  "allocation_rounds",
  {
    id: serial("id").primaryKey(),
    callId: integer("call_id")
      .notNull()
      .references(() => calls.id),
    status: text("status", { enum: ALLOCATION_ROUND_STATUSES }).notNull().default("draft"),
    note: text("note").notNull().default(""),
    version: integer("version").notNull().default(1),
    createdBy: uuid("created_by").references(() => users.id),
    proposedBy: uuid("proposed_by").references(() => users.id),
    proposedAt: ts("proposed_at"),
    approvedBy: uuid("approved_by").references(() => users.id),
    approvedAt: ts("approved_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("allocation_rounds_call_idx").on(t.callId),
    check("allocation_rounds_four_eyes", sql`${t.approvedBy} IS NULL OR ${t.approvedBy} IS DISTINCT FROM ${t.proposedBy}`),
    check("allocation_rounds_approved_proposed", sql`${t.approvedBy} IS NULL OR ${t.proposedBy} IS NOT NULL`),
  ],
);

export const allocationLines = pgTable(
  "allocation_lines",
  {
    roundId: integer("round_id")
      .notNull()
      .references(() => allocationRounds.id),
    applicationId: integer("application_id")
      .notNull()
      .references(() => applications.id),
    decision: text("decision", { enum: ALLOCATION_DECISIONS }).notNull(),
    amountOre: ore("amount_ore").notNull().default(sql`0`),
    reason: text("reason").notNull().default(""),
  },
  (t) => [
    primaryKey({ columns: [t.roundId, t.applicationId] }),
    check("allocation_lines_amount", sql`${t.amountOre} >= 0`),
    check("allocation_lines_none_zero", sql`${t.decision} <> 'none' OR ${t.amountOre} = 0`),
  ],
);

// One grant (tilsagn) per decided application. committed_ore and paid_ore are running
// totals kept in step with the ledger in the same transaction as each entry.
export const grants = pgTable(
  "grants",
  {
    id: serial("id").primaryKey(),
    applicationId: integer("application_id")
      .notNull()
      .references(() => applications.id),
    callId: integer("call_id")
      .notNull()
      .references(() => calls.id),
    poolId: integer("pool_id")
      .notNull()
      .references(() => pools.id),
    municipalityCode: text("municipality_code")
      .notNull()
      .references(() => municipalities.code),
    roundId: integer("round_id").references(() => allocationRounds.id),
    /** The amount awarded in the decision (tilsagnsbeløb). */
    awardedOre: ore("awarded_ore").notNull(),
    committedOre: ore("committed_ore").notNull().default(sql`0`),
    paidOre: ore("paid_ore").notNull().default(sql`0`),
    status: text("status", { enum: GRANT_STATUSES }).notNull().default("offered"),
    conditions: text("conditions").notNull().default(""),
    projectStart: date("project_start").notNull(),
    projectEnd: date("project_end").notNull(),
    // Deadlines as data (defaults from the call); the jobs read these.
    acceptanceDeadline: ts("acceptance_deadline").notNull(),
    latestStartOn: date("latest_start_on").notNull(),
    accountsDueOn: date("accounts_due_on").notNull(),
    /** Payments are held while this is set (manually, or by an overdue report). */
    paymentHoldReason: text("payment_hold_reason"),
    /** Who set the hold: "manual" (staff) or "report" (the overdue-report job, which lifts it on approval). */
    paymentHoldSource: text("payment_hold_source", { enum: PAYMENT_HOLD_SOURCES }),
    /** Report reminders are not sent for this grant while set (an admin paused them). */
    reportRemindersPausedAt: ts("report_reminders_paused_at"),
    reportRemindersPausedBy: uuid("report_reminders_paused_by").references(() => users.id),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: ts("decided_at").notNull().defaultNow(),
    acceptedBy: uuid("accepted_by").references(() => users.id),
    acceptedAt: ts("accepted_at"),
    lapsedAt: ts("lapsed_at"),
    closedAt: ts("closed_at"),
    version: integer("version").notNull().default(1),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("grants_application_unique").on(t.applicationId),
    index("grants_pool_idx").on(t.poolId),
    index("grants_municipality_idx").on(t.municipalityCode),
    check("grants_awarded_positive", sql`${t.awardedOre} > 0`),
    check("grants_committed_range", sql`${t.committedOre} BETWEEN 0 AND ${t.awardedOre}`),
    check("grants_paid_range", sql`${t.paidOre} BETWEEN 0 AND ${t.committedOre}`),
    check("grants_period", sql`${t.projectEnd} >= ${t.projectStart}`),
  ],
);

// Append-only (triggers in the migration). The pool's allocated_ore and the grant's
// committed_ore / paid_ore move only in the transaction that inserts the entry.
export const grantLedgerEntries = pgTable(
  "grant_ledger_entries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    grantId: integer("grant_id")
      .notNull()
      .references(() => grants.id),
    poolId: integer("pool_id")
      .notNull()
      .references(() => pools.id),
    kind: text("kind", { enum: LEDGER_KINDS }).notNull(),
    committedDeltaOre: ore("committed_delta_ore").notNull().default(sql`0`),
    paidDeltaOre: ore("paid_delta_ore").notNull().default(sql`0`),
    /** The payment or repayment claim this entry settles, when there is one. */
    paymentId: integer("payment_id"),
    repaymentClaimId: integer("repayment_claim_id"),
    note: text("note").notNull().default(""),
    bookedOn: date("booked_on").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("grant_ledger_grant_idx").on(t.grantId, t.id),
    index("grant_ledger_pool_idx").on(t.poolId),
    check("grant_ledger_moves_money", sql`${t.committedDeltaOre} <> 0 OR ${t.paidDeltaOre} <> 0`),
  ],
);

// Budget versions: version 1 is the budget approved with the grant; each approved
// (or registered) budget change makes the next version. Lines per category per quarter.
export const budgetVersions = pgTable(
  "budget_versions",
  {
    id: serial("id").primaryKey(),
    grantId: integer("grant_id")
      .notNull()
      .references(() => grants.id),
    version: integer("version").notNull(),
    budgetChangeId: integer("budget_change_id"),
    note: text("note").notNull().default(""),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("budget_versions_grant_version").on(t.grantId, t.version)],
);

export const budgetVersionLines = pgTable(
  "budget_version_lines",
  {
    budgetVersionId: integer("budget_version_id")
      .notNull()
      .references(() => budgetVersions.id),
    categoryId: integer("category_id")
      .notNull()
      .references(() => callCostCategories.id),
    quarter: text("quarter").notNull(),
    amountOre: ore("amount_ore").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.budgetVersionId, t.categoryId, t.quarter] }),
    check("budget_version_quarter_format", sql`${t.quarter} ~ '^[0-9]{4}-Q[1-4]$'`),
    check("budget_version_amount_nonneg", sql`${t.amountOre} >= 0`),
  ],
);

// Quarterly payments (udbetaling) in advance. Planned and prepared rows follow the budget
// version in force; approved needs a second person; paid rows are frozen (trigger).
export const payments = pgTable(
  "payments",
  {
    id: serial("id").primaryKey(),
    grantId: integer("grant_id")
      .notNull()
      .references(() => grants.id),
    quarter: text("quarter").notNull(),
    dueOn: date("due_on").notNull(),
    amountOre: ore("amount_ore").notNull(),
    status: text("status", { enum: PAYMENT_STATUSES }).notNull().default("planned"),
    budgetVersionId: integer("budget_version_id").references(() => budgetVersions.id),
    preparedBy: uuid("prepared_by").references(() => users.id),
    preparedAt: ts("prepared_at"),
    approvedBy: uuid("approved_by").references(() => users.id),
    approvedAt: ts("approved_at"),
    paidOn: date("paid_on"),
    paidBy: uuid("paid_by").references(() => users.id),
    version: integer("version").notNull().default(1),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("payments_grant_idx").on(t.grantId, t.quarter),
    uniqueIndex("payments_grant_quarter_active").on(t.grantId, t.quarter).where(sql`${t.status} <> 'cancelled'`),
    check("payments_quarter_format", sql`${t.quarter} ~ '^[0-9]{4}-Q[1-4]$'`),
    check("payments_amount_nonneg", sql`${t.amountOre} >= 0`),
    check("payments_four_eyes", sql`${t.approvedBy} IS NULL OR ${t.approvedBy} IS DISTINCT FROM ${t.preparedBy}`),
    check("payments_paid_has_date", sql`${t.status} <> 'paid' OR ${t.paidOn} IS NOT NULL`),
  ],
);

// Budget change (budgetændring): the municipality proposes new lines; the rule (thresholds
// on the pool) decides whether it needs prior approval or is only registered.
export const budgetChanges = pgTable(
  "budget_changes",
  {
    id: serial("id").primaryKey(),
    grantId: integer("grant_id")
      .notNull()
      .references(() => grants.id),
    fromVersionId: integer("from_version_id")
      .notNull()
      .references(() => budgetVersions.id),
    toVersionId: integer("to_version_id").references(() => budgetVersions.id),
    status: text("status", { enum: BUDGET_CHANGE_STATUSES }).notNull(),
    needsApproval: boolean("needs_approval").notNull(),
    /** Why the rule said so, in Danish, e.g. "Over 10 % af budgetposten Løn". */
    ruleExplanation: text("rule_explanation").notNull().default(""),
    reason: text("reason").notNull(),
    decisionNote: text("decision_note"),
    requestedBy: uuid("requested_by").references(() => users.id),
    requestedAt: ts("requested_at").notNull().defaultNow(),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: ts("decided_at"),
  },
  (t) => [
    index("budget_changes_grant_idx").on(t.grantId),
    // One change waiting for the ministry per grant at a time (the command checks first).
    uniqueIndex("budget_changes_one_pending").on(t.grantId).where(sql`${t.status} = 'pending'`),
    // The status follows the rule's verdict: below the thresholds only registered, above
    // them pending until approved or rejected; a new version exactly when it took effect.
    check(
      "budget_changes_status_verdict",
      sql`(${t.status} = 'registered' AND NOT ${t.needsApproval}) OR (${t.status} IN ('pending', 'approved', 'rejected') AND ${t.needsApproval}) OR ${t.status} = 'withdrawn'`,
    ),
    check("budget_changes_version_when_in_force", sql`(${t.toVersionId} IS NOT NULL) = (${t.status} IN ('registered', 'approved'))`),
    check("budget_changes_decided", sql`${t.status} NOT IN ('approved', 'rejected') OR ${t.decidedAt} IS NOT NULL`),
  ],
);

export const budgetChangeLines = pgTable(
  "budget_change_lines",
  {
    budgetChangeId: integer("budget_change_id")
      .notNull()
      .references(() => budgetChanges.id),
    categoryId: integer("category_id")
      .notNull()
      .references(() => callCostCategories.id),
    quarter: text("quarter").notNull(),
    amountOre: ore("amount_ore").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.budgetChangeId, t.categoryId, t.quarter] }),
    check("budget_change_quarter_format", sql`${t.quarter} ~ '^[0-9]{4}-Q[1-4]$'`),
    check("budget_change_amount_nonneg", sql`${t.amountOre} >= 0`),
  ],
);

// Accounts (regnskab) per budget line (category), with the auditor's statement attached.
export const grantAccounts = pgTable(
  "grant_accounts",
  {
    id: serial("id").primaryKey(),
    grantId: integer("grant_id")
      .notNull()
      .references(() => grants.id),
    status: text("status", { enum: ACCOUNTS_STATUSES }).notNull().default("draft"),
    auditorStatementFileId: uuid("auditor_statement_file_id"),
    submittedBy: uuid("submitted_by").references(() => users.id),
    submittedAt: ts("submitted_at"),
    returnReason: text("return_reason"),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: ts("decided_at"),
    version: integer("version").notNull().default(1),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("grant_accounts_grant_unique").on(t.grantId)],
);

export const grantAccountLines = pgTable(
  "grant_account_lines",
  {
    accountsId: integer("accounts_id")
      .notNull()
      .references(() => grantAccounts.id),
    categoryId: integer("category_id")
      .notNull()
      .references(() => callCostCategories.id),
    spentOre: ore("spent_ore").notNull(),
    /** Set by the caseworker when part of the spending is not eligible. */
    ineligibleOre: ore("ineligible_ore").notNull().default(sql`0`),
    note: text("note").notNull().default(""),
  },
  (t) => [
    primaryKey({ columns: [t.accountsId, t.categoryId] }),
    check("grant_account_lines_amounts", sql`${t.spentOre} >= 0 AND ${t.ineligibleOre} BETWEEN 0 AND ${t.spentOre}`),
  ],
);

export const repaymentClaims = pgTable(
  "repayment_claims",
  {
    id: serial("id").primaryKey(),
    grantId: integer("grant_id")
      .notNull()
      .references(() => grants.id),
    accountsId: integer("accounts_id").references(() => grantAccounts.id),
    amountOre: ore("amount_ore").notNull(),
    status: text("status", { enum: REPAYMENT_STATUSES }).notNull().default("claimed"),
    reason: text("reason").notNull().default(""),
    dueOn: date("due_on"),
    paidOn: date("paid_on"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("repayment_claims_grant_idx").on(t.grantId),
    check("repayment_claims_amount_positive", sql`${t.amountOre} > 0`),
  ],
);

// Award and rejection letters (PDF) as sent: stored, mailed, downloadable.
export const decisionLetters = pgTable(
  "decision_letters",
  {
    id: serial("id").primaryKey(),
    applicationId: integer("application_id")
      .notNull()
      .references(() => applications.id),
    grantId: integer("grant_id").references(() => grants.id),
    kind: text("kind", { enum: LETTER_KINDS }).notNull(),
    filename: text("filename").notNull(),
    pdf: bytea("pdf").notNull(),
    sha256: text("sha256").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("decision_letters_application_idx").on(t.applicationId),
    // The grant page's letters and the award-letter job's NOT EXISTS, by grant (decision 031).
    index("decision_letters_grant_idx").on(t.grantId),
  ],
);

// Files that belong to a grant (the auditor's statement, accounts), stored like
// application attachments: on disk under UPLOAD_DIR, metadata here.
export const grantFiles = pgTable(
  "grant_files",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    grantId: integer("grant_id")
      .notNull()
      .references(() => grants.id),
    kind: text("kind", { enum: GRANT_FILE_KINDS }).notNull(),
    filename: text("filename").notNull(),
    contentType: text("content_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    storageKey: text("storage_key").notNull().unique(),
    uploadedBy: uuid("uploaded_by").references(() => users.id),
    uploadedAt: ts("uploaded_at").notNull().defaultNow(),
    deletedAt: ts("deleted_at"),
  },
  (t) => [index("grant_files_grant_idx").on(t.grantId)],
);

// Report due dates per grant (defaults from the call); the reporting issue fills and reads them.
export const grantReportDueDates = pgTable(
  "grant_report_due_dates",
  {
    id: serial("id").primaryKey(),
    grantId: integer("grant_id")
      .notNull()
      .references(() => grants.id),
    kind: text("kind", { enum: REPORT_DUE_KINDS }).notNull(),
    dueOn: date("due_on").notNull(),
    label: text("label").notNull().default(""),
  },
  (t) => [uniqueIndex("grant_report_due_dates_unique").on(t.grantId, t.kind, t.dueOn)],
);
