// Resource route: an outbox attachment's bytes, as a download.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { found, requirePermission } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { getOutboxAttachment, recordMailView } from "~/mail/queries.server";
import { idParam } from "~/utils/params.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "mail:read");
  const outboxId = idParam(params.id, "bigint");
  const attachmentId = idParam(params.attachmentId, "bigint");
  const db = await getDb();
  const a = found(await getOutboxAttachment(db, outboxId, attachmentId));
  await recordMailView(db, actor, outboxId, attachmentId);
  const body = new Uint8Array(a.content);
  return new Response(body, {
    headers: {
      "Content-Type": safeContentType(a.contentType),
      "Content-Length": String(body.byteLength),
      "Content-Disposition": contentDisposition(a.filename),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}

// A stored type with line breaks or junk must not become a header injection.
function safeContentType(value: string) {
  return /^[\w.+-]+\/[\w.+-]+(\s*;\s*[\w.+-]+=[\w.+"-]+)*$/.test(value) ? value : "application/octet-stream";
}

function contentDisposition(filename: string) {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, "_");
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
