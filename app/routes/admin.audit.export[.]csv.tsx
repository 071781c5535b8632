// GET /admin/audit/export.csv: the audit trail with the page's filters, as a CSV download.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { auditCsvStream, csvFilename } from "~/domain/audit/audit-csv.server";
import { parseAuditFilters } from "~/domain/audit/audit-filters";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "audit:read");
  const parsed = parseAuditFilters(new URL(request.url).searchParams);
  if (!parsed.ok) {
    const messages = Object.values(parsed.errors).join(" ");
    return new Response(`Udtrækket kunne ikke laves, fordi filtrene er ugyldige: ${messages}`, {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const db = await getDb();
  return new Response(auditCsvStream(db, parsed.filters), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${csvFilename()}"`,
      "Cache-Control": "no-store",
    },
  });
}
