// GET /payments/export.csv: approved (and paid) payments for the finance system.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { buildPaymentsCsv, paymentsFilename } from "~/domain/payments/export.server";
import { exportPayments, parseExportStatus } from "~/domain/payments/queries.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "payment:manage");
  const status = parseExportStatus(new URL(request.url).searchParams);
  const rows = await exportPayments(await getDb(), actor, status);
  return new Response(buildPaymentsCsv(rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${paymentsFilename(status, "csv")}"`,
      "Cache-Control": "no-store",
    },
  });
}
