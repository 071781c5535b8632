// GET /hvem-fik-hvad.json: the public grants as a 360Giving data package (decision 022).
// Public and the same for everyone (no session is read), so shared caches may keep it briefly.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { openDataFilename, threeSixtyPackage } from "~/domain/grants/open-data";
import { allOpenGrants, parseOpenGrantFilters } from "~/domain/grants/open-data.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const filters = parseOpenGrantFilters(new URL(request.url).searchParams);
  const rows = await allOpenGrants(await getDb(), filters);
  return new Response(JSON.stringify(threeSixtyPackage(rows), null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `inline; filename="${openDataFilename("json", new Date())}"`,
      "Cache-Control": "public, max-age=300",
      "Access-Control-Allow-Origin": "*",
    },
  });
}
