// GET /calls/:callId/ranking.xlsx: the ranking page as a spreadsheet, with its running total and cut-off line.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { found, requirePermission } from "~/auth/guards.server";
import { idParam } from "~/utils/params.server";
import { getDb } from "~/db.server";
import { getCallRanking } from "~/domain/assessment/ranking.server";
import { buildRankingXlsx, rankingFilename } from "~/domain/assessment/ranking-export.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "application:read:any");
  const ranking = found(await getCallRanking(await getDb(), idParam(params.callId)));
  const body = await buildRankingXlsx(ranking);
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${rankingFilename(ranking.call)}"`,
      "Cache-Control": "no-store",
    },
  });
}
