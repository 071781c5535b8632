// The accounts as a statement: the grant as its own income line ("tilskuddet som
// selvstændig indtægtspost"), then the spending per budget line against the budget in
// force, the caseworker's ineligible amounts with notes, and the settlement.
import { formatOre } from "~/utils/money";
import { TableScroll } from "../table-scroll";
import type { AccountsPageData } from "./accounts-data";

const dash = "–";

export function AccountsSummary({ d }: { d: AccountsPageData }) {
  const spent = d.rows.reduce((s, r) => s + (r.spentOre ?? 0n), 0n);
  const ineligible = d.rows.reduce((s, r) => s + r.ineligibleOre, 0n);
  const budget = d.rows.some((r) => r.budgetOre !== null) ? d.rows.reduce((s, r) => s + (r.budgetOre ?? 0n), 0n) : null;
  return (
    <TableScroll label="Regnskab pr. budgetpost">
      <table className="table table--compact" id="regnskab-tabel">
        <caption className="sr-only">Regnskab pr. budgetpost</caption>
        <thead>
          <tr>
            <th scope="col">Post</th>
            <th scope="col" className="pp-num">
              Budget{d.budgetVersion ? ` (version ${d.budgetVersion})` : ""}
            </th>
            <th scope="col" className="pp-num">Regnskab</th>
            <th scope="col" className="pp-num">Ikke støtteberettiget</th>
            <th scope="col">Bemærkning</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row" colSpan={5}>
              Indtægter
            </th>
          </tr>
          <tr>
            <td>Tilskud fra puljen (udbetalt)</td>
            <td className="pp-num">{formatOre(d.committedOre)}</td>
            <td className="pp-num" data-testid="income-line">
              {formatOre(d.paidOre)}
            </td>
            <td className="pp-num">{dash}</td>
            <td />
          </tr>
          <tr>
            <th scope="row" colSpan={5}>
              Udgifter
            </th>
          </tr>
          {d.rows.map((r) => (
            <tr key={r.categoryId}>
              <td>{r.label}</td>
              <td className="pp-num">{r.budgetOre === null ? dash : formatOre(r.budgetOre)}</td>
              <td className="pp-num">{r.spentOre === null ? dash : formatOre(r.spentOre)}</td>
              <td className="pp-num">{r.ineligibleOre > 0n ? formatOre(r.ineligibleOre) : dash}</td>
              <td>{r.note}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">Udgifter i alt</th>
            <td className="pp-num">{budget === null ? dash : formatOre(budget)}</td>
            <td className="pp-num">
              <strong>{formatOre(spent)}</strong>
            </td>
            <td className="pp-num">{ineligible > 0n ? formatOre(ineligible) : dash}</td>
            <td />
          </tr>
          <tr>
            <th scope="row">Tilskud minus udgifter</th>
            <td />
            <td className="pp-num">{formatOre(d.paidOre - spent)}</td>
            <td />
            <td />
          </tr>
        </tbody>
      </table>
    </TableScroll>
  );
}

export function SettlementPanel({ d }: { d: AccountsPageData }) {
  const s = d.settlement;
  if (!s) return null;
  const approved = d.status === "approved";
  return (
    <div className={`alert ${s.claimOre > 0n ? "alert-warning" : "alert-info"}`} id="afregning">
      <div className="alert-body">
        <p className="alert-heading">{approved ? "Afregning" : "Foreløbig afregning (beregnet af de gemte tal)"}</p>
        {s.explanation.map((line) => (
          <p className="alert-text" key={line}>
            {line}
          </p>
        ))}
        <p className="alert-text">
          Beløbsgrænse for tilbagebetaling: {formatOre(d.repaymentMinOre)}.{" "}
          <strong data-testid="claim-amount">
            {s.claimOre > 0n ? `Tilbagebetalingskrav: ${formatOre(s.claimOre)}` : "Intet tilbagebetalingskrav."}
          </strong>
        </p>
      </div>
    </div>
  );
}
