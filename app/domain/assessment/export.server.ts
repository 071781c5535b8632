// The application list as a spreadsheet (XLSX) or CSV for Danish Excel. Money stays
// exact: the kroner column is for reading (Number(øre)/100 only at display), and
// "Beløb (øre)" carries the integer itself.
import { TZDate } from "@date-fns/tz";
import { stringify } from "csv-stringify/sync";
import { statusLabels } from "~/domain/applications/status";
import { copenhagenDateString, formatDateTime, TIME_ZONE } from "~/utils/dates";
import { formatOre } from "~/utils/money";
import type { ListRow } from "./application-list.server";
import { formaliaStateLabels } from "./formalia";
import { formatNeedIndex, formatScore, parseNeedIndex } from "./scoring";

type Column = {
  header: string;
  width: number;
  numFmt?: string;
  xlsx: (r: ListRow) => string | number | Date | null;
  csv: (r: ListRow) => string;
};

const dateTimeFormat = "dd.mm.yyyy hh:mm";

const columns: Column[] = [
  { header: "Rang (behovsindeks)", width: 12, xlsx: (r) => r.rank, csv: (r) => (r.rank === null ? "" : String(r.rank)) },
  { header: "Kommune", width: 20, xlsx: (r) => r.municipalityName, csv: (r) => r.municipalityName },
  { header: "Kommunekode", width: 12, xlsx: (r) => r.municipalityCode, csv: (r) => r.municipalityCode },
  { header: "Opslag", width: 40, xlsx: (r) => r.callTitle, csv: (r) => r.callTitle },
  { header: "Status", width: 22, xlsx: (r) => statusLabels[r.status], csv: (r) => statusLabels[r.status] },
  {
    header: "Behovsindeks",
    width: 14,
    numFmt: "0.0000",
    xlsx: (r) => (parseNeedIndex(r.needIndex) === null ? null : Number(r.needIndex)),
    csv: (r) => (r.needIndex === null ? "" : formatNeedIndex(r.needIndex)),
  },
  {
    header: "Ansøgt beløb (kr.)",
    width: 18,
    numFmt: "#,##0.00",
    xlsx: (r) => Number(r.requestedOre) / 100,
    csv: (r) => formatOre(r.requestedOre, { suffix: false }),
  },
  { header: "Beløb (øre)", width: 16, numFmt: "0", xlsx: (r) => Number(r.requestedOre), csv: (r) => r.requestedOre.toString() },
  {
    header: "Indsendt",
    width: 18,
    numFmt: dateTimeFormat,
    xlsx: (r) => (r.submittedAt ? excelDate(r.submittedAt) : null),
    csv: (r) => (r.submittedAt ? formatDateTime(r.submittedAt) : ""),
  },
  { header: "Formalia", width: 14, xlsx: (r) => formaliaStateLabels[r.formalia], csv: (r) => formaliaStateLabels[r.formalia] },
  {
    header: "Vægtet score",
    width: 12,
    numFmt: "0.0",
    xlsx: (r) => (r.score.tenths === null ? null : r.score.tenths / 10),
    csv: (r) => (r.score.tenths === null ? "" : formatScore(r.score.tenths)),
  },
  { header: "Sagsbehandler", width: 22, xlsx: (r) => r.assignedName ?? "", csv: (r) => r.assignedName ?? "" },
  { header: "Kontaktperson", width: 22, xlsx: (r) => r.contactName, csv: (r) => r.contactName },
  {
    header: "Senest ændret",
    width: 18,
    numFmt: dateTimeFormat,
    xlsx: (r) => excelDate(r.updatedAt),
    csv: (r) => formatDateTime(r.updatedAt),
  },
  { header: "Ansøgnings-id", width: 12, xlsx: (r) => r.id, csv: (r) => String(r.id) },
];

export const EXPORT_HEADERS = columns.map((c) => c.header);

/**
 * Excel dates have no time zone: the cell must hold the Copenhagen wall-clock time,
 * so the instant is re-expressed as that wall time in UTC (which exceljs writes as is).
 */
function excelDate(d: Date): Date {
  const dk = new TZDate(d.getTime(), TIME_ZONE);
  return new Date(Date.UTC(dk.getFullYear(), dk.getMonth(), dk.getDate(), dk.getHours(), dk.getMinutes(), dk.getSeconds()));
}

export async function buildApplicationsXlsx(rows: ListRow[]): Promise<Buffer> {
  // Loaded on first use: exports are rare, server start-up is not.
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Puljeportal";
  workbook.created = new Date();
  const sheet = workbook.addWorksheet("Ansøgninger", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow(columns.map((c) => c.xlsx(r)));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Semicolons and a BOM: what Danish Excel opens correctly with a double click. */
export function buildApplicationsCsv(rows: ListRow[]): string {
  return stringify([EXPORT_HEADERS, ...rows.map((r) => columns.map((c) => c.csv(r)))], {
    bom: true,
    delimiter: ";",
    record_delimiter: "windows",
  });
}

export function exportFilename(format: "xlsx" | "csv", now = new Date()) {
  return `ansoegninger-${copenhagenDateString(now)}.${format}`;
}
