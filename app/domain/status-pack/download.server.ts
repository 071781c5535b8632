// The three download routes share this, after their guard: parse the query → build → the file.
import { getDb } from "~/db.server";
import { appNow } from "~/domain/clock/clock.server";
import { copenhagenDateString } from "~/utils/dates";
import { isDemoData } from "./pack-env.server";
import { packValues, parsePackRequest, type PackFormat } from "./pack-request";
import { PACK_CONTENT_TYPES, renderStatusPack, statusPackDocument, statusPackFilename } from "./pack.server";

export async function statusPackDownload(request: Request, format: PackFormat): Promise<Response> {
  const db = await getDb();
  const now = await appNow(db);
  const today = copenhagenDateString(now);
  const parsed = parsePackRequest(packValues(new URL(request.url).searchParams, { poolId: "", today }), today);
  if (!parsed.ok) {
    const messages = Object.values(parsed.errors).join(" ");
    return new Response(`Statuspakken kan ikke dannes: ${messages}`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const built = await statusPackDocument(db, parsed.request, { demoData: isDemoData() });
  if (!built) return new Response("Puljen findes ikke.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const body = await renderStatusPack(built.document, format);
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": PACK_CONTENT_TYPES[format],
      "Content-Length": String(body.byteLength),
      "Content-Disposition": `attachment; filename="${statusPackFilename(parsed.request, format, now)}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
