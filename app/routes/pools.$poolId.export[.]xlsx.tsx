// GET /pools/:poolId/export.xlsx: the pool overview as a spreadsheet (ministry only).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { found, requirePermission } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { buildPoolOverviewXlsx, poolOverviewFilename } from "~/domain/pools/overview-export.server";
import { getPoolOverview } from "~/domain/pools/overview.server";
import { idParam } from "~/utils/params.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "pool:read");
  const overview = found(await getPoolOverview(await getDb(), idParam(params.poolId)));
  return new Response(new Uint8Array(await buildPoolOverviewXlsx(overview)), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${poolOverviewFilename(overview.pool)}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
