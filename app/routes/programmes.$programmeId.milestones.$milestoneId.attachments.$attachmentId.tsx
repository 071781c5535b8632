// Resource route: a milestone's attachment, for everyone who may see the programme (scope
// in the SQL: another programme's file is a 404).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { found, requirePermission } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { readUploadBytes } from "~/domain/files/uploads.server";
import { getMilestoneAttachment } from "~/domain/programmes/queries.server";
import { idParam } from "~/utils/params.server";
import { contentDisposition } from "./applications.$applicationId.attachments.$attachmentId";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "programme:read");
  const file = found(
    await getMilestoneAttachment(await getDb(), actor, idParam(params.programmeId), idParam(params.milestoneId), params.attachmentId ?? ""),
    "Bilaget findes ikke.",
  );
  const body = await readUploadBytes(file.storageKey);
  return new Response(body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(body.byteLength),
      "Content-Disposition": contentDisposition(file.filename),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
