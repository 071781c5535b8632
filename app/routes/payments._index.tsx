// The ministry's payment work list: what is due this quarter, what awaits approval,
// what is approved and waiting to be paid, which grants are held; plus the export.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { Pagination } from "~/components/pagination";
import { PaymentWorklistFilters, PaymentWorklistTable, viewLabels } from "~/components/payments/payment-worklist";
import { getDb } from "~/db.server";
import { appNow } from "~/domain/clock/clock.server";
import { listPayments, parsePaymentFilters } from "~/domain/payments/queries.server";
import { copenhagenDateString, formatDate } from "~/utils/dates";

export const meta: MetaFunction = () => [{ title: "Udbetalinger · Puljeportal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "payment:manage");
  const filters = parsePaymentFilters(new URL(request.url).searchParams);
  const db = await getDb();
  const list = await listPayments(db, actor, filters, copenhagenDateString(await appNow(db)));
  return {
    filters: { ...filters, page: list.page },
    ...list,
    rows: list.rows.map((r) => ({ ...r, dueOn: formatDate(r.dueOn) })),
  };
}

export default function Payments() {
  const { filters, rows, total, page, pages, sumOre } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Udbetalinger</h1>
      <p>Kvartalsvise udbetalinger forud. En udbetaling klargøres af én medarbejder og godkendes af en anden.</p>
      <PaymentWorklistFilters filters={filters} />
      <p aria-live="polite">
        {viewLabels[filters.view]}: {total === 1 ? "1 udbetaling" : `${total} udbetalinger`}
        {pages > 1 ? ` · side ${page} af ${pages}` : ""}
      </p>
      {total === 0 ? <p>Ingen udbetalinger matcher filtrene.</p> : <PaymentWorklistTable rows={rows} sumOre={sumOre} />}
      <Pagination page={page} pageCount={pages} />
      <h2>Eksport til økonomisystemet</h2>
      <p>Godkendte og udbetalte udbetalinger, én række pr. udbetaling, beløb i kroner og øre.</p>
      <ul>
        <li>
          <a href="/payments/export.xlsx">Hent som Excel (XLSX)</a>
        </li>
        <li>
          <a href="/payments/export.csv">Hent som CSV</a>
        </li>
        <li>
          <a href="/payments/export.xlsx?status=approved">Kun godkendte, endnu ikke udbetalte (XLSX)</a>
        </li>
      </ul>
    </>
  );
}
