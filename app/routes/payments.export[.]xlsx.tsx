// GET /payments/export.xlsx: approved (and paid) payments for the finance system.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { buildPaymentsXlsx, paymentsFilename } from "~/domain/payments/export.server";
import { exportPayments, parseExportStatus } from "~/domain/payments/queries.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "payment:manage");
  const status = parseExportStatus(new URL(request.url).searchParams);
  const rows = await exportPayments(await getDb(), actor, status);
  return new Response(new Uint8Array(await buildPaymentsXlsx(rows)), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${paymentsFilename(status, "xlsx")}"`,
      "Cache-Control": "no-store",
    },
  });
}
