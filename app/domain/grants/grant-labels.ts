// Grant words for the pages (no server imports: components use them too).
import type { GrantStatus, LedgerKind } from "./grant-constants";
import { GRANT_STATUSES } from "./grant-constants";

export const grantStatusLabels: Record<GrantStatus, string> = {
  offered: "Tilsagn givet, afventer accept",
  accepted: "Accepteret",
  lapsed: "Bortfaldet",
  cancelled: "Annulleret",
  closed: "Afsluttet",
};

export function grantStatusLabel(status: string): string {
  return (GRANT_STATUSES as readonly string[]).includes(status) ? grantStatusLabels[status as GrantStatus] : status;
}

export const ledgerKindLabels: Record<LedgerKind, string> = {
  committed: "Tilsagn (disponeret)",
  lapsed: "Bortfald",
  cancelled: "Annullering",
  paid: "Udbetaling",
  repaid: "Tilbagebetaling",
  corrected: "Korrektion",
};

export type LedgerEntryView = {
  id: number;
  kind: LedgerKind;
  committedDeltaOre: bigint;
  paidDeltaOre: bigint;
  bookedOn: string;
  note: string;
};

export type LedgerLine = LedgerEntryView & { committedBalanceOre: bigint; paidBalanceOre: bigint; unpaidBalanceOre: bigint };

/**
 * The ledger with running balances, in booking order: what is committed, what is paid,
 * and what is committed but not yet paid after each entry. Integer øre throughout.
 */
export function withRunningBalance(entries: readonly LedgerEntryView[]): LedgerLine[] {
  let committed = 0n;
  let paid = 0n;
  return entries.map((e) => {
    committed += e.committedDeltaOre;
    paid += e.paidDeltaOre;
    return { ...e, committedBalanceOre: committed, paidBalanceOre: paid, unpaidBalanceOre: committed - paid };
  });
}
