// GET /hvem-fik-hvad.csv: the public grants in 360Giving's flat shape (decision 022):
// the standard's column titles, commas, UTF-8 without BOM, amounts as "1600000.50".
// Public and the same for everyone (no session is read), so shared caches may keep it briefly.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { openDataFilename, threeSixtyCsvRows } from "~/domain/grants/open-data";
import { allOpenGrants, parseOpenGrantFilters } from "~/domain/grants/open-data.server";
import { toCsv } from "~/utils/csv";

export async function loader({ request }: LoaderFunctionArgs) {
  const filters = parseOpenGrantFilters(new URL(request.url).searchParams);
  const rows = await allOpenGrants(await getDb(), filters);
  return new Response(toCsv(threeSixtyCsvRows(rows), { delimiter: "," }), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${openDataFilename("csv", new Date())}"`,
      "Cache-Control": "public, max-age=300",
      "Access-Control-Allow-Origin": "*",
    },
  });
}
