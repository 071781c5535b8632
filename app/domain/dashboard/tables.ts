// The dashboard's tables: each chart's data as rows and typed columns, one model for the
// table view on the page, its CSV and its XLSX, so what a screen reader hears, what is
// downloaded and what the chart draws are the same numbers. Pure (no drizzle import).
import { PROGRAMME_STATUS_LABELS, THEME_LABELS } from "~/domain/programmes/programme-constants";
import { INDICATOR_UNIT_LABELS } from "~/domain/reports/report-constants";
import type { DashboardFigures, IndicatorSeries } from "./figures.server";

export const TABLE_KEYS = ["pulje", "kommuner", "temaer", "indikatorer"] as const;
export type TableKey = (typeof TABLE_KEYS)[number];

export function isTableKey(v: string | null | undefined): v is TableKey {
  return !!v && (TABLE_KEYS as readonly string[]).includes(v);
}

/** money: øre (bigint) shown as kroner; decimal: up to two decimals; int; date: "YYYY-MM-DD"; text. */
export type CellKind = "text" | "money" | "int" | "decimal" | "date";
export type Cell = string | number | bigint | null;
export type DashboardTable = { key: TableKey; title: string; columns: { label: string; kind: CellKind }[]; rows: Cell[][] };

const thousands = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ".");

/** Danish number text: "1.234,5" (decimal), "1.234" (int), "1.234.567,89 kr." (money from øre). */
export function formatCell(kind: CellKind, value: Cell): string {
  if (value === null || value === "") return "–";
  switch (kind) {
    case "money": {
      const v = BigInt(value);
      const abs = v < 0n ? -v : v;
      return `${v < 0n ? "-" : ""}${thousands((abs / 100n).toString())},${(abs % 100n).toString().padStart(2, "0")} kr.`;
    }
    case "int":
      return `${Number(value) < 0 ? "-" : ""}${thousands(Math.abs(Number(value)).toFixed(0))}`;
    case "decimal": {
      const fixed = Math.abs(Number(value)).toFixed(2).replace(/\.?0+$/, "");
      const [whole, frac] = fixed.split(".");
      return `${Number(value) < 0 ? "-" : ""}${thousands(whole!)}${frac ? `,${frac}` : ""}`;
    }
    case "date": {
      const s = String(value);
      return /^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s.slice(8, 10)}.${s.slice(5, 7)}.${s.slice(0, 4)}` : s;
    }
    default:
      return String(value);
  }
}

/** The value an indicator's chart draws per due date: the total for counts, the mean otherwise. */
export function indicatorMeasure(unit: IndicatorSeries["unit"]): "sum" | "mean" {
  return unit === "count" ? "sum" : "mean";
}

export function dashboardTable(f: DashboardFigures, key: TableKey): DashboardTable {
  switch (key) {
    case "pulje": {
      const p = f.pool;
      return {
        key,
        title: "Puljen",
        columns: [
          { label: "Post", kind: "text" },
          { label: "Beløb", kind: "money" },
        ],
        rows: [
          ["Puljens ramme", p.totalOre],
          ["Givet i tilsagn", p.grantedOre],
          ["Disponeret nu", p.committedOre],
          ["Udbetalt", p.paidOre],
          ["Tilbagebetalt", p.repaidOre],
          ["Udbetalt efter tilbagebetalinger", p.netPaidOre],
          ["Disponeret, ikke udbetalt", p.outstandingOre],
          ["Ikke disponeret", p.uncommittedOre],
        ],
      };
    }
    case "kommuner":
      return {
        key,
        title: "Kommunerne",
        columns: [
          { label: "Kommune", kind: "text" },
          { label: "Tilsagn", kind: "money" },
          { label: "Disponeret", kind: "money" },
          { label: "Udbetalt", kind: "money" },
          { label: "Tilbagebetalt", kind: "money" },
          { label: "Forbrug indberettet", kind: "money" },
          { label: "Forløb", kind: "text" },
          { label: "Fremdrift (%)", kind: "int" },
          { label: "Milepæle gennemført", kind: "int" },
          { label: "Milepæle overskredet", kind: "int" },
          { label: "Rapporter modtaget", kind: "int" },
          { label: "Rapporter godkendt", kind: "int" },
          { label: "Rapporter for sent", kind: "int" },
        ],
        rows: f.municipalities.map((m) => [
          m.municipalityName,
          m.grantedOre,
          m.committedOre,
          m.paidOre,
          m.repaidOre,
          m.spendReportedOre,
          m.programmes.length ? m.programmes.map((p) => PROGRAMME_STATUS_LABELS[p.status]).join(", ") : "Intet forløb",
          m.progressPercent,
          m.milestones.done,
          m.milestones.overdue,
          m.reports.received,
          m.reports.approved,
          m.reports.overdue,
        ]),
      };
    case "temaer": {
      const dates = [...new Set(f.themes.flatMap((t) => t.points.map((p) => p.dueOn)))].sort();
      return {
        key,
        title: "Temaer over tid (gennemsnitlig vurdering 1–5)",
        columns: [
          { label: "Rapport pr.", kind: "date" },
          ...f.themes.map((t) => ({ label: THEME_LABELS[t.theme], kind: "decimal" as const })),
          { label: "Antal kommuner", kind: "int" },
        ],
        rows: dates.map((d) => [
          d,
          ...f.themes.map((t) => t.points.find((p) => p.dueOn === d)?.mean ?? null),
          Math.max(...f.themes.map((t) => t.points.find((p) => p.dueOn === d)?.count ?? 0)),
        ]),
      };
    }
    case "indikatorer":
      return {
        key,
        title: "Indikatorer over tid",
        columns: [
          { label: "Indikator", kind: "text" },
          { label: "Enhed", kind: "text" },
          { label: "Rapport pr.", kind: "date" },
          { label: "Gennemsnit", kind: "decimal" },
          { label: "I alt", kind: "decimal" },
          { label: "Lavest", kind: "decimal" },
          { label: "Højest", kind: "decimal" },
          { label: "Antal kommuner", kind: "int" },
        ],
        rows: f.indicators.flatMap((i) =>
          i.points.map((p) => [i.label, INDICATOR_UNIT_LABELS[i.unit], p.dueOn, p.mean, p.sum, p.min, p.max, p.count]),
        ),
      };
  }
}
