// GET /dashboard/export?pool=&table=&format=csv|xlsx: one dashboard table (the one under a
// chart) as CSV or XLSX, as of the same instant as the page (ministry only).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { found, requirePermission } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { appNow } from "~/domain/clock/clock.server";
import { dashboardCsv, dashboardFilename, dashboardXlsx } from "~/domain/dashboard/export.server";
import { getDashboardFigures } from "~/domain/dashboard/figures.server";
import { dashboardTable, isTableKey } from "~/domain/dashboard/tables";
import { parseId } from "~/utils/params.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "dashboard:read");
  const search = new URL(request.url).searchParams;
  const poolId = found(parseId(search.get("pool")));
  const key = search.get("table");
  const format = search.get("format");
  if (!isTableKey(key) || (format !== "csv" && format !== "xlsx")) found(null);
  const db = await getDb();
  const figures = found(await getDashboardFigures(db, poolId, await appNow(db)));
  const table = dashboardTable(figures, key as Parameters<typeof dashboardTable>[1]);
  const headers = {
    "Content-Disposition": `attachment; filename="${dashboardFilename(figures, table.key, format as "csv" | "xlsx")}"`,
    "Cache-Control": "private, no-store",
  };
  if (format === "csv") return new Response(dashboardCsv(table), { headers: { ...headers, "Content-Type": "text/csv; charset=utf-8" } });
  return new Response(new Uint8Array(await dashboardXlsx(table, figures)), {
    headers: { ...headers, "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  });
}
