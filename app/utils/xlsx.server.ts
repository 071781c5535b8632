// Shared set-up for every XLSX export: a header row that is bold, frozen, filterable
// and repeated on each printed page; landscape A4 fitted to one page wide; a totals
// row; and Copenhagen wall-clock dates (Excel dates have no time zone).
import { TZDate } from "@date-fns/tz";
import type { Workbook, Worksheet } from "exceljs";
import { TIME_ZONE } from "~/utils/dates";

export type XlsxColumn<Row> = {
  header: string;
  width: number;
  numFmt?: string;
  value: (r: Row) => string | number | Date | null;
};

export const XLSX_DATE_TIME = "dd.mm.yyyy hh:mm";
export const XLSX_MONEY = "#,##0.00";
export const XLSX_TEXT = "@";

/** The Copenhagen wall-clock time of an instant, as the naive date exceljs writes as is. */
export function excelDate(d: Date): Date {
  const dk = new TZDate(d.getTime(), TIME_ZONE);
  return new Date(Date.UTC(dk.getFullYear(), dk.getMonth(), dk.getDate(), dk.getHours(), dk.getMinutes(), dk.getSeconds()));
}

export async function newWorkbook(): Promise<Workbook> {
  // Loaded on first use: exports are rare, server start-up is not.
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Puljeportal";
  workbook.created = new Date();
  return workbook;
}

/** A sheet with the columns' header row, ready to print: landscape, one page wide, header on every page. */
export function addSheet<Row>(workbook: Workbook, name: string, columns: XlsxColumn<Row>[], title?: string): Worksheet {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: "frozen", ySplit: 1 }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0, // as many pages down as needed
      margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
    },
    headerFooter: {
      oddHeader: title ? `&L${escapeHeader(title)}` : undefined,
      oddFooter: "&LPuljeportal&RSide &P af &N",
    },
  });
  sheet.columns = columns.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
  sheet.getRow(1).font = { bold: true };
  sheet.pageSetup.printTitlesRow = "1:1";
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return sheet;
}

// "&" starts a code in Excel's header/footer language.
function escapeHeader(text: string) {
  return text.replace(/&/g, "&&");
}

export function addRows<Row>(sheet: Worksheet, columns: XlsxColumn<Row>[], rows: Row[]) {
  for (const r of rows) sheet.addRow(columns.map((c) => c.value(r)));
}

/**
 * A bold "I alt" row under the data: SUM formulas (with their values, so programs that
 * do not recalculate show them too) in the given columns, the label in the first.
 */
export function addTotalsRow(sheet: Worksheet, sums: { column: number; value: number }[], label = "I alt") {
  const firstData = 2;
  const lastData = sheet.rowCount;
  const cells: unknown[] = [label];
  for (const { column, value } of sums) {
    const letter = sheet.getColumn(column).letter;
    cells[column - 1] =
      lastData >= firstData ? { formula: `SUM(${letter}${firstData}:${letter}${lastData})`, result: value } : 0;
  }
  const row = sheet.addRow(cells);
  row.font = { bold: true };
  row.eachCell((cell) => {
    cell.border = { top: { style: "thin" } };
  });
  // The totals row is not data: keep it out of the filter range.
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, lastData), column: sheet.columnCount } };
  return row;
}

export async function workbookBuffer(workbook: Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
