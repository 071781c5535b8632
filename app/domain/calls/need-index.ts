// The need index (behovsindeks) file: CSV or XLSX with a header row and one line per
// municipality. Parsing is all-or-nothing: every bad line is reported, and only a
// file without errors yields rows to import.
import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import { containsCpr } from "~/utils/cpr";

export const NEED_INDEX_MAX_BYTES = 5 * 1024 * 1024;
export const NEED_INDEX_MAX_DECIMALS = 4;
/** 98 municipalities and a header; anything far beyond is not a need index (and costs memory). */
export const NEED_INDEX_MAX_ROWS = 1000;
/** numeric(12,4): at most 8 digits before the decimal point. */
const MAX_INTEGER_DIGITS = 8;
const NOTE_MAX = 500;

export type NeedIndexRow = {
  line: number;
  municipalityCode: string;
  value: string;
  sourceNote: string | null;
  /** The value as written in the file, when it had more than four decimals and was rounded. */
  roundedFrom?: string;
};
export type NeedIndexParse = { ok: true; rows: NeedIndexRow[] } | { ok: false; errors: string[] };
/** A table as read from either file type: 1-based line numbers, cells as text. */
export type RawLine = { line: number; cells: string[] };

const COLUMN_NAMES = {
  code: ["kommunekode", "code", "kommunenummer", "kommunenr"],
  value: ["indeks", "value", "behovsindeks"],
  note: ["note", "source", "kilde"],
} as const;

export type FileKind = "csv" | "xlsx";

/** Decide the type from the content, never the name: XLSX is a zip, CSV is plain text. */
export function detectFileKind(bytes: Uint8Array): FileKind | null {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    return "xlsx";
  }
  if (bytes.length === 0) return "csv";
  for (const b of bytes) {
    // Control characters other than tab, LF, CR, form feed: not a text file.
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) return null;
  }
  return "csv";
}

/**
 * UTF-8 (with or without BOM), or else Windows-1252 as Danish Excel saves "CSV
 * (semikolonsepareret)". iconv-lite maps 0x80–0x9F to – „ “ € …; Node's decoder
 * (without full ICU) treats windows-1252 as Latin-1 and turns them into control characters.
 */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), "windows-1252");
  }
}

