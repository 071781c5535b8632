// The pool overview as XLSX: one sheet with the pool's figures, one with a row per grant
// and a totals row. Numbers as numbers: kroner from the exact øre text (oreToKronerNumber,
// never Number(øre) / 100), and the exact øre in their own columns for machines.
import { grantStatusLabel } from "~/domain/grants/grant-labels";
import { formatDate } from "~/utils/dates";
import { exportFileName } from "~/utils/file-names";
import { oreToKronerNumber } from "~/utils/money";
import { addRows, addSheet, addTotalsRow, newWorkbook, workbookBuffer, XLSX_MONEY, type XlsxColumn } from "~/utils/xlsx.server";
import type { LedgerSums, PoolGrantRow, PoolOverview, PoolSummary } from "./overview.server";

const XLSX_INTEGER = "0";

type MoneyKey = keyof Pick<LedgerSums, "grantedOre" | "lapsedOre" | "cancelledOre" | "committedOre" | "paidOre" | "repaidOre" | "outstandingOre">;

/** The money columns of the grant sheet, in order; each appears in kroner and again in øre. */
const MONEY: { key: MoneyKey; label: string }[] = [
  { key: "grantedOre", label: "Tilsagn" },
  { key: "lapsedOre", label: "Bortfaldet" },
  { key: "cancelledOre", label: "Annulleret/frigivet" },
  { key: "committedOre", label: "Disponeret" },
  { key: "paidOre", label: "Udbetalt" },
  { key: "repaidOre", label: "Tilbagebetalt" },
  { key: "outstandingOre", label: "Ikke udbetalt" },
];

const TEXT_COLUMNS: XlsxColumn<PoolGrantRow>[] = [
  { header: "Kommune", width: 22, value: (r) => r.municipalityName },
  { header: "Kommunekode", width: 13, value: (r) => r.municipalityCode },
  { header: "Opslag", width: 36, value: (r) => r.callTitle },
  { header: "Tilsagn nr.", width: 11, numFmt: XLSX_INTEGER, value: (r) => r.grantId },
  { header: "Status", width: 26, value: (r) => grantStatusLabel(r.status) },
];

export const POOL_GRANT_COLUMNS: XlsxColumn<PoolGrantRow>[] = [
  ...TEXT_COLUMNS,
  ...MONEY.map((m) => ({ header: `${m.label} (kr.)`, width: 18, numFmt: XLSX_MONEY, value: (r: PoolGrantRow) => oreToKronerNumber(r[m.key]) })),
  ...MONEY.map((m) => ({ header: `${m.label} (øre)`, width: 18, numFmt: XLSX_INTEGER, value: (r: PoolGrantRow) => Number(r[m.key]) })),
];

type SummaryRow = { label: string; ore: bigint };

const SUMMARY_COLUMNS: XlsxColumn<SummaryRow>[] = [
  { header: "Post", width: 36, value: (r) => r.label },
  { header: "Beløb (kr.)", width: 20, numFmt: XLSX_MONEY, value: (r) => oreToKronerNumber(r.ore) },
  { header: "Beløb (øre)", width: 20, numFmt: XLSX_INTEGER, value: (r) => Number(r.ore) },
];

/** The pool's figures, in the order the page shows them. */
export function poolSummaryRows(p: PoolSummary): SummaryRow[] {
  const rows: SummaryRow[] = [
    { label: "Puljens ramme", ore: p.totalOre },
    { label: "Givet i tilsagn", ore: p.grantedOre },
    { label: "Bortfaldet", ore: p.lapsedOre },
    { label: "Annulleret/frigivet", ore: p.cancelledOre },
    { label: "Tilbagebetalt (frigivet til puljen)", ore: p.repaidOre },
  ];
  if (p.correctedCommittedOre !== 0n) rows.push({ label: "Korrektioner af disponeret beløb", ore: p.correctedCommittedOre });
  rows.push(
    { label: "Disponeret nu", ore: p.committedOre },
    { label: "Ikke disponeret", ore: p.uncommittedOre },
    { label: "Udbetalt", ore: p.paidOre },
    { label: "Udbetalt efter tilbagebetalinger", ore: p.netPaidOre },
    { label: "Disponeret, ikke udbetalt", ore: p.outstandingOre },
  );
  return rows;
}

export async function buildPoolOverviewXlsx(overview: PoolOverview): Promise<Buffer> {
  const { pool, grants } = overview;
  const workbook = await newWorkbook();
  const title = `Puljeoverblik · ${pool.name} · ${formatDate(pool.startsOn)}–${formatDate(pool.endsOn)}`;

  const summary = addSheet(workbook, "Pulje", SUMMARY_COLUMNS, title);
  addRows(summary, SUMMARY_COLUMNS, poolSummaryRows(pool));

  const sheet = addSheet(workbook, "Tilsagn", POOL_GRANT_COLUMNS, title);
  addRows(sheet, POOL_GRANT_COLUMNS, grants);
  const first = TEXT_COLUMNS.length + 1;
  addTotalsRow(sheet, [
    ...MONEY.map((m, i) => ({ column: first + i, value: oreToKronerNumber(pool[m.key]) })),
    ...MONEY.map((m, i) => ({ column: first + MONEY.length + i, value: Number(pool[m.key]) })),
  ]);
  return workbookBuffer(workbook);
}

export function poolOverviewFilename(pool: { id: number; name: string }, now = new Date()) {
  return exportFileName("puljeoverblik", [String(pool.id), pool.name], "xlsx", now);
}
