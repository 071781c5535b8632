// Grant vocabulary shared by the database schema, the server and the pages (no drizzle
// import: components import this file).

/** offered = tilsagn sent, awaiting acceptance; lapsed = bortfaldet; closed = afsluttet. */
export const GRANT_STATUSES = ["offered", "accepted", "lapsed", "cancelled", "closed"] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];

/**
 * The grants published as open data ("Hvem fik hvad", decision 022): decided and standing
 * (offered, accepted, closed). A lapsed or cancelled grant gave nobody money and is left
 * out, so published totals never count it.
 */
export const PUBLIC_GRANT_STATUSES = ["offered", "accepted", "closed"] as const satisfies readonly GrantStatus[];
export type PublicGrantStatus = (typeof PUBLIC_GRANT_STATUSES)[number];

/**
 * Every movement of money is one append-only ledger entry. An entry moves the grant's
 * (and the pool's) committed amount, its paid amount, or both:
 * committed +, lapsed −, cancelled −, paid (paid +), repaid (paid − and committed −),
 * corrected (either, with a reason).
 */
export const LEDGER_KINDS = ["committed", "lapsed", "cancelled", "paid", "repaid", "corrected"] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** The allocation board: a caseworker prepares and proposes, an admin (another person) approves. */
export const ALLOCATION_ROUND_STATUSES = ["draft", "proposed", "approved", "withdrawn"] as const;
export type AllocationRoundStatus = (typeof ALLOCATION_ROUND_STATUSES)[number];

export const ALLOCATION_DECISIONS = ["full", "reduced", "none"] as const;
export type AllocationDecision = (typeof ALLOCATION_DECISIONS)[number];

/** planned → prepared → approved (four-eyes) → paid; a paid payment is never edited. */
export const PAYMENT_STATUSES = ["planned", "prepared", "approved", "paid", "cancelled"] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** registered = below the thresholds, only recorded; pending = needs prior approval. */
export const BUDGET_CHANGE_STATUSES = ["registered", "pending", "approved", "rejected", "withdrawn"] as const;
export type BudgetChangeStatus = (typeof BUDGET_CHANGE_STATUSES)[number];

export const ACCOUNTS_STATUSES = ["draft", "submitted", "returned", "approved"] as const;
export type AccountsStatus = (typeof ACCOUNTS_STATUSES)[number];

export const REPAYMENT_STATUSES = ["claimed", "paid", "cancelled"] as const;
export type RepaymentStatus = (typeof REPAYMENT_STATUSES)[number];

export const LETTER_KINDS = ["award", "rejection"] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

export const GRANT_FILE_KINDS = ["auditor_statement", "accounts", "other"] as const;
export type GrantFileKind = (typeof GRANT_FILE_KINDS)[number];

export const REPORT_DUE_KINDS = ["status_report", "final_report"] as const;
export type ReportDueKind = (typeof REPORT_DUE_KINDS)[number];
