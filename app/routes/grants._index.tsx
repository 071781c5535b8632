// Grants (tilsagn): the ministry sees every grant with filters and paging; a municipality
// its own (the scope in the query decides).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { GrantFilters, GrantTable } from "~/components/grant/grant-list";
import { Pagination } from "~/components/pagination";
import { getDb } from "~/db.server";
import { grantCallOptions, listGrants, parseGrantFilters } from "~/domain/grants/queries.server";
import { isMinistry } from "~/policy/permissions";
import { formatDate } from "~/utils/dates";

export const meta: MetaFunction = () => [{ title: "Tilsagn · Puljeportal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "grant:read");
  const filters = parseGrantFilters(new URL(request.url).searchParams);
  const db = await getDb();
  const list = await listGrants(db, actor, filters);
  return {
    ministry: isMinistry(actor),
    filters: { ...filters, page: list.page },
    calls: await grantCallOptions(db, actor),
    ...list,
    rows: list.rows.map((r) => ({ ...r, decidedAt: formatDate(r.decidedAt) })),
  };
}

export default function Grants() {
  const { ministry, filters, calls, rows, total, page, pages, ...totals } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{ministry ? "Tilsagn" : "Vores tilsagn"}</h1>
      <p>{ministry ? "Alle tilsagn fra puljens opslag." : "Jeres kommunes tilsagn med beløb, frister og posteringer."}</p>
      <GrantFilters ministry={ministry} filters={filters} calls={calls} />
      <p aria-live="polite">
        {total === 1 ? "1 tilsagn" : `${total} tilsagn`}
        {pages > 1 ? ` · side ${page} af ${pages}` : ""}
      </p>
      {total === 0 ? (
        <p>Ingen tilsagn matcher filtrene.</p>
      ) : (
        <GrantTable rows={rows} totals={totals} />
      )}
      <Pagination page={page} pageCount={pages} />
    </>
  );
}
