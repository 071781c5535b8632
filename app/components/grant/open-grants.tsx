// "Hvem fik hvad": the public filter form (GET, the URL holds the filters) and the table
// of decided grants with the total of every page. Props are display-ready strings.
import { Form } from "@remix-run/react";
import { TableScroll } from "~/components/table-scroll";

export type OpenGrantView = {
  id: number;
  municipality: string;
  kommunekode: string;
  amount: string;
  purpose: string;
  themes: string;
  period: string;
  pool: string;
  decidedOn: string;
  status: string;
};

export type OpenGrantFilterView = { q: string; poolId: number | null; year: number | null; sort: string };

const SORT_LABELS: Record<string, string> = {
  nyeste: "Nyeste afgørelse først",
  kommune: "Kommune (alfabetisk)",
  beloeb: "Største beløb først",
};

export function OpenGrantFilters({
  filters,
  pools,
  years,
}: {
  filters: OpenGrantFilterView;
  pools: { id: number; name: string }[];
  years: number[];
}) {
  return (
    <Form method="get" className="pp-filters" role="search" aria-label="Filtrér tilsagn">
      <div className="form-group">
        <label className="form-label" htmlFor="q">
          Kommune
        </label>
        <input className="form-input" id="q" name="q" type="search" defaultValue={filters.q} />
      </div>
      <div className="form-group">
        <label className="form-label" htmlFor="pulje">
          Pulje
        </label>
        <select className="form-select" id="pulje" name="pulje" defaultValue={filters.poolId ?? ""}>
          <option value="">Alle puljer</option>
          {pools.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <div className="form-group">
        <label className="form-label" htmlFor="aar">
          År for afgørelse
        </label>
        <select className="form-select" id="aar" name="aar" defaultValue={filters.year ?? ""}>
          <option value="">Alle år</option>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      <div className="form-group">
        <label className="form-label" htmlFor="sorter">
          Sortér efter
        </label>
        <select className="form-select" id="sorter" name="sorter" defaultValue={filters.sort}>
          {Object.entries(SORT_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <button className="button button-secondary" type="submit">
        Vis tilsagn
      </button>
    </Form>
  );
}

export function OpenGrantTable({ rows, total }: { rows: OpenGrantView[]; total: string }) {
  return (
    <TableScroll label="Tilsagn">
      <table className="table table--zebra table--compact">
        <caption className="sr-only">Tilsagn fra puljerne</caption>
        <thead>
          <tr>
            <th scope="col">Kommune</th>
            <th scope="col" className="pp-num">
              Beløb
            </th>
            <th scope="col">Formål</th>
            <th scope="col">Projektperiode</th>
            <th scope="col">Pulje</th>
            <th scope="col">Afgjort</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <th scope="row">
                {r.municipality} <span className="form-hint">(kommunekode {r.kommunekode})</span>
              </th>
              <td className="pp-num">{r.amount}</td>
              <td>
                {r.purpose}
                {r.themes ? <span className="form-hint">Fokusområder: {r.themes}</span> : null}
              </td>
              <td>{r.period}</td>
              <td>{r.pool}</td>
              <td>{r.decidedOn}</td>
              <td>{r.status}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">I alt (alle sider)</th>
            <td className="pp-num">{total}</td>
            <td colSpan={5} />
          </tr>
        </tfoot>
      </table>
    </TableScroll>
  );
}
