// The pool's figures above the board, recomputed in the browser as amounts are edited.
import { formatOre } from "~/utils/money";

export function BoardSummary({
  t,
}: {
  t: { poolTotalOre: bigint; committedBeforeOre: bigint; roundOre: bigint; committedOre: bigint; leftOre: bigint; overOre: bigint };
}) {
  return (
    <section aria-labelledby="board-summary" className="pp-card">
      <h2 className="h3" id="board-summary">
        Puljen
      </h2>
      <dl className="pp-facts" aria-live="polite">
        <dt>Puljens ramme</dt>
        <dd className="pp-num">{formatOre(t.poolTotalOre)}</dd>
        <dt>Disponeret før denne runde</dt>
        <dd className="pp-num">{formatOre(t.committedBeforeOre)}</dd>
        <dt>Denne runde</dt>
        <dd className="pp-num" data-testid="round-total">
          {formatOre(t.roundOre)}
        </dd>
        <dt>Disponeret i alt</dt>
        <dd className="pp-num">{formatOre(t.committedOre)}</dd>
        <dt>Tilbage i puljen</dt>
        <dd className="pp-num" data-testid="pool-left">
          {formatOre(t.leftOre)}
        </dd>
      </dl>
      {t.overOre > 0n ? (
        <p className="pp-error" role="alert">
          Fordelingen er {formatOre(t.overOre)} over puljens ramme.
        </p>
      ) : null}
    </section>
  );
}
