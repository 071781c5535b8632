// One status pack file: figures as of the date → the document model → the chosen writer.
import type { Executor } from "#db/client";
import { exportFileName } from "~/utils/file-names";
import { renderStatusPackDocx } from "./docx.server";
import { loadStatusPackFigures } from "./figures.server";
import { buildStatusPackDocument, type StatusPackDocument } from "./model";
import type { PackFormat, PackRequest } from "./pack-request";
import { renderStatusPackPdf } from "./pdf.server";
import { renderStatusPackXlsx } from "./xlsx.server";

export const PACK_CONTENT_TYPES: Record<PackFormat, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** The document for a request, or null when the pool does not exist. */
export async function statusPackDocument(db: Executor, req: PackRequest, opts: { demoData: boolean }): Promise<{ document: StatusPackDocument; poolName: string } | null> {
  const figures = await loadStatusPackFigures(db, req.poolId, req.asOf);
  if (!figures) return null;
  return { document: buildStatusPackDocument(figures, req.purpose, opts), poolName: figures.pool.name };
}

export async function renderStatusPack(document: StatusPackDocument, format: PackFormat): Promise<Uint8Array> {
  if (format === "docx") return new Uint8Array(await renderStatusPackDocx(document));
  if (format === "pdf") return renderStatusPackPdf(document);
  return new Uint8Array(await renderStatusPackXlsx(document));
}

/** "statuspakke-spoergsmaal-391-pr-2024-04-30-2026-11-28.docx" (ASCII). */
export function statusPackFilename(req: PackRequest, format: PackFormat, now = new Date()) {
  const purpose = req.purpose.kind === "question" ? `spoergsmaal-${req.purpose.questionNo}` : "aarlig-status";
  return exportFileName("statuspakke", [purpose, `pr-${req.asOf}`], format, now);
}
