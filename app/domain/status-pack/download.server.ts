// The three download routes share this, after their guard: parse the query → figures →
// document → the chosen file. Answers with a value; the route makes the HTTP response.
import type { Executor } from "#db/client";
import { appNow } from "~/domain/clock/clock.server";
import { copenhagenDateString } from "~/utils/dates";
import { isDemoData } from "./pack-env.server";
import { packValues, parsePackRequest, type PackFormat } from "./pack-request";
import { PACK_CONTENT_TYPES, renderStatusPack, statusPackDocument, statusPackFilename } from "./pack.server";

export type PackFile =
  | { ok: true; body: Uint8Array; filename: string; contentType: string }
  | { ok: false; status: 400 | 404; message: string };

export async function statusPackFile(db: Executor, params: URLSearchParams, format: PackFormat): Promise<PackFile> {
  const now = await appNow(db);
  const today = copenhagenDateString(now);
  const parsed = parsePackRequest(packValues(params, { poolId: "", today }), today);
  if (!parsed.ok) return { ok: false, status: 400, message: `Statuspakken kan ikke dannes: ${Object.values(parsed.errors).join(" ")}` };
  const built = await statusPackDocument(db, parsed.request, { demoData: isDemoData() });
  if (!built) return { ok: false, status: 404, message: "Puljen findes ikke." };
  return {
    ok: true,
    body: await renderStatusPack(built.document, format),
    filename: statusPackFilename(parsed.request, format, now),
    contentType: PACK_CONTENT_TYPES[format],
  };
}
