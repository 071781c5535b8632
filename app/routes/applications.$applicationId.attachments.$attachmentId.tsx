// Resource route: an attachment's bytes as a download, for everyone who may see the application.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { found, requireActor } from "~/auth/guards.server";
import { idParam } from "~/utils/params.server";
import { getDb } from "~/db.server";
import { getAttachment, readAttachmentBytes } from "~/domain/applications/attachments.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const id = idParam(params.applicationId);
  const a = found(await getAttachment(await getDb(), actor, id, params.attachmentId ?? ""));
  const body = await readAttachmentBytes(a.storageKey);
  return new Response(body, {
    headers: {
      "Content-Type": a.contentType,
      "Content-Length": String(body.byteLength),
      "Content-Disposition": contentDisposition(a.filename),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}

export function contentDisposition(filename: string) {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, "_");
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
