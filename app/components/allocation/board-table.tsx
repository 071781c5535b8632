// The allocation board's table: the ranking with a decision per application, the amount
// it gives, and the line where the pool stops reaching. Inputs are plain form fields (the
// page works without JavaScript); with JavaScript the totals follow every keystroke.
import { Fragment } from "react";
import { decisionLabels, field } from "~/domain/grants/allocation";
import { ALLOCATION_DECISIONS } from "~/domain/grants/grant-constants";
import { formatOre } from "~/utils/money";
import { TableScroll } from "~/components/table-scroll";

// Per row of the board (issue 19, decision 035): the same option elements for every select,
// made once; and each label one template string, a single text node — adjacent text
// children cost React a node each and a <!-- --> marker between them in the HTML.
const DECISION_OPTIONS = [
  <option key="" value="">
    Vælg
  </option>,
  ...ALLOCATION_DECISIONS.map((d) => (
    <option key={d} value={d}>
      {decisionLabels[d]}
    </option>
  )),
];

export type BoardRow = {
  id: number;
  rank: number | null;
  municipalityName: string;
  needIndex: string;
  statusLabel: string;
  requestedOre: bigint;
  decision: string;
  amount: string;
  reason: string;
  grantOre: bigint;
  cumulativeOre: bigint;
};

export function BoardTable({
  rows,
  reachIndex,
  editable,
  errors,
}: {
  rows: BoardRow[];
  reachIndex: number | null;
  editable: boolean;
  errors: Record<string, string>;
}) {
  return (
    <TableScroll label="Fordeling">
      <table className="table table--compact">
        <caption className="sr-only">Ansøgninger i rangorden med afgørelse og beløb</caption>
        <thead>
          <tr>
            <th scope="col" className="pp-num">Rang</th>
            <th scope="col">Kommune</th>
            <th scope="col" className="pp-num">Ansøgt</th>
            <th scope="col">Afgørelse</th>
            <th scope="col">Reduceret beløb og begrundelse</th>
            <th scope="col" className="pp-num">Tilsagn</th>
            <th scope="col" className="pp-num">Akkumuleret</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <Fragment key={r.id}>
              {i === reachIndex ? (
                <tr className="pp-cutoff" data-testid="pool-line">
                  <td colSpan={7} style={{ borderTop: "3px solid #b0000b", fontWeight: 600 }}>
                    Puljen rækker hertil: ansøgningerne herunder kan ikke dækkes af det, der er tilbage.
                  </td>
                </tr>
              ) : null}
              <tr>
                <td className="pp-num">{r.rank ?? "–"}</td>
                <th scope="row">
                  <a href={`/applications/${r.id}/assessment`}>{r.municipalityName}</a>
                  <div className="pp-muted">
                    {`${r.statusLabel} · behovsindeks ${r.needIndex}`}
                  </div>
                </th>
                <td className="pp-num">{formatOre(r.requestedOre)}</td>
                <td>
                  <label className="sr-only" htmlFor={field.decision(r.id)}>
                    {`Afgørelse for ${r.municipalityName}`}
                  </label>
                  <select className="form-select" id={field.decision(r.id)} name={field.decision(r.id)} defaultValue={r.decision} disabled={!editable}>
                    {DECISION_OPTIONS}
                  </select>
                  {errors[field.decision(r.id)] ? <p className="form-error-message">{errors[field.decision(r.id)]}</p> : null}
                </td>
                <td>
                  <label className="form-label" htmlFor={field.amount(r.id)}>
                    {`Beløb (kr.) for ${r.municipalityName}`}
                  </label>
                  <input className="form-input" id={field.amount(r.id)} name={field.amount(r.id)} defaultValue={r.amount} inputMode="decimal" disabled={!editable} />
                  {errors[field.amount(r.id)] ? <p className="form-error-message">{errors[field.amount(r.id)]}</p> : null}
                  <label className="form-label" htmlFor={field.reason(r.id)}>
                    {`Begrundelse for ${r.municipalityName}`}
                  </label>
                  <textarea className="form-input" id={field.reason(r.id)} name={field.reason(r.id)} defaultValue={r.reason} rows={2} disabled={!editable} />
                  {errors[field.reason(r.id)] ? <p className="form-error-message">{errors[field.reason(r.id)]}</p> : null}
                </td>
                <td className="pp-num" data-testid={`grant-${r.id}`}>
                  {formatOre(r.grantOre)}
                </td>
                <td className="pp-num">{formatOre(r.cumulativeOre)}</td>
              </tr>
            </Fragment>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
