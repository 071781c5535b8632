// A dashboard table as CSV (Danish Excel: semicolons, decimal comma, BOM) or XLSX (numbers
// as numbers: kroner from the exact øre text, and the øre in their own column for machines).
// The "as of" date is in the file name and the sheet header.
import { raw, toCsv, type Cell as CsvCell } from "~/utils/csv";
import { formatDate } from "~/utils/dates";
import { exportFileName } from "~/utils/file-names";
import { oreToKronerNumber } from "~/utils/money";
import { addRows, addSheet, newWorkbook, workbookBuffer, XLSX_MONEY, type XlsxColumn } from "~/utils/xlsx.server";
import type { DashboardFigures } from "./figures.server";
import type { Cell, CellKind, DashboardTable } from "./tables";

/** A number as Danish CSV text, written by the export itself: "1234567,89", "30,25", "12". */
function csvNumber(kind: CellKind, v: Cell): CsvCell {
  if (v === null) return "";
  if (kind === "money") {
    const o = BigInt(v);
    const abs = o < 0n ? -o : o;
    return raw(`${o < 0n ? "-" : ""}${abs / 100n},${(abs % 100n).toString().padStart(2, "0")}`);
  }
  if (kind === "int" || kind === "decimal") return raw(String(Number(v)).replace(".", ","));
  return String(v);
}

export function dashboardCsv(t: DashboardTable): string {
  const header = t.columns.map((c) => (c.kind === "money" ? `${c.label} (kr.)` : c.label));
  const rows = t.rows.map((r) => r.map((v, i) => csvNumber(t.columns[i]!.kind, v)));
  return toCsv([header, ...rows], { bom: true });
}

export async function dashboardXlsx(t: DashboardTable, f: DashboardFigures): Promise<Buffer> {
  const workbook = await newWorkbook();
  const columns: XlsxColumn<Cell[]>[] = [];
  t.columns.forEach((c, i) => {
    if (c.kind === "money") {
      columns.push({ header: `${c.label} (kr.)`, width: 20, numFmt: XLSX_MONEY, value: (r) => (r[i] === null ? null : oreToKronerNumber(r[i] as bigint)) });
    } else if (c.kind === "int" || c.kind === "decimal") {
      columns.push({ header: c.label, width: 14, numFmt: c.kind === "int" ? "0" : "0.00", value: (r) => (r[i] === null ? null : Number(r[i])) });
    } else {
      columns.push({ header: c.label, width: c.kind === "date" ? 12 : 28, value: (r) => (r[i] === null ? null : String(r[i])) });
    }
  });
  // The øre columns after the rest, exact for machines.
  t.columns.forEach((c, i) => {
    if (c.kind === "money") columns.push({ header: `${c.label} (øre)`, width: 18, numFmt: "0", value: (r) => (r[i] === null ? null : Number(r[i])) });
  });
  const sheet = addSheet(workbook, t.title.slice(0, 31).replace(/[\\/?*[\]:]/g, ""), columns, `${t.title} · ${f.pool.name} · pr. ${formatDate(f.today)}`);
  addRows(sheet, columns, t.rows);
  return workbookBuffer(workbook);
}

export function dashboardFilename(f: DashboardFigures, key: string, ext: "csv" | "xlsx") {
  return exportFileName("overblik", [String(f.pool.id), key], ext, f.asOf);
}
