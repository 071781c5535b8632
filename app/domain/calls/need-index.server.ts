// Need index (behovsindeks) per call: read an uploaded file, replace the whole set in
// one transaction, and list it ranked by value.
import { asc, count, desc, eq, sql } from "drizzle-orm";
import type { Database, Executor } from "#db/client";
import { calls, municipalities, needIndexEntries, users } from "#db/schema";
import type { Actor } from "~/auth/actor";
import { invalid, notFound, ok, refused, type Result } from "~/domain/result";
import { can } from "~/policy/permissions";
import { audit } from "~/utils/audit.server";
import { checkZip } from "~/utils/zip-limits.server";
import { containsCpr, CPR_MESSAGE } from "~/utils/cpr";
import {
  cellText,
  detectFileKind,
  NEED_INDEX_MAX_BYTES,
  parseNeedIndexCsv,
  validateNeedIndex,
  type NeedIndexParse,
  type NeedIndexRow,
  NEED_INDEX_MAX_ROWS,
  roundingNotes,
  type RawLine,
} from "./need-index";

export async function knownMunicipalityCodes(db: Executor): Promise<Set<string>> {
  const rows = await db.select({ code: municipalities.code }).from(municipalities);
  return new Set(rows.map((r) => r.code));
}

/** The uploaded file → validated rows, or every reason it cannot be imported. */
export async function readNeedIndexFile(file: File, knownCodes: ReadonlySet<string>): Promise<NeedIndexParse> {
  if (file.size === 0) return { ok: false, errors: ["Filen er tom."] };
  if (file.size > NEED_INDEX_MAX_BYTES) return { ok: false, errors: ["Filen er større end 5 MB."] };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const kind = detectFileKind(bytes);
  if (kind === null) {
    return { ok: false, errors: ["Filen er hverken en CSV-fil (tekst) eller et Excel-regneark (.xlsx)."] };
  }
  if (kind === "csv") return parseNeedIndexCsv(bytes, knownCodes);
  const lines = await readFirstSheet(bytes);
  if ("error" in lines) return { ok: false, errors: [lines.error] };
  return validateNeedIndex(lines, knownCodes);
}

/** An XLSX of 98 rows is some 20 KB unpacked in about a dozen parts; these limits leave room for styles and images. */
export const XLSX_LIMITS = { maxEntries: 200, maxUncompressedBytes: 10 * 1024 * 1024 };

async function readFirstSheet(bytes: Uint8Array): Promise<RawLine[] | { error: string }> {
  const zip = await checkZip(bytes, XLSX_LIMITS);
  if (!zip.ok) {
    return {
      error:
        zip.reason === "not-zip"
          ? "Filen kunne ikke læses som et Excel-regneark (.xlsx)."
          : "Regnearket er for stort udpakket (over 10 MB eller over 200 dele). Gem kun behovsindekset i en ny fil, og prøv igen.",
    };
  }
  // Loaded on first use: imports are rare, server start-up is not.
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as never);
  } catch {
    return { error: "Filen kunne ikke læses som et Excel-regneark (.xlsx)." };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { error: "Regnearket har ingen ark." };
  if (sheet.actualRowCount > NEED_INDEX_MAX_ROWS + 1) {
    return { error: `Regnearket har ${sheet.actualRowCount} rækker; et behovsindeks har højst ${NEED_INDEX_MAX_ROWS} (én pr. kommune).` };
  }
  const lines: RawLine[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = Array.isArray(row.values) ? row.values.slice(1) : [];
    lines.push({ line: rowNumber, cells: Array.from(values, cellText) });
  });
  return lines;
}

export async function importNeedIndex(
  db: Database,
  actor: Actor,
  callId: number,
  rows: NeedIndexRow[],
  source: { filename: string },
): Promise<Result<{ count: number }>> {
  if (!can(actor, "call:manage")) return refused("Du har ikke adgang til at importere behovsindeks.");
  if (rows.length === 0) return invalid("Filen indeholder ingen rækker.");
  // The file name goes into the append-only audit trail, where a CPR number could never be removed.
  if (containsCpr(source.filename)) return invalid(`Filnavnet: ${CPR_MESSAGE}`);
  const rounded = roundingNotes(rows);
  return db.transaction(async (tx): Promise<Result<{ count: number }>> => {
    // Locks the call so two imports for it cannot interleave their delete and insert.
    const [call] = await tx.select({ id: calls.id }).from(calls).where(eq(calls.id, callId)).for("update");
    if (!call) return notFound("Opslaget findes ikke.");
    const [{ n: before }] = await tx.select({ n: count() }).from(needIndexEntries).where(eq(needIndexEntries.callId, callId));
    await tx.delete(needIndexEntries).where(eq(needIndexEntries.callId, callId));
    const importedAt = new Date();
    await tx.insert(needIndexEntries).values(
      rows.map((r) => ({
        callId,
        municipalityCode: r.municipalityCode,
        value: r.value,
        sourceNote: r.sourceNote,
        importedBy: actor.userId,
        importedAt,
      })),
    );
    await audit(tx, actor, {
      action: "call.need_index_imported",
      entityType: "call",
      entityId: callId,
      before: { rows: before },
      after: { rows: rows.length, filename: source.filename, ...(rounded.length ? { rounded } : {}) },
    });
    return ok({ count: rows.length });
  });
}

/** Who imported the call's need index, when, and how many rows. */
export async function needIndexSummary(db: Executor, callId: number) {
  const [first] = await db
    .select({ importedAt: needIndexEntries.importedAt, importedBy: users.name })
    .from(needIndexEntries)
    .leftJoin(users, eq(users.id, needIndexEntries.importedBy))
    .where(eq(needIndexEntries.callId, callId))
    .orderBy(desc(needIndexEntries.importedAt))
    .limit(1);
  if (!first) return null;
  const [{ n }] = await db.select({ n: count() }).from(needIndexEntries).where(eq(needIndexEntries.callId, callId));
  return { count: n, importedAt: first.importedAt, importedBy: first.importedBy };
}

export const NEED_INDEX_PAGE_SIZE = 50;

/** The index ranked by value (highest need first), one page at a time from the row at `offset`. */
export async function needIndexPage(db: Executor, callId: number, offset: number) {
  const rank = sql<number>`rank() over (order by ${needIndexEntries.value} desc)`.mapWith(Number);
  return db
    .select({
      rank,
      municipalityCode: needIndexEntries.municipalityCode,
      municipalityName: municipalities.name,
      value: needIndexEntries.value,
      sourceNote: needIndexEntries.sourceNote,
    })
    .from(needIndexEntries)
    .innerJoin(municipalities, eq(municipalities.code, needIndexEntries.municipalityCode))
    .where(eq(needIndexEntries.callId, callId))
    .orderBy(desc(needIndexEntries.value), asc(municipalities.sortKey))
    .limit(NEED_INDEX_PAGE_SIZE)
    .offset(offset);
}

/** The current values by municipality code (for the template download). */
export async function needIndexValues(db: Executor, callId: number) {
  const rows = await db
    .select({ code: needIndexEntries.municipalityCode, value: needIndexEntries.value, note: needIndexEntries.sourceNote })
    .from(needIndexEntries)
    .where(eq(needIndexEntries.callId, callId));
  return new Map(rows.map((r) => [r.code, r]));
}
