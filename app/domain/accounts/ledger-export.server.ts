// One grant's ledger as XLSX: every entry with the running balances after it, amounts as
// numbers (kroner from the exact øre text, never Number(øre) / 100) and the exact øre in
// their own columns for machines.
import type { LedgerLine } from "~/domain/grants/grant-labels";
import { ledgerKindLabels } from "~/domain/grants/grant-labels";
import { exportFileName } from "~/utils/file-names";
import { oreToKronerNumber } from "~/utils/money";
import { addRows, addSheet, addTotalsRow, newWorkbook, workbookBuffer, XLSX_MONEY, type XlsxColumn } from "~/utils/xlsx.server";

const XLSX_DATE = "dd.mm.yyyy";
const XLSX_INTEGER = "0";

/** "2023-04-01" → the naive date exceljs writes as is (a date cell, no time zone). */
const dateCell = (d: string) => new Date(`${d}T00:00:00Z`);

export const LEDGER_COLUMNS: XlsxColumn<LedgerLine>[] = [
  { header: "Bogført", width: 12, numFmt: XLSX_DATE, value: (l) => dateCell(l.bookedOn) },
  { header: "Postering", width: 22, value: (l) => ledgerKindLabels[l.kind] },
  { header: "Tekst", width: 40, value: (l) => l.note },
  { header: "Disponeret ændring (kr.)", width: 20, numFmt: XLSX_MONEY, value: (l) => oreToKronerNumber(l.committedDeltaOre) },
  { header: "Udbetalt ændring (kr.)", width: 20, numFmt: XLSX_MONEY, value: (l) => oreToKronerNumber(l.paidDeltaOre) },
  { header: "Disponeret saldo (kr.)", width: 20, numFmt: XLSX_MONEY, value: (l) => oreToKronerNumber(l.committedBalanceOre) },
  { header: "Udbetalt saldo (kr.)", width: 20, numFmt: XLSX_MONEY, value: (l) => oreToKronerNumber(l.paidBalanceOre) },
  { header: "Ikke udbetalt (kr.)", width: 20, numFmt: XLSX_MONEY, value: (l) => oreToKronerNumber(l.unpaidBalanceOre) },
  { header: "Disponeret ændring (øre)", width: 22, numFmt: XLSX_INTEGER, value: (l) => Number(l.committedDeltaOre) },
  { header: "Udbetalt ændring (øre)", width: 22, numFmt: XLSX_INTEGER, value: (l) => Number(l.paidDeltaOre) },
];

export async function buildLedgerXlsx(title: string, lines: LedgerLine[]): Promise<Buffer> {
  const workbook = await newWorkbook();
  const sheet = addSheet(workbook, "Posteringer", LEDGER_COLUMNS, title);
  addRows(sheet, LEDGER_COLUMNS, lines);
  const committed = lines.reduce((s, l) => s + l.committedDeltaOre, 0n);
  const paid = lines.reduce((s, l) => s + l.paidDeltaOre, 0n);
  addTotalsRow(sheet, [
    { column: 4, value: oreToKronerNumber(committed) },
    { column: 5, value: oreToKronerNumber(paid) },
    { column: 9, value: Number(committed) },
    { column: 10, value: Number(paid) },
  ]);
  return workbookBuffer(workbook);
}

export function ledgerFilename(grantId: number, municipalityName: string, now = new Date()) {
  return exportFileName("posteringer-tilsagn", [String(grantId), municipalityName], "xlsx", now);
}
