// The application list: filters (a GET form, so the URL holds them), the ministry's
// table with sortable headers and totals, the municipality's simpler table, paging.
import { Form, Link, useSearchParams } from "@remix-run/react";
import { APPLICATION_STATUSES, type ApplicationStatus } from "~/domain/applications/application-constants";
import { MUNICIPALITY_STATUSES, municipalityStatusLabels, statusLabels } from "~/domain/applications/status";
import type { FormaliaState } from "~/domain/assessment/formalia-labels";
import { formatNeedIndex, formatScore } from "~/domain/assessment/score-format";
import { formatDateTime } from "~/utils/dates";
import { formatOre } from "~/utils/money";
import { FormaliaBadge, StatusBadge } from "./assessment-badges";
import { TableScroll } from "~/components/table-scroll";
import { PAGE_SIZES, type ListFilters, type SortKey } from "~/domain/assessment/list-filters";

type Filters = ListFilters;

type Options = {
  calls: { id: number; title: string }[];
  municipalities: { code: string; name: string }[];
  staff: { id: string; name: string }[];
};

type Row = {
  id: number;
  callTitle: string;
  municipalityName: string;
  status: ApplicationStatus;
  requestedOre: bigint;
  submittedAt: Date | null;
  updatedAt: Date;
  needIndex: string | null;
  rank: number | null;
  score: { tenths: number | null; scored: number; total: number };
  formalia: FormaliaState;
  assignedName: string | null;
};

const sortOptions: { key: SortKey; label: string }[] = [
  { key: "need", label: "Behovsindeks" },
  { key: "municipality", label: "Kommune" },
  { key: "amount", label: "Ansøgt beløb" },
  { key: "submitted", label: "Indsendt" },
  { key: "status", label: "Status" },
  { key: "score", label: "Vægtet score" },
];

