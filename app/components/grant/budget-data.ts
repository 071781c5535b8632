// What the grant page's budget section, the change request form and the decision page
// show: plain data (no drizzle), built by the routes from app/domain/grants/budget-queries.
import type { BudgetChangeStatus } from "~/domain/grants/grant-constants";

export type BudgetCell = { categoryId: number; quarter: string; amountOre: bigint };
export type BudgetCategory = { id: number; label: string };

export type BudgetVersionView = { version: number; createdAt: string; note: string; lines: BudgetCell[] };

export type BudgetChangeView = {
  id: number;
  status: BudgetChangeStatus;
  needsApproval: boolean;
  ruleExplanation: string;
  reason: string;
  decisionNote: string | null;
  requestedAt: string;
  requestedByName: string | null;
  decidedAt: string | null;
  fromVersion: number;
  toVersion: number | null;
};

export type GrantBudgetData = {
  grantId: number;
  categories: BudgetCategory[];
  quarters: string[];
  versions: BudgetVersionView[];
  changes: BudgetChangeView[];
  /** The municipality may ask for a change now (its own, accepted grant, none pending). */
  canRequest: boolean;
  /** The version compared with the one before it (?budgetversion=n); the newest by default. */
  shownVersion: number;
};

export const budgetChangeStatusLabels: Record<BudgetChangeStatus, string> = {
  registered: "Registreret",
  pending: "Afventer ministeriets godkendelse",
  approved: "Godkendt",
  rejected: "Afvist",
  withdrawn: "Trukket tilbage",
};

export const budgetChangeBadge: Record<BudgetChangeStatus, string> = {
  registered: "pp-badge pp-badge-ok",
  pending: "pp-badge pp-badge-warn",
  approved: "pp-badge pp-badge-ok",
  rejected: "pp-badge pp-badge-bad",
  withdrawn: "pp-badge",
};
