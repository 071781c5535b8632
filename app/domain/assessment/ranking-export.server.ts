// The ranking page as a spreadsheet: the ranking's own columns (running total against
// the pool, whether each application fits) and the line where the pool runs out, as
// on screen. Made from the same ranking and the same rule as the page.
import type { Workbook } from "exceljs";
import { statusLabels } from "~/domain/applications/status";
import { exportFileName } from "~/utils/file-names";
import { oreToKronerNumber } from "~/utils/money";
import {
  addSheet,
  addTotalsRow,
  newWorkbook,
  workbookBuffer,
  XLSX_MONEY,
  XLSX_TEXT,
  type XlsxColumn,
} from "~/utils/xlsx.server";
import type { getCallRanking } from "./ranking.server";
import { formaliaStateLabels } from "./formalia";
import { cutoffText, NEED_INDEX_XLSX_FORMAT, parseNeedIndex, rankingAgainstPool } from "./scoring";

type Ranking = NonNullable<Awaited<ReturnType<typeof getCallRanking>>>;
type Line = ReturnType<typeof rankingAgainstPool<Ranking["rows"][number]>>["lines"][number];

const kroner = (ore: bigint) => oreToKronerNumber(ore);

const columns: XlsxColumn<Line>[] = [
  { header: "Rang", width: 8, value: (r) => r.rank },
  { header: "Kommune", width: 22, value: (r) => r.municipalityName },
  { header: "Kommunekode", width: 13, numFmt: XLSX_TEXT, value: (r) => r.municipalityCode },
  {
    header: "Behovsindeks",
    width: 14,
    numFmt: NEED_INDEX_XLSX_FORMAT,
    value: (r) => (parseNeedIndex(r.needIndex) === null ? null : Number(r.needIndex)),
  },
  { header: "Vægtet score", width: 13, numFmt: "0.0", value: (r) => (r.score.tenths === null ? null : r.score.tenths / 10) },
  { header: "Formalia", width: 16, value: (r) => formaliaStateLabels[r.formalia] },
  { header: "Status", width: 22, value: (r) => statusLabels[r.status] },
  { header: "Ansøgt beløb (kr.)", width: 18, numFmt: XLSX_MONEY, value: (r) => kroner(r.requestedOre) },
  { header: "Akkumuleret (kr.)", width: 18, numFmt: XLSX_MONEY, value: (r) => (r.counted ? kroner(r.cumulativeOre) : null) },
  {
    header: "Inden for puljens ramme",
    width: 24,
    value: (r) => (!r.counted ? "Tælles ikke med (indstillet til afslag)" : r.withinPool ? "Ja" : "Nej"),
  },
];

const REQUESTED_COLUMN = columns.findIndex((c) => c.header === "Ansøgt beløb (kr.)") + 1;

export async function buildRankingXlsx(ranking: Ranking): Promise<Buffer> {
  const { call } = ranking;
  const { lines, cutoffIndex, totalOre } = rankingAgainstPool(ranking.rows, call.poolTotalOre);
  const workbook: Workbook = await newWorkbook();
  const sheet = addSheet(workbook, "Rangering", columns, `Rangering: ${call.title}`);
  lines.forEach((line, i) => {
    if (i === cutoffIndex) {
      const row = sheet.addRow([cutoffText(call.poolTotalOre)]);
      sheet.mergeCells(row.number, 1, row.number, columns.length);
      row.font = { bold: true, color: { argb: "FFB0000B" } };
      row.getCell(1).border = { top: { style: "thick", color: { argb: "FFB0000B" } }, bottom: { style: "thick", color: { argb: "FFB0000B" } } };
    }
    sheet.addRow(columns.map((c) => c.value(line)));
  });
  const requestedSum = lines.reduce((sum, l) => sum + l.requestedOre, 0n);
  addTotalsRow(sheet, [{ column: REQUESTED_COLUMN, value: kroner(requestedSum) }]);
  sheet.addRow([]);
  const facts: [string, number][] = [
    ["Puljens ramme (kr.)", kroner(call.poolTotalOre)],
    ["Ansøgt i alt uden indstillinger til afslag (kr.)", kroner(totalOre)],
  ];
  for (const [label, value] of facts) {
    const row = sheet.addRow([label]);
    row.getCell(REQUESTED_COLUMN).value = value;
    row.getCell(REQUESTED_COLUMN).numFmt = XLSX_MONEY;
  }
  return workbookBuffer(workbook);
}

/** "rangering-opslag-3-ekstra-hjaelp-…-2026-11-27.xlsx" */
export function rankingFilename(call: { id: number; title: string }, now = new Date()) {
  return exportFileName("rangering", [`opslag ${call.id}`, call.title], "xlsx", now);
}
