// The grant's ledger: every movement of money with the running balance after it.
import { ledgerKindLabels } from "~/domain/grants/grant-labels";
import type { LedgerKind } from "~/domain/grants/grant-constants";
import { formatOre } from "~/utils/money";
import { TableScroll } from "~/components/table-scroll";

export type GrantLedgerLine = {
  id: number;
  kind: LedgerKind;
  bookedOn: string;
  note: string;
  committedDeltaOre: bigint;
  paidDeltaOre: bigint;
  committedBalanceOre: bigint;
  paidBalanceOre: bigint;
  unpaidBalanceOre: bigint;
};

const delta = (v: bigint) => (v === 0n ? "" : `${v > 0n ? "+" : ""}${formatOre(v)}`);

export function GrantLedger({ lines }: { lines: GrantLedgerLine[] }) {
  return (
    <section aria-labelledby="grant-ledger">
      <h2 id="grant-ledger">Posteringer</h2>
      {lines.length === 0 ? (
        <p>Der er ingen posteringer på tilsagnet endnu.</p>
      ) : (
        <TableScroll label="Posteringer">
          <table className="table table--zebra table--compact">
            <caption className="sr-only">Posteringer med saldo efter hver postering</caption>
            <thead>
              <tr>
                <th scope="col">Bogført</th>
                <th scope="col">Postering</th>
                <th scope="col">Note</th>
                <th scope="col" className="pp-num">Disponeret ±</th>
                <th scope="col" className="pp-num">Udbetalt ±</th>
                <th scope="col" className="pp-num">Disponeret saldo</th>
                <th scope="col" className="pp-num">Udbetalt saldo</th>
                <th scope="col" className="pp-num">Rest til udbetaling</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => (
                <tr key={l.id}>
                  <td>{l.bookedOn}</td>
                  <td>{ledgerKindLabels[l.kind]}</td>
                  <td>{l.note}</td>
                  <td className="pp-num">{delta(l.committedDeltaOre)}</td>
                  <td className="pp-num">{delta(l.paidDeltaOre)}</td>
                  <td className="pp-num">{formatOre(l.committedBalanceOre)}</td>
                  <td className="pp-num">{formatOre(l.paidBalanceOre)}</td>
                  <td className="pp-num">{formatOre(l.unpaidBalanceOre)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
