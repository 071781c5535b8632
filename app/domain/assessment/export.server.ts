// The application list as a spreadsheet (XLSX) or CSV for Danish Excel. Money stays
// exact: the kroner column is for reading (oreToKronerNumber, from the exact øre text), and
// "Beløb (øre)" carries the integer itself.
import type { ApplicationStatus } from "~/domain/applications/application-constants";
import { statusLabelFor, statusLabels } from "~/domain/applications/status";
import { codeCell, raw, toCsv, type Cell } from "~/utils/csv";
import { formatDateTime } from "~/utils/dates";
import { exportFileName } from "~/utils/file-names";
import { formatOre, oreToKronerNumber } from "~/utils/money";
import {
  addRows,
  addSheet,
  addTotalsRow,
  excelDate,
  newWorkbook,
  workbookBuffer,
  XLSX_DATE_TIME,
  XLSX_MONEY,
  XLSX_TEXT,
  type XlsxColumn,
} from "~/utils/xlsx.server";
import type { ListFilters, ListRow } from "./application-list.server";
import { formaliaStateLabels } from "./formalia";
import { formatNeedIndex, formatScore, NEED_INDEX_XLSX_FORMAT, parseNeedIndex } from "./scoring";

type Column = XlsxColumn<ListRow> & { csv: (r: ListRow) => Cell };

const columns: Column[] = [
  { header: "Rang (behovsindeks)", width: 12, value: (r) => r.rank, csv: (r) => raw(r.rank === null ? "" : String(r.rank)) },
  { header: "Kommune", width: 20, value: (r) => r.municipalityName, csv: (r) => r.municipalityName },
  { header: "Kommunekode", width: 12, numFmt: XLSX_TEXT, value: (r) => r.municipalityCode, csv: (r) => codeCell(r.municipalityCode) },
  { header: "Opslag", width: 40, value: (r) => r.callTitle, csv: (r) => r.callTitle },
  { header: "Status", width: 22, value: (r) => statusLabels[r.status], csv: (r) => statusLabels[r.status] },
  {
    header: "Behovsindeks",
    width: 14,
    numFmt: NEED_INDEX_XLSX_FORMAT,
    value: (r) => (parseNeedIndex(r.needIndex) === null ? null : Number(r.needIndex)),
    csv: (r) => raw(r.needIndex === null ? "" : formatNeedIndex(r.needIndex)),
  },
  {
    header: "Ansøgt beløb (kr.)",
    width: 18,
    numFmt: XLSX_MONEY,
    value: (r) => oreToKronerNumber(r.requestedOre),
    csv: (r) => raw(formatOre(r.requestedOre, { suffix: false })),
  },
  { header: "Beløb (øre)", width: 16, numFmt: "0", value: (r) => Number(r.requestedOre), csv: (r) => raw(r.requestedOre.toString()) },
  {
    header: "Indsendt",
    width: 18,
    numFmt: XLSX_DATE_TIME,
    value: (r) => (r.submittedAt ? excelDate(r.submittedAt) : null),
    csv: (r) => raw(r.submittedAt ? formatDateTime(r.submittedAt) : ""),
  },
  { header: "Formalia", width: 14, value: (r) => formaliaStateLabels[r.formalia], csv: (r) => formaliaStateLabels[r.formalia] },
  {
    header: "Vægtet score",
    width: 12,
    numFmt: "0.0",
    value: (r) => (r.score.tenths === null ? null : r.score.tenths / 10),
    csv: (r) => raw(r.score.tenths === null ? "" : formatScore(r.score.tenths)),
  },
  { header: "Sagsbehandler", width: 22, value: (r) => r.assignedName ?? "", csv: (r) => r.assignedName ?? "" },
  { header: "Kontaktperson", width: 22, value: (r) => r.contactName, csv: (r) => r.contactName },
  {
    header: "Senest ændret",
    width: 18,
    numFmt: XLSX_DATE_TIME,
    value: (r) => excelDate(r.updatedAt),
    csv: (r) => raw(formatDateTime(r.updatedAt)),
  },
  { header: "Ansøgnings-id", width: 12, value: (r) => r.id, csv: (r) => raw(String(r.id)) },
];

export const EXPORT_HEADERS = columns.map((c) => c.header);
const KRONER_COLUMN = EXPORT_HEADERS.indexOf("Ansøgt beløb (kr.)") + 1;
const ORE_COLUMN = EXPORT_HEADERS.indexOf("Beløb (øre)") + 1;

export async function buildApplicationsXlsx(rows: ListRow[]): Promise<Buffer> {
  const workbook = await newWorkbook();
  const sheet = addSheet(workbook, "Ansøgninger", columns, "Ansøgninger");
  addRows(sheet, columns, rows);
  const totalOre = rows.reduce((sum, r) => sum + r.requestedOre, 0n);
  const totals = addTotalsRow(sheet, [
    { column: KRONER_COLUMN, value: oreToKronerNumber(totalOre) },
    { column: ORE_COLUMN, value: Number(totalOre) },
  ]);
  totals.getCell(2).value = rows.length === 1 ? "1 ansøgning" : `${rows.length} ansøgninger`;
  return workbookBuffer(workbook);
}

export function buildApplicationsCsv(rows: ListRow[]): string {
  return toCsv([EXPORT_HEADERS, ...rows.map((r) => columns.map((c) => c.csv(r)))], { bom: true });
}

/** "ansoegninger-opslag-3-indsendt-soeg-aeroe-2026-11-27.xlsx": the filters in the name. */
export function exportFilename(format: "xlsx" | "csv", filters?: Partial<ListFilters>, now = new Date()) {
  const f = filters ?? {};
  return exportFileName(
    "ansoegninger",
    [
      f.callId ? `opslag ${f.callId}` : null,
      // The export is the ministry's, so the filter is a ministry status.
      f.status ? statusLabelFor(f.status as ApplicationStatus, "ministry") : null,
      f.municipalityCode ? `kommune ${f.municipalityCode}` : null,
      f.q ? `søg ${f.q}` : null,
      f.assignedTo === "none" ? "ikke tildelt" : f.assignedTo ? "tildelt" : null,
      f.includeDrafts ? "med kladder" : null,
    ],
    format,
    now,
  );
}
