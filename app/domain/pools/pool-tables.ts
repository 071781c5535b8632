// The tables that belong to a pool, and how a row finds its pool: the kind is the first
// argument of the database function pool_of(kind, id) (migration 0015), the column its id.
// The close-out guard has one trigger per table here (a test compares this list with the
// database's triggers), and the archive export writes one CSV and one sheet per table.
export type PoolOfKind =
  | "pool"
  | "call"
  | "application"
  | "allocation_round"
  | "grant"
  | "budget_version"
  | "budget_change"
  | "accounts"
  | "due_date"
  | "programme"
  | "milestone"
  | "session"
  | "report"
  | "report_version";

/** The guarded tables, how their pool is found (pool_of's kind) and through which column. */
export const POOL_OWNED: readonly (readonly [table: string, kind: PoolOfKind, column: string])[] = [
  ["calls", "pool", "pool_id"],
  ["call_cost_categories", "call", "call_id"],
  ["call_criteria", "call", "call_id"],
  ["call_eligible_municipalities", "call", "call_id"],
  ["need_index_entries", "call", "call_id"],
  ["call_caseworkers", "call", "call_id"],
  ["applications", "call", "call_id"],
  ["application_budget_lines", "application", "application_id"],
  ["application_attachments", "application", "application_id"],
  ["formal_checks", "application", "application_id"],
  ["assessment_scores", "application", "application_id"],
  ["assessment_submissions", "application", "application_id"],
  ["agreed_scores", "application", "application_id"],
  ["application_notes", "application", "application_id"],
  ["decision_letters", "application", "application_id"],
  ["allocation_rounds", "call", "call_id"],
  ["allocation_lines", "allocation_round", "round_id"],
  ["grants", "pool", "pool_id"],
  ["grant_ledger_entries", "pool", "pool_id"],
  ["budget_versions", "grant", "grant_id"],
  ["budget_version_lines", "budget_version", "budget_version_id"],
  ["payments", "grant", "grant_id"],
  ["budget_changes", "grant", "grant_id"],
  ["budget_change_lines", "budget_change", "budget_change_id"],
  ["grant_accounts", "grant", "grant_id"],
  ["grant_account_lines", "accounts", "accounts_id"],
  ["repayment_claims", "grant", "grant_id"],
  ["grant_files", "grant", "grant_id"],
  ["grant_report_due_dates", "grant", "grant_id"],
  ["advisory_programmes", "pool", "pool_id"],
  ["programme_advisors", "programme", "programme_id"],
  ["programme_focus_areas", "programme", "programme_id"],
  ["milestones", "programme", "programme_id"],
  ["milestone_participants", "milestone", "milestone_id"],
  ["milestone_case_reviews", "milestone", "milestone_id"],
  ["milestone_comments", "milestone", "milestone_id"],
  ["milestone_attachments", "milestone", "milestone_id"],
  ["milestone_reminders", "milestone", "milestone_id"],
  ["cross_municipal_sessions", "pool", "pool_id"],
  ["session_invitations", "session", "session_id"],
  ["report_indicators", "pool", "pool_id"],
  ["grant_report_indicators", "grant", "grant_id"],
  ["progress_reports", "pool", "pool_id"],
  ["progress_report_versions", "report", "report_id"],
  ["progress_report_themes", "report_version", "version_id"],
  ["progress_report_indicator_values", "report_version", "version_id"],
  ["progress_report_spend", "report_version", "version_id"],
  ["progress_report_comments", "report_version", "version_id"],
  ["report_reminders", "due_date", "due_date_id"],
];
