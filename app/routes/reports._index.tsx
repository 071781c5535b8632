// Progress reports (statusrapporter): the ministry's worklist (submitted ones waiting first),
// filtered by status, pool and municipality, searchable, paged; a municipality sees its own.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { Pagination } from "~/components/pagination";
import { getDb } from "~/db.server";
import { appNow } from "~/domain/clock/clock.server";
import { listReports, worklistOptions } from "~/domain/reports/queries.server";
import { REPORT_DUE_KIND_LABELS, REPORT_STATUS_LABELS, REPORT_STATUSES, type ReportStatus } from "~/domain/reports/report-constants";
import { isOverdue } from "~/domain/reports/report-rules";
import { isMinistry } from "~/policy/permissions";
import { copenhagenDateString, formatDate } from "~/utils/dates";
import { pageParam } from "~/utils/paging";
import { parseId } from "~/utils/params.server";

export const meta: MetaFunction = () => [{ title: "Statusrapporter · Puljeportal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "report:read");
  const params = new URL(request.url).searchParams;
  const status = params.get("status") ?? "";
  const filters = {
    status: ((REPORT_STATUSES as readonly string[]).includes(status) ? status : "") as ReportStatus | "",
    poolId: parseId(params.get("pool")),
    municipality: /^\d{3,4}$/.test(params.get("municipality") ?? "") ? params.get("municipality")! : "",
    q: (params.get("q") ?? "").trim().slice(0, 100),
    page: pageParam(params),
  };
  const db = await getDb();
  const today = copenhagenDateString(await appNow(db));
  const list = await listReports(db, actor, filters);
  const options = await worklistOptions(db, actor);
  return {
    ministry: isMinistry(actor),
    filters: { ...filters, poolId: filters.poolId ? String(filters.poolId) : "" },
    options,
    total: list.total,
    page: list.window.page,
    pages: list.window.pageCount,
    rows: list.rows.map((r) => ({
      id: r.id,
      grantId: r.grantId,
      label: r.label || REPORT_DUE_KIND_LABELS[r.kind],
      municipalityName: r.municipalityName,
      poolName: r.poolName,
      dueOn: formatDate(r.dueOn),
      overdue: isOverdue(r.dueOn, r.status, today),
      status: REPORT_STATUS_LABELS[r.status],
      versionNo: r.currentVersionNo,
    })),
  };
}

export default function Reports() {
  const { ministry, filters, options, rows, total, page, pages } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{ministry ? "Statusrapporter" : "Vores statusrapporter"}</h1>
      <p>
        {ministry
          ? "Kommunernes statusrapporter. Indsendte rapporter, der venter på gennemgang, står øverst."
          : "Jeres statusrapporter. Start en ny rapport fra tilsagnets side under Rapportering."}
      </p>
      <Form method="get" className="pp-filters">
        <div className="form-group">
          <label className="form-label" htmlFor="q">
            Søg (kommune eller rapport)
          </label>
          <input id="q" name="q" type="search" className="form-input" defaultValue={filters.q} />
        </div>
        <div className="form-group">
          <label className="form-label" htmlFor="status">
            Status
          </label>
          <select id="status" name="status" className="form-select" defaultValue={filters.status}>
            <option value="">Alle</option>
            {REPORT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {REPORT_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        {ministry ? (
          <>
            <div className="form-group">
              <label className="form-label" htmlFor="pool">
                Pulje
              </label>
              <select id="pool" name="pool" className="form-select" defaultValue={filters.poolId}>
                <option value="">Alle</option>
                {options.pools.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="form-group">
              <label className="form-label" htmlFor="municipality">
                Kommune
              </label>
              <select id="municipality" name="municipality" className="form-select" defaultValue={filters.municipality}>
                <option value="">Alle</option>
                {options.municipalities.map((m) => (
                  <option key={m.code} value={m.code}>
                    {m.name}
                  </option>
                ))}
              </select>
            </div>
          </>
        ) : null}
        <button type="submit" className="button button-secondary">
          Vis
        </button>
      </Form>
      <p aria-live="polite">
        {total === 1 ? "1 rapport" : `${total} rapporter`}
        {pages > 1 ? ` · side ${page} af ${pages}` : ""}
      </p>
      {rows.length === 0 ? (
        <p>Ingen rapporter matcher filtrene.</p>
      ) : (
        <table className="table table--compact">
          <caption className="sr-only">Statusrapporter</caption>
          <thead>
            <tr>
              <th scope="col">Rapport</th>
              <th scope="col">Kommune</th>
              <th scope="col">Pulje</th>
              <th scope="col">Frist</th>
              <th scope="col">Status</th>
              <th scope="col">Version</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link to={`/reports/${r.id}`}>{r.label}</Link>
                </td>
                <td>
                  <Link to={`/grants/${r.grantId}/reports`}>{r.municipalityName}</Link>
                </td>
                <td>{r.poolName}</td>
                <td>
                  {r.dueOn}
                  {r.overdue ? <strong> (overskredet)</strong> : null}
                </td>
                <td>{r.status}</td>
                <td>{r.versionNo}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination page={page} pageCount={pages} />
    </>
  );
}
