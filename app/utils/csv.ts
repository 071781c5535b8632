// The one CSV writer for every export: what Danish Excel and LibreOffice open with a
// double click (UTF-8 with BOM, semicolons, CRLF), with every line break inside a
// cell quoted and every cell a spreadsheet would run as a formula defused.
// Why these choices: the decision record on CSV and XLSX exports in docs/decisions/.
import { stringify } from "csv-stringify/sync";

const options = {
  delimiter: ";",
  record_delimiter: "windows",
  // csv-stringify quotes only the record delimiter (CRLF) by default; a lone LF or CR
  // inside an unquoted cell splits the row in every spreadsheet program.
  quoted_match: /[\r\n]/,
} as const;

/** A cell that spreadsheets run as a formula (= + - @, and tab/CR which Excel strips first). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Text from users (names, titles, notes) as a cell: a leading ' makes a spreadsheet
 * show it as text instead of running it (CSV injection). Only text goes through here;
 * numbers the export writes itself (amounts, "-12,50") are written with {@link raw}.
 */
export function textCell(value: string | null | undefined): string {
  if (value === null || value === undefined || value === "") return "";
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * A code with leading zeros (kommunekode "0101") that must stay text when the file is
 * opened: ="0101" is the one spelling both Excel and LibreOffice show as 0101 on a
 * double click. Only for values that are digits alone, so nothing else can run.
 */
export function codeCell(code: string): Cell {
  return /^\d+$/.test(code) ? raw(`="${code}"`) : code;
}

/** A value the export produced itself (a number, a date): written as it is. */
export type Cell = string | { raw: string };

export function raw(value: string): Cell {
  return { raw: value };
}

function cellText(c: Cell): string {
  return typeof c === "string" ? textCell(c) : c.raw;
}

/**
 * Rows → CSV text. `bom` for the start of a file (Excel reads UTF-8 only with it).
 * `delimiter: ","` only for files in a published standard's shape that tools read (the
 * 360Giving open data, decision 022); everything opened in Danish Excel keeps `;`.
 */
export function toCsv(rows: readonly (readonly Cell[])[], opts: { bom?: boolean; delimiter?: ";" | "," } = {}): string {
  return stringify(
    rows.map((r) => r.map(cellText)),
    { ...options, delimiter: opts.delimiter ?? options.delimiter, bom: opts.bom ?? false },
  );
}
