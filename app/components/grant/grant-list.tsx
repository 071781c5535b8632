// The grant list: a GET filter form (the URL holds the filters) and the table with totals.
import { Form, Link } from "@remix-run/react";
import { GRANT_STATUSES } from "~/domain/grants/grant-constants";
import { grantStatusLabels } from "~/domain/grants/grant-labels";
import { formatOre } from "~/utils/money";
import { TableScroll } from "~/components/table-scroll";
import { GrantStatusBadge } from "./grant-header";

export type GrantListRow = {
  id: number;
  municipalityName: string;
  callTitle: string;
  status: string;
  awardedOre: bigint;
  committedOre: bigint;
  paidOre: bigint;
  decidedAt: string;
};

export function GrantFilters({
  ministry,
  filters,
  calls,
}: {
  ministry: boolean;
  filters: { q: string; status: string | null; callId: number | null };
  calls: { id: number; title: string }[];
}) {
  return (
    <Form method="get" className="pp-filters" role="search" aria-label="Filtrér tilsagn">
      {ministry ? (
        <div className="form-group">
          <label className="form-label" htmlFor="q">
            Kommune
          </label>
          <input className="form-input" id="q" name="q" type="search" defaultValue={filters.q} />
        </div>
      ) : null}
      <div className="form-group">
        <label className="form-label" htmlFor="call">
          Opslag
        </label>
        <select className="form-select" id="call" name="call" defaultValue={filters.callId ?? ""}>
          <option value="">Alle opslag</option>
          {calls.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
        </select>
      </div>
      <div className="form-group">
        <label className="form-label" htmlFor="status">
          Status
        </label>
        <select className="form-select" id="status" name="status" defaultValue={filters.status ?? ""}>
          <option value="">Alle</option>
          {GRANT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {grantStatusLabels[s]}
            </option>
          ))}
        </select>
      </div>
      <button className="button button-secondary" type="submit">
        Filtrér
      </button>
    </Form>
  );
}

export function GrantTable({
  rows,
  totals,
}: {
  rows: GrantListRow[];
  totals: { awardedSumOre: bigint; committedSumOre: bigint; paidSumOre: bigint };
}) {
  return (
    <TableScroll label="Tilsagn">
      <table className="table table--zebra table--compact">
        <caption className="sr-only">Tilsagn</caption>
        <thead>
          <tr>
            <th scope="col">Kommune</th>
            <th scope="col">Opslag</th>
            <th scope="col">Status</th>
            <th scope="col">Afgjort</th>
            <th scope="col" className="pp-num">Tilsagn</th>
            <th scope="col" className="pp-num">Disponeret</th>
            <th scope="col" className="pp-num">Udbetalt</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>
                <Link to={`/grants/${r.id}`}>{r.municipalityName}</Link>
              </td>
              <td>{r.callTitle}</td>
              <td>
                <GrantStatusBadge status={r.status} />
              </td>
              <td>{r.decidedAt}</td>
              <td className="pp-num">{formatOre(r.awardedOre)}</td>
              <td className="pp-num">{formatOre(r.committedOre)}</td>
              <td className="pp-num">{formatOre(r.paidOre)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={4}>
              I alt (alle sider)
            </th>
            <td className="pp-num">{formatOre(totals.awardedSumOre)}</td>
            <td className="pp-num">{formatOre(totals.committedSumOre)}</td>
            <td className="pp-num">{formatOre(totals.paidSumOre)}</td>
          </tr>
        </tfoot>
      </table>
    </TableScroll>
  );
}