export function ApplicationFilters({ ministry, filters, options }: { ministry: boolean; filters: Filters; options: Options }) {
  // The sort selects are keyed by their value: a column header changes the sort by a
  // client-side navigation, and an uncontrolled select would keep showing (and "Vis" send
  // back) the old one. Only they remount, so focus on "Vis" survives a submit.
  return (
    <Form method="get" className="pp-filters pp-filters-grid" role="search" aria-label="Filtrér ansøgninger">
      <div className="form-group">
        <label className="form-label" htmlFor="call">
          Opslag
        </label>
        <select className="form-select" id="call" name="call" defaultValue={filters.callId ?? ""}>
          <option value="">Alle opslag</option>
          {options.calls.map((c) => (
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
          {ministry
            ? APPLICATION_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {statusLabels[s]}
                </option>
              ))
            : MUNICIPALITY_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {municipalityStatusLabels[s]}
                </option>
              ))}
        </select>
      </div>
      {ministry ? (
        <>
          <div className="form-group">
            <label className="form-label" htmlFor="municipality">
              Kommune
            </label>
            <select className="form-select" id="municipality" name="municipality" defaultValue={filters.municipalityCode ?? ""}>
              <option value="">Alle kommuner</option>
              {options.municipalities.map((m) => (
                <option key={m.code} value={m.code}>
                  {m.name}
                </option>
              ))}
            </select>
          </div>
          <div className="form-group pp-filters-wide">
            <label className="form-label" htmlFor="q">
              Søg i kommune, kontaktperson eller referencenummer
            </label>
            <input className="form-input" id="q" name="q" type="search" defaultValue={filters.q} maxLength={100} />
          </div>
          <div className="form-group">
            <label className="form-label" htmlFor="assigned">
              Sagsbehandler
            </label>
            <select className="form-select" id="assigned" name="assigned" defaultValue={filters.assignedTo ?? ""}>
              <option value="">Alle</option>
              <option value="none">Ikke tildelt</option>
              {options.staff.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
          <div className="form-group">
            <label className="form-label" htmlFor="sort">
              Sortér efter
            </label>
            <select key={filters.sort} className="form-select" id="sort" name="sort" defaultValue={filters.sort}>
              {sortOptions.map((o) => (
                <option key={o.key} value={o.key}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
          <div className="form-group">
            <label className="form-label" htmlFor="dir">
              Rækkefølge
            </label>
            <select key={filters.dir} className="form-select" id="dir" name="dir" defaultValue={filters.dir}>
              <option value="desc">Faldende</option>
              <option value="asc">Stigende</option>
            </select>
          </div>
          <div className="form-group">
            <div className="form-group-checkbox">
              <input className="form-checkbox" id="drafts" name="drafts" type="checkbox" value="1" defaultChecked={filters.includeDrafts} />
              <label htmlFor="drafts">Vis også kladder</label>
            </div>
          </div>
        </>
      ) : null}
      <div className="form-group">
        <label className="form-label" htmlFor="pageSize">
          Ansøgninger pr. side
        </label>
        <select key={filters.pageSize} className="form-select" id="pageSize" name="pageSize" defaultValue={filters.pageSize}>
          {PAGE_SIZES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button button-secondary">
        Vis
      </button>
    </Form>
  );
}

function SortHeader({ label, sortKey, filters, numeric }: { label: string; sortKey: SortKey; filters: Filters; numeric?: boolean }) {
  const [params] = useSearchParams();
  const active = filters.sort === sortKey;
  const next = new URLSearchParams(params);
  next.set("sort", sortKey);
  next.set("dir", active && filters.dir === "desc" ? "asc" : active ? "desc" : sortKey === "municipality" || sortKey === "status" ? "asc" : "desc");
  next.delete("page");
  return (
    <th scope="col" className={numeric ? "pp-num" : undefined} aria-sort={active ? (filters.dir === "asc" ? "ascending" : "descending") : undefined}>
      <Link to={`?${next.toString()}`}>
        {label}
        {active ? (filters.dir === "asc" ? " ▲" : " ▼") : ""}
      </Link>
    </th>
  );
}

export function MinistryApplicationTable({
  rows,
  total,
  requestedSumOre,
  filters,
}: {
  rows: Row[];
  total: number;
  requestedSumOre: bigint;
  filters: Filters;
}) {
  return (
    <TableScroll label="Ansøgninger">
      <table className="table table--zebra table--compact">
        <caption className="sr-only">Ansøgninger</caption>
        <thead>
          <tr>
            <SortHeader label="Rang (behovsindeks)" sortKey="need" filters={filters} numeric />
            <SortHeader label="Kommune" sortKey="municipality" filters={filters} />
            <th scope="col">Opslag</th>
            <SortHeader label="Status" sortKey="status" filters={filters} />
            <SortHeader label="Ansøgt beløb" sortKey="amount" filters={filters} numeric />
            <SortHeader label="Indsendt" sortKey="submitted" filters={filters} />
            <th scope="col">Formalia</th>
            <SortHeader label="Vægtet score" sortKey="score" filters={filters} numeric />
            <th scope="col">Sagsbehandler</th>
            <th scope="col">Handlinger</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td className="pp-num">
                {r.rank ?? "–"}
                {r.needIndex !== null ? <span className="pp-muted"> ({formatNeedIndex(r.needIndex)})</span> : null}
              </td>
              <td>{r.municipalityName}</td>
              <td>{r.callTitle}</td>
              <td>
                <StatusBadge status={r.status} />
              </td>
              <td className="pp-num">{formatOre(r.requestedOre)}</td>
              <td>{r.submittedAt ? formatDateTime(r.submittedAt) : "–"}</td>
              <td>
                <FormaliaBadge state={r.formalia} />
              </td>
              <td className="pp-num">
                {r.score.tenths !== null ? formatScore(r.score.tenths) : r.score.scored > 0 ? `${r.score.scored}/${r.score.total} scoret` : "–"}
              </td>
              <td>{r.assignedName ?? <span className="pp-muted">Ikke tildelt</span>}</td>
              <td>
                <Link to={`/applications/${r.id}`}>
                  Ansøgning<span className="sr-only"> fra {r.municipalityName}</span>
                </Link>
                {" · "}
                <Link to={`/applications/${r.id}/assessment`}>
                  Vurdering<span className="sr-only"> af {r.municipalityName}</span>
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={4}>
              I alt: {total === 1 ? "1 ansøgning" : `${total} ansøgninger`}
            </th>
            <td className="pp-num">
              <strong>{formatOre(requestedSumOre)}</strong>
            </td>
            <td colSpan={5} />
          </tr>
        </tfoot>
      </table>
    </TableScroll>
  );
}

type OwnRow = { id: number; callTitle: string; requestedOre: bigint; updatedAt: Date; statusLabel: string };

export function MunicipalityApplicationTable({ rows }: { rows: OwnRow[] }) {
  return (
    <TableScroll label="Jeres ansøgninger">
      <table className="table table--zebra table--compact">
        <caption className="sr-only">Jeres ansøgninger</caption>
        <thead>
          <tr>
            <th scope="col">Opslag</th>
            <th scope="col">Status</th>
            <th scope="col" className="pp-num">
              Ansøgt beløb
            </th>
            <th scope="col">Senest ændret</th>
            <th scope="col">
              <span className="sr-only">Åbn</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>{r.callTitle}</td>
              <td>
                <span className="pp-badge">{r.statusLabel}</span>
              </td>
              <td className="pp-num">{formatOre(r.requestedOre)}</td>
              <td>{formatDateTime(r.updatedAt)}</td>
              <td>
                <Link to={`/applications/${r.id}`}>
                  Åbn<span className="sr-only"> ansøgningen til {r.callTitle}</span>
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
