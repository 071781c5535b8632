import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { findApplicationByReference } from "~/domain/applications/applications.server";
import { looksLikeReference } from "~/domain/applications/reference";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { ApplicationFilters, MinistryApplicationTable, MunicipalityApplicationTable } from "~/components/assessment-list";
import { Pagination } from "~/components/pagination";
import { getDb } from "~/db.server";
import {
  filtersToParams,
  listApplications,
  listFilterOptions,
  parseListFilters,
} from "~/domain/assessment/application-list.server";
import { audienceOf, isMinistry } from "~/policy/permissions";
import { statusLabelFor } from "~/domain/applications/status";

export const meta: MetaFunction = () => [{ title: "Ansøgninger · Puljeportal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  // Ministry staff see every application; municipality users their own (the scope
  // in the query decides); everyone else has no list.
  const actor = await requirePermission(request, "application:read");
  const ministry = isMinistry(actor);
  const filters = parseListFilters(new URL(request.url).searchParams, actor);
  const db = await getDb();
  // A reference number in the search field opens that application (when the actor may see it).
  if (looksLikeReference(filters.q)) {
    const id = await findApplicationByReference(db, actor, filters.q);
    if (id) throw redirect(`/applications/${id}`);
  }
  // Independent reads: sent together (issue 19).
  const [list, options] = await Promise.all([listApplications(db, actor, filters), listFilterOptions(db, actor)]);
  const exportParams = filtersToParams(filters, { page: null, pageSize: null });
  const { rows, ...rest } = list;
  return {
    ministry,
    filters: { ...filters, page: list.page },
    options,
    ...rest,
    rows: ministry ? rows : [],
    // A municipality gets its rows without the ministry's working data (status, formalia, score, rank).
    ownRows: ministry
      ? []
      : rows.map((r) => ({
          id: r.id,
          callTitle: r.callTitle,
          requestedOre: r.requestedOre,
          updatedAt: r.updatedAt,
          statusLabel: statusLabelFor(r.status, audienceOf(actor)),
        })),
    exportQuery: exportParams.toString(),
  };
}

export default function Applications() {
  const data = useLoaderData<typeof loader>();
  const { ministry, filters, options, rows, ownRows, total, requestedSumOre, page, pages, exportQuery } = data;
  return (
    <>
      <h1>{ministry ? "Ansøgninger" : "Vores ansøgninger"}</h1>
      {ministry ? (
        <p>Alle ansøgninger på puljens opslag. Rangen følger behovsindekset for opslaget (1 = størst behov).</p>
      ) : (
        <p>
          Jeres kommunes ansøgninger. Se <Link to="/calls">åbne opslag</Link> for at starte en ny ansøgning.
        </p>
      )}
      <ApplicationFilters ministry={ministry} filters={filters} options={options} />
      {ministry ? (
        <div className="pp-actions">
          <a className="button button-secondary" href={`/applications/export?${exportQuery}&format=xlsx`} download>
            Eksportér til Excel
          </a>
          <a className="button button-secondary" href={`/applications/export?${exportQuery}&format=csv`} download>
            Eksportér CSV
          </a>
        </div>
      ) : null}
      <p aria-live="polite">
        {total === 1 ? "1 ansøgning" : `${total} ansøgninger`}
        {pages > 1 ? ` · side ${page} af ${pages}` : ""}
      </p>
      {total === 0 ? (
        <div className="alert alert-info" role="status">
          <div className="alert-body">
            <p className="alert-heading">Ingen ansøgninger</p>
            <p className="alert-text">
              {ministry
                ? "Ingen ansøgninger matcher filtrene. Ret filtrene, eller vælg „Vis også kladder“."
                : filters.callId || filters.status
                  ? "Ingen af jeres ansøgninger matcher filtrene."
                  : "Jeres kommune har ingen ansøgninger endnu."}
            </p>
          </div>
        </div>
      ) : ministry ? (
        <MinistryApplicationTable rows={rows} total={total} requestedSumOre={requestedSumOre} filters={filters} />
      ) : (
        <MunicipalityApplicationTable rows={ownRows} />
      )}
      <Pagination page={page} pageCount={pages} />
    </>
  );
}
