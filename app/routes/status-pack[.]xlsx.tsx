// GET /status-pack.xlsx?poolId=…&asOf=…&purpose=…: the status pack as XLSX (ministry only).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { statusPackFile } from "~/domain/status-pack/download.server";
import { downloadResponse } from "~/utils/download-response.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "status-pack:create");
  return downloadResponse(await statusPackFile(await getDb(), new URL(request.url).searchParams, "xlsx"));
}
