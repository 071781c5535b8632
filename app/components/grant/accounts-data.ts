// What the accounts page (/grants/:id/accounts) hands its components. Amounts in øre (bigint).
import type { AccountsStatus, RepaymentStatus } from "~/domain/grants/grant-constants";

export type AccountsRowData = {
  categoryId: number;
  label: string;
  budgetOre: bigint | null;
  spentOre: bigint | null;
  ineligibleOre: bigint;
  note: string;
};

export type SettlementData = {
  spentOre: bigint;
  ineligibleOre: bigint;
  eligibleOre: bigint;
  unspentOre: bigint;
  computedOre: bigint;
  claimOre: bigint;
  waivedOre: bigint;
  owedOre: bigint;
  releaseOre: bigint;
  explanation: string[];
};

export type ClaimData = {
  id: number;
  amountOre: bigint;
  status: RepaymentStatus;
  statusLabel: string;
  dueOn: string | null;
  paidOn: string | null;
  reason: string;
};

export type AccountsPageData = {
  grantId: number;
  municipalityName: string;
  callTitle: string;
  grantStatusLabel: string;
  status: AccountsStatus | null;
  statusLabel: string;
  returnReason: string | null;
  submittedAt: string | null;
  decidedAt: string | null;
  open: boolean;
  openFrom: string;
  accountsDue: string;
  awardedOre: bigint;
  committedOre: bigint;
  paidOre: bigint;
  repaymentMinOre: bigint;
  budgetVersion: number | null;
  rows: AccountsRowData[];
  statement: { id: string; filename: string; sizeBytes: number; uploadedAt: string } | null;
  claims: ClaimData[];
  settlement: SettlementData | null;
  canEdit: boolean;
  canDecide: boolean;
  canRecordRepayment: boolean;
  today: string;
};
