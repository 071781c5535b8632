// Approved (and paid) payments for the finance system: CSV (Danish, ";", via the one CSV
// writer) and XLSX, one row per payment; amounts in kroner (a number cell with two
// decimals, built from the øre integer) and in øre (the exact integer, for machines).
import { codeCell, raw, toCsv, type Cell } from "~/utils/csv";
import { exportFileName } from "~/utils/file-names";
import { formatDate, formatQuarter } from "~/utils/dates";
import { formatOre, oreToKronerNumber } from "~/utils/money";
import { addRows, addSheet, addTotalsRow, newWorkbook, workbookBuffer, XLSX_MONEY, XLSX_TEXT, type XlsxColumn } from "~/utils/xlsx.server";
import { paymentStatusLabel } from "./payment-status";

export type PaymentExportRow = {
  id: number;
  grantId: number;
  municipalityCode: string;
  municipalityName: string;
  reference: string;
  quarter: string;
  dueOn: string;
  amountOre: bigint;
  status: string;
  paidOn: string | null;
};

/** "2023-01-12" → a date cell for that calendar day (no time, no zone). */
const dateCell = (iso: string) => new Date(`${iso}T00:00:00Z`);

type Column = XlsxColumn<PaymentExportRow> & { csv: (r: PaymentExportRow) => Cell };

const columns: Column[] = [
  { header: "Udbetalings-id", width: 14, value: (r) => r.id, csv: (r) => raw(String(r.id)) },
  { header: "Kommunekode", width: 13, numFmt: XLSX_TEXT, value: (r) => r.municipalityCode, csv: (r) => codeCell(r.municipalityCode) },
  { header: "Kommune", width: 26, value: (r) => r.municipalityName, csv: (r) => r.municipalityName },
  { header: "Reference", width: 15, value: (r) => r.reference, csv: (r) => r.reference },
  { header: "Tilsagn", width: 9, value: (r) => r.grantId, csv: (r) => raw(String(r.grantId)) },
  { header: "Kvartal", width: 13, value: (r) => formatQuarter(r.quarter), csv: (r) => formatQuarter(r.quarter) },
  { header: "Forfaldsdato", width: 13, numFmt: "dd.mm.yyyy", value: (r) => dateCell(r.dueOn), csv: (r) => raw(formatDate(r.dueOn)) },
  { header: "Status", width: 12, value: (r) => paymentStatusLabel(r.status), csv: (r) => paymentStatusLabel(r.status) },
  {
    header: "Udbetalt den",
    width: 13,
    numFmt: "dd.mm.yyyy",
    value: (r) => (r.paidOn ? dateCell(r.paidOn) : null),
    csv: (r) => raw(r.paidOn ? formatDate(r.paidOn) : ""),
  },
  {
    header: "Beløb (kr.)",
    width: 18,
    numFmt: XLSX_MONEY,
    value: (r) => oreToKronerNumber(r.amountOre),
    csv: (r) => raw(formatOre(r.amountOre, { suffix: false })),
  },
  { header: "Beløb (øre)", width: 16, numFmt: "0", value: (r) => Number(r.amountOre), csv: (r) => raw(r.amountOre.toString()) },
];

const KRONER_COLUMN = columns.findIndex((c) => c.header === "Beløb (kr.)") + 1;
const ORE_COLUMN = columns.findIndex((c) => c.header === "Beløb (øre)") + 1;

export function buildPaymentsCsv(rows: PaymentExportRow[]): string {
  return toCsv([columns.map((c) => c.header), ...rows.map((r) => columns.map((c) => c.csv(r)))], { bom: true });
}

export async function buildPaymentsXlsx(rows: PaymentExportRow[]): Promise<Buffer> {
  const workbook = await newWorkbook();
  const sheet = addSheet(workbook, "Udbetalinger", columns, "Udbetalinger til økonomisystemet");
  addRows(sheet, columns, rows);
  const totalOre = rows.reduce((s, r) => s + r.amountOre, 0n);
  addTotalsRow(sheet, [
    { column: KRONER_COLUMN, value: oreToKronerNumber(totalOre) },
    { column: ORE_COLUMN, value: Number(totalOre) },
  ]);
  return workbookBuffer(workbook);
}

/** "udbetalinger-godkendte-og-udbetalte-2026-11-27.xlsx" */
export function paymentsFilename(status: "approved" | "paid" | "both", ext: "csv" | "xlsx", now = new Date()) {
  const what = status === "approved" ? "godkendte" : status === "paid" ? "udbetalte" : "godkendte og udbetalte";
  return exportFileName("udbetalinger", [what], ext, now);
}
