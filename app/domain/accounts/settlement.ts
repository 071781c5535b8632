// Settling a grant from its approved accounts (regnskab): what is reclaimed, what is
// released. Pure and in øre (bigint), so the boundary can be tested without a database.
//
// The claim is the unspent part of what was paid plus the ineligible part of what was
// spent: (paid − spent) + ineligible = paid − eligible spent. Never negative (a
// municipality that spent more than it was paid owes nothing), and not raised at all when
// it is under the pool's threshold (500 kr., `pools.repayment_min_ore`).
// The money still committed but never paid is released to the pool when the accounts are
// approved (a `cancelled` ledger entry; decision 019).
import { formatOre } from "~/utils/money";

export type SettlementInput = {
  /** What the grant has paid out (grants.paid_ore). */
  paidOre: bigint;
  /** What the grant still commits (grants.committed_ore, ≥ paid). */
  committedOre: bigint;
  lines: { spentOre: bigint; ineligibleOre: bigint }[];
  /** The pool's threshold: totals under it are not reclaimed. */
  repaymentMinOre: bigint;
};

export type Settlement = {
  spentOre: bigint;
  ineligibleOre: bigint;
  eligibleOre: bigint;
  /** paid − spent: negative when more was spent than paid. */
  unspentOre: bigint;
  /** max(0, paid − eligible): what would be reclaimed without the threshold. */
  computedOre: bigint;
  /** The repayment claim to raise (0: none). */
  claimOre: bigint;
  /** A claim above 0 that is not raised because it is under the threshold. */
  waivedOre: bigint;
  /** Eligible spending beyond what was paid, still committed: must be paid before approval. */
  owedOre: bigint;
  /** Committed but unpaid money released back to the pool on approval. */
  releaseOre: bigint;
  /** Danish, one sentence per step, for the page and the audit row. */
  explanation: string[];
};

const max = (a: bigint, b: bigint) => (a > b ? a : b);
const min = (a: bigint, b: bigint) => (a < b ? a : b);

export function settle(input: SettlementInput): Settlement {
  const spentOre = input.lines.reduce((s, l) => s + l.spentOre, 0n);
  const ineligibleOre = input.lines.reduce((s, l) => s + l.ineligibleOre, 0n);
  const eligibleOre = spentOre - ineligibleOre;
  const unspentOre = input.paidOre - spentOre;
  const computedOre = max(0n, unspentOre + ineligibleOre);
  const waived = computedOre > 0n && computedOre < input.repaymentMinOre;
  const claimOre = waived ? 0n : computedOre;
  const owedOre = max(0n, min(eligibleOre, input.committedOre) - input.paidOre);
  const releaseOre = owedOre > 0n ? 0n : input.committedOre - input.paidOre;

  const explanation = [
    `Udbetalt tilskud ${formatOre(input.paidOre)}, afholdte udgifter ${formatOre(spentOre)}, heraf ikke støtteberettiget ${formatOre(ineligibleOre)}.`,
  ];
  if (computedOre === 0n) explanation.push("De støtteberettigede udgifter dækker hele det udbetalte tilskud: intet skal tilbagebetales.");
  else if (waived)
    explanation.push(
      `Uforbrugt og ikke støtteberettiget i alt ${formatOre(computedOre)} er under beløbsgrænsen på ${formatOre(input.repaymentMinOre)} og kræves ikke tilbage.`,
    );
  else explanation.push(`Uforbrugt og ikke støtteberettiget i alt ${formatOre(computedOre)} kræves tilbagebetalt.`);
  if (owedOre > 0n) explanation.push(`Der mangler at blive udbetalt ${formatOre(owedOre)} af tilsagnet, før regnskabet kan godkendes.`);
  else if (releaseOre > 0n) explanation.push(`Ikke udbetalt tilsagn på ${formatOre(releaseOre)} frigives til puljen.`);

  return { spentOre, ineligibleOre, eligibleOre, unspentOre, computedOre, claimOre, waivedOre: waived ? computedOre : 0n, owedOre, releaseOre, explanation };
}

/**
 * Accounts may be submitted from the first day of the project's last quarter on
 * (YYYY-MM-DD, Copenhagen calendar dates compare as text).
 */
export function accountsOpenFrom(projectEnd: string): string {
  const [y, m] = projectEnd.split("-").map(Number) as [number, number];
  const firstMonth = Math.floor((m - 1) / 3) * 3 + 1;
  return `${y}-${String(firstMonth).padStart(2, "0")}-01`;
}

export function accountsOpen(projectEnd: string, today: string): boolean {
  return today >= accountsOpenFrom(projectEnd);
}
