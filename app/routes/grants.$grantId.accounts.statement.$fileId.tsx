// Resource route: the auditor's statement (PDF) of a grant's accounts, for everyone who may
// see the grant (scope in the SQL: another municipality's statement is a 404).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { found, requirePermission } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { getAuditorStatement } from "~/domain/accounts/queries.server";
import { readUploadBytes } from "~/domain/files/uploads.server";
import { idParam } from "~/utils/params.server";
import { contentDisposition } from "./applications.$applicationId.attachments.$attachmentId";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "grant:read");
  const id = idParam(params.grantId);
  const file = found(await getAuditorStatement(await getDb(), actor, id, params.fileId ?? ""));
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
