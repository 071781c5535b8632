// Resource route: the filtered application list as XLSX or CSV (same filters as /applications).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { listAllApplications, parseListFilters } from "~/domain/assessment/application-list.server";
import { buildApplicationsCsv, buildApplicationsXlsx, exportFilename } from "~/domain/assessment/export.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "application:read:any");
  const params = new URL(request.url).searchParams;
  const format = params.get("format");
  if (format !== "xlsx" && format !== "csv") {
    throw new Response("Vælg formatet xlsx eller csv.", { status: 400 });
  }
  const filters = parseListFilters(params, actor);
  const rows = await listAllApplications(await getDb(), actor, filters);
  const headers = {
    "Content-Disposition": `attachment; filename="${exportFilename(format, filters)}"`,
    "Cache-Control": "no-store",
  };
  if (format === "csv") {
    return new Response(buildApplicationsCsv(rows), { headers: { ...headers, "Content-Type": "text/csv; charset=utf-8" } });
  }
  const body = await buildApplicationsXlsx(rows);
  return new Response(new Uint8Array(body), {
    headers: { ...headers, "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  });
}