/** CSV text → lines of cells. The delimiter (";" or ",") is taken from the header line. */
export function readCsv(textContent: string): RawLine[] | { error: string } {
  const body = textContent.replace(/^\uFEFF/, "");
  const header = body.split(/\r?\n/).find((l) => l.trim() !== "") ?? "";
  const delimiter = header.includes(";") ? ";" : header.includes("\t") ? "\t" : ",";
  try {
    const records = parse(body, {
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    return records.map((r) => ({ line: r.info.lines, cells: r.record }));
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return { error: `Filen kunne ikke læses som CSV${line ? ` (linje ${line})` : ""}. Tjek anførselstegn og skilletegn.` };
  }
}

/** An Excel cell value (exceljs) as the text a user would see. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "string") return value.trim();
  if (typeof value === "boolean") return value ? "SAND" : "FALSK";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    const v = value as { result?: unknown; richText?: { text: string }[]; text?: unknown; error?: string };
    if ("result" in v) return cellText(v.result);
    if (Array.isArray(v.richText)) return v.richText.map((p) => p.text).join("").trim();
    if (v.text !== undefined) return cellText(v.text);
    if (v.error) return v.error;
  }
  return String(value);
}

function columnIndex(header: string[], names: readonly string[]) {
  return header.findIndex((h) => (names as readonly string[]).includes(h.trim().toLowerCase().replace(/^\uFEFF/, "")));
}

/**
 * "1,2345" or "1.2345" → "1.2345"; a reason when it is not a valid index value. More
 * than four decimals (an Excel formula's result) are rounded half up to four, and the
 * original is returned so the user can be told.
 */
export function parseIndexValue(raw: string): { value: string; roundedFrom?: string } | { reason: string } {
  const v = raw.trim().replace(/\s/g, "");
  if (v === "") return { reason: "indeks mangler" };
  if (/^-/.test(v)) return { reason: `indeks ${raw.trim()} er negativt` };
  const m = /^(\d+)(?:[.,](\d+))?$/.exec(v);
  if (!m) return { reason: `indeks „${raw.trim()}“ er ikke et tal` };
  let whole = m[1].replace(/^0+(?=\d)/, "");
  let decimals = m[2] ?? "";
  let roundedFrom: string | undefined;
  if (decimals.length > NEED_INDEX_MAX_DECIMALS) {
    const scaled = BigInt(whole + decimals.slice(0, NEED_INDEX_MAX_DECIMALS)) + (decimals[NEED_INDEX_MAX_DECIMALS] >= "5" ? 1n : 0n);
    const unit = 10n ** BigInt(NEED_INDEX_MAX_DECIMALS);
    whole = (scaled / unit).toString();
    decimals = (scaled % unit).toString().padStart(NEED_INDEX_MAX_DECIMALS, "0");
    roundedFrom = raw.trim();
  }
  if (whole.length > MAX_INTEGER_DIGITS) return { reason: `indeks ${raw.trim()} er for stort` };
  const value = decimals ? `${whole}.${decimals}` : whole;
  return roundedFrom ? { value, roundedFrom } : { value };
}

/** "101" (Excel dropped the zero) → "0101"; null when it is not 1–4 digits. */
export function normaliseMunicipalityCode(raw: string): string | null {
  // ="0101" is how our own CSV exports keep the leading zero in a spreadsheet.
  const v = raw.trim().replace(/^="(\d+)"$/, "$1").replace(/\.0+$/, "");
  return /^\d{1,4}$/.test(v) ? v.padStart(4, "0") : null;
}

/** Check every line against the 98 municipality codes; all or nothing. */
export function validateNeedIndex(lines: RawLine[], knownCodes: ReadonlySet<string>): NeedIndexParse {
  const nonEmpty = lines.filter((l) => l.cells.some((c) => c.trim() !== ""));
  if (nonEmpty.length === 0) return { ok: false, errors: ["Filen er tom."] };
  const [header, ...data] = nonEmpty;
  const codeCol = columnIndex(header.cells, COLUMN_NAMES.code);
  const valueCol = columnIndex(header.cells, COLUMN_NAMES.value);
  const noteCol = columnIndex(header.cells, COLUMN_NAMES.note);
  if (codeCol < 0 || valueCol < 0) {
    return {
      ok: false,
      errors: [
        `Linje ${header.line}: første linje skal være en overskrift med kolonnerne „kommunekode“ og „indeks“ (og evt. „note“).`,
      ],
    };
  }
  if (data.length === 0) return { ok: false, errors: ["Filen indeholder ingen rækker under overskriften."] };
  if (data.length > NEED_INDEX_MAX_ROWS) {
    return { ok: false, errors: [`Filen har ${data.length} rækker; et behovsindeks har højst ${NEED_INDEX_MAX_ROWS} (én pr. kommune).`] };
  }

  const errors: string[] = [];
  const rows: NeedIndexRow[] = [];
  const firstLineOf = new Map<string, number>();
  for (const { line, cells } of data) {
    const reasons: string[] = [];
    const rawCode = (cells[codeCol] ?? "").trim();
    const code = normaliseMunicipalityCode(rawCode);
    if (rawCode === "") reasons.push("kommunekode mangler");
    else if (code === null) reasons.push(`kommunekode „${rawCode}“ er ikke et kommunenummer på 4 cifre`);
    else if (!knownCodes.has(code)) reasons.push(`kommunekode ${code} findes ikke`);
    else if (firstLineOf.has(code)) reasons.push(`kommunekode ${code} står også i linje ${firstLineOf.get(code)}`);
    const parsedValue = parseIndexValue(cells[valueCol] ?? "");
    if ("reason" in parsedValue) reasons.push(parsedValue.reason);
    const note = noteCol >= 0 ? (cells[noteCol] ?? "").trim() : "";
    if (note.length > NOTE_MAX) reasons.push(`noten er længere end ${NOTE_MAX} tegn`);
    if (containsCpr(note)) reasons.push("noten ligner et CPR-nummer");

    if (code !== null && knownCodes.has(code) && !firstLineOf.has(code)) firstLineOf.set(code, line);
    if (reasons.length > 0) {
      errors.push(`Linje ${line}: ${reasons.join("; ")}`);
      continue;
    }
    const { value, roundedFrom } = parsedValue as { value: string; roundedFrom?: string };
    rows.push({ line, municipalityCode: code!, value, sourceNote: note || null, ...(roundedFrom ? { roundedFrom } : {}) });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows };
}

/** A CSV file's bytes → validated rows (or every reason it cannot be imported). */
export function parseNeedIndexCsv(bytes: Uint8Array, knownCodes: ReadonlySet<string>): NeedIndexParse {
  const lines = readCsv(decodeText(bytes));
  if ("error" in lines) return { ok: false, errors: [lines.error] };
  return validateNeedIndex(lines, knownCodes);
}

/** "Linje 4: 1,23456 er afrundet til 1,2346." for each rounded value. */
export function roundingNotes(rows: NeedIndexRow[]): string[] {
  return rows
    .filter((r) => r.roundedFrom)
    .map((r) => `Linje ${r.line}: ${r.roundedFrom} er afrundet til ${r.value.replace(".", ",")}.`);
}
