// Amounts of one grant: awarded, committed (after lapses and repayments), paid, unpaid.
import { formatOre } from "~/utils/money";

export type GrantAmountsData = { awardedOre: bigint; committedOre: bigint; paidOre: bigint };

export function GrantAmounts({ a }: { a: GrantAmountsData }) {
  return (
    <section aria-labelledby="grant-amounts">
      <h2 id="grant-amounts">Beløb</h2>
      <dl className="pp-facts">
        <dt>Tilsagnsbeløb</dt>
        <dd className="pp-num">{formatOre(a.awardedOre)}</dd>
        <dt>Disponeret nu</dt>
        <dd className="pp-num">{formatOre(a.committedOre)}</dd>
        <dt>Udbetalt</dt>
        <dd className="pp-num">{formatOre(a.paidOre)}</dd>
        <dt>Endnu ikke udbetalt</dt>
        <dd className="pp-num">{formatOre(a.committedOre - a.paidOre)}</dd>
      </dl>
    </section>
  );
}
