// The status pack's underlying tables as XLSX: a "Sammenfatning" sheet (title, as-of date,
// the summary) and one sheet per table of the document. Numbers as numbers; money in kroner
// (oreToKronerNumber from the exact øre, never Number(øre) / 100) and again in exact øre in
// columns of their own; totals rows as SUM formulas with their values (decision 008).
import { oreToKronerNumber } from "~/utils/money";
import { addSheet, addTotalsRow, newWorkbook, workbookBuffer, XLSX_MONEY, type XlsxColumn } from "~/utils/xlsx.server";
import type { PackCell, PackTable, StatusPackDocument } from "./model";

const XLSX_INTEGER = "0";
const XLSX_DECIMAL = "0.0";
const SUMMARY_WIDTH = 110;

type Row = PackCell[];

/** The table's columns as written: each column, then each money column again in øre. */
function sheetColumns(t: PackTable): { columns: XlsxColumn<Row>[]; sums: { column: number; value: (cells: PackCell[]) => number }[] } {
  const columns: XlsxColumn<Row>[] = [];
  const sums: { column: number; value: (cells: PackCell[]) => number }[] = [];
  t.columns.forEach((c, i) => {
    // Wide enough for the header and the longest text (up to 60 characters).
    const width = Math.min(60, Math.max(c.width, c.header.length + 2, ...t.rows.map((r) => r[i]!.text.length + 2)));
    if (c.money) {
      columns.push({ header: c.header, width, numFmt: XLSX_MONEY, value: (r) => oreToKronerNumber(r[i]!.ore ?? 0n) });
      sums.push({ column: columns.length, value: (cells) => oreToKronerNumber(cells[i]!.ore ?? 0n) });
    } else if (c.numeric) {
      const decimals = t.rows.some((r) => r[i]!.number !== undefined && !Number.isInteger(r[i]!.number));
      columns.push({ header: c.header, width, numFmt: decimals ? XLSX_DECIMAL : XLSX_INTEGER, value: (r) => r[i]!.number ?? null });
      if (t.totals?.[i]?.number !== undefined) sums.push({ column: columns.length, value: (cells) => cells[i]!.number ?? 0 });
    } else {
      columns.push({ header: c.header, width, value: (r) => r[i]!.text });
    }
  });
  t.columns.forEach((c, i) => {
    if (!c.money) return;
    const header = c.header.replace(" (kr.)", "");
    columns.push({ header: `${header} (øre)`, width: Math.max(16, header.length + 9), numFmt: XLSX_INTEGER, value: (r) => Number(r[i]!.ore ?? 0n) });
    sums.push({ column: columns.length, value: (cells) => Number(cells[i]!.ore ?? 0n) });
  });
  return { columns, sums };
}

export async function renderStatusPackXlsx(d: StatusPackDocument): Promise<Buffer> {
  const workbook = await newWorkbook();
  const title = `${d.title} · ${d.asOfLine}`;

  const intro: XlsxColumn<{ text: string }>[] = [{ header: d.title, width: SUMMARY_WIDTH, value: (r) => r.text }];
  const first = addSheet(workbook, "Sammenfatning", intro, title);
  for (const line of [d.subtitle, d.asOfLine, "", ...d.summary]) {
    const row = first.addRow([line]);
    row.alignment = { wrapText: true, vertical: "top" };
    // Not every program sizes wrapped rows itself (LibreOffice overlapped them): say how tall.
    row.height = 15 * Math.max(1, Math.ceil(line.length / (SUMMARY_WIDTH - 10)));
  }

  for (const section of d.sections) {
    for (const t of section.tables) {
      const { columns, sums } = sheetColumns(t);
      const sheet = addSheet(workbook, t.sheet, columns, `${t.caption} · ${d.asOfLine}`);
      for (const r of t.rows) sheet.addRow(columns.map((c) => c.value(r)));
      if (t.totals) addTotalsRow(sheet, sums.map((s) => ({ column: s.column, value: s.value(t.totals!) })));
    }
  }
  return workbookBuffer(workbook);
}
