// The ministry's payment work list: views (due this quarter, awaiting approval, approved,
// held, all), a municipality search, and the table; the URL holds the filters.
import { Form, Link } from "@remix-run/react";
import { TableScroll } from "~/components/table-scroll";
import { PaymentStatusBadge } from "~/components/grant/grant-payments";
import { formatQuarter } from "~/utils/dates";
import { formatOre } from "~/utils/money";

export const viewLabels = {
  due: "Forfalder senest i dette kvartal",
  awaiting: "Klargjort, afventer godkendelse",
  approved: "Godkendt, afventer udbetaling",
  held: "Standsede tilsagn",
  all: "Alle udbetalinger",
} as const;

export type WorklistRow = {
  id: number;
  grantId: number;
  municipalityName: string;
  quarter: string;
  dueOn: string;
  amountOre: bigint;
  status: string;
  preparedByName: string | null;
  holdReason: string | null;
};

export function PaymentWorklistFilters({ filters }: { filters: { view: string; q: string } }) {
  return (
    <Form method="get" className="pp-filters" role="search" aria-label="Filtrér udbetalinger">
      <div className="form-group">
        <label className="form-label" htmlFor="view">
          Vis
        </label>
        <select className="form-select" id="view" name="view" defaultValue={filters.view}>
          {Object.entries(viewLabels).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="form-group">
        <label className="form-label" htmlFor="q">
          Kommune
        </label>
        <input className="form-input" id="q" name="q" type="search" defaultValue={filters.q} />
      </div>
      <button className="button button-secondary" type="submit">
        Filtrér
      </button>
    </Form>
  );
}

export function PaymentWorklistTable({ rows, sumOre }: { rows: WorklistRow[]; sumOre: bigint }) {
  return (
    <TableScroll label="Udbetalinger">
      <table className="table table--zebra table--compact">
        <caption className="sr-only">Udbetalinger</caption>
        <thead>
          <tr>
            <th scope="col">Kommune</th>
            <th scope="col">Kvartal</th>
            <th scope="col">Forfald</th>
            <th scope="col" className="pp-num">Beløb</th>
            <th scope="col">Status</th>
            <th scope="col">Klargjort af</th>
            <th scope="col">Stop</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>
                <Link to={`/grants/${r.grantId}/payments`}>{r.municipalityName}</Link>
              </td>
              <td>{formatQuarter(r.quarter)}</td>
              <td>{r.dueOn}</td>
              <td className="pp-num">{formatOre(r.amountOre)}</td>
              <td>
                <PaymentStatusBadge status={r.status} />
              </td>
              <td>{r.preparedByName ?? (r.status === "planned" ? "" : "Systemet")}</td>
              <td>{r.holdReason ? <span className="pp-badge pp-badge-bad">Standset: {r.holdReason}</span> : ""}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              I alt (alle sider)
            </th>
            <td className="pp-num">{formatOre(sumOre)}</td>
            <td colSpan={3} />
          </tr>
        </tfoot>
      </table>
    </TableScroll>
  );
}
