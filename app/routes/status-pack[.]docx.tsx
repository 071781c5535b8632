// GET /status-pack.docx?poolId=…&asOf=…&purpose=…: the status pack as DOCX (ministry only).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/guards.server";
import { statusPackDownload } from "~/domain/status-pack/download.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "status-pack:create");
  return statusPackDownload(request, "docx");
}
