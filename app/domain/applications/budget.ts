// The budget grid: one amount (øre, bigint) per cost category per quarter. Form
// fields are flat ("budget_12_2023-Q1") because react-hook-form would read dots and
// brackets in a name as a nested path (and a numeric segment as an array index).
import { formatQuarter } from "~/utils/dates";
import { parseDanishAmount } from "~/utils/money";

export type BudgetGrid = { categoryIds: number[]; quarters: string[] };
export type BudgetLine = { categoryId: number; quarter: string; amountOre: bigint };

const KEY = /^budget_(\d+)_(\d{4}-Q[1-4])$/;

export function budgetKey(categoryId: number, quarter: string) {
  return `budget_${categoryId}_${quarter}`;
}

export function parseBudgetKey(key: string): { categoryId: number; quarter: string } | null {
  const m = KEY.exec(key);
  return m ? { categoryId: Number(m[1]), quarter: m[2] } : null;
}

/** "Vikardækning, 2. kvt. 2023" for a budget field; null for any other field. */
export function budgetCellLabel(key: string, categories: { id: number; label: string }[]): string | null {
  const cell = parseBudgetKey(key);
  if (!cell) return null;
  const category = categories.find((c) => c.id === cell.categoryId);
  return category ? `${category.label}, ${formatQuarter(cell.quarter)}` : null;
}

/** Every field name the grid has, row by row. */
export function budgetKeys(grid: BudgetGrid): string[] {
  return grid.categoryIds.flatMap((c) => grid.quarters.map((q) => budgetKey(c, q)));
}

/** Parsed øre per field → lines; zero cells are not stored. */
export function linesFromParsed(values: Record<string, unknown>): BudgetLine[] {
  const out: BudgetLine[] = [];
  for (const [key, value] of Object.entries(values)) {
    const k = parseBudgetKey(key);
    if (k && typeof value === "bigint" && value > 0n) out.push({ ...k, amountOre: value });
  }
  return out;
}

export function sumLines(lines: { amountOre: bigint }[]): bigint {
  return lines.reduce((s, l) => s + l.amountOre, 0n);
}

export type BudgetTotals = {
  byCategory: Map<number, bigint>;
  byQuarter: Map<string, bigint>;
  total: bigint;
};

export function totalsOf(grid: BudgetGrid, lines: BudgetLine[]): BudgetTotals {
  const byCategory = new Map(grid.categoryIds.map((c) => [c, 0n]));
  const byQuarter = new Map(grid.quarters.map((q) => [q, 0n]));
  let total = 0n;
  for (const l of lines) {
    if (!byCategory.has(l.categoryId) || !byQuarter.has(l.quarter)) continue;
    byCategory.set(l.categoryId, byCategory.get(l.categoryId)! + l.amountOre);
    byQuarter.set(l.quarter, byQuarter.get(l.quarter)! + l.amountOre);
    total += l.amountOre;
  }
  return { byCategory, byQuarter, total };
}

/**
 * Live totals while typing (browser and server render): the raw texts of the grid.
 * A cell that is not (yet) a valid non-negative amount counts as 0; the field's own
 * error message says what is wrong with it.
 */
export function totalsFromInputs(grid: BudgetGrid, values: Record<string, unknown>): BudgetTotals {
  const lines: BudgetLine[] = [];
  for (const c of grid.categoryIds) {
    for (const q of grid.quarters) {
      const raw = values[budgetKey(c, q)];
      const ore = typeof raw === "string" ? parseDanishAmount(raw) : null;
      if (ore !== null && ore > 0n) lines.push({ categoryId: c, quarter: q, amountOre: ore });
    }
  }
  return totalsOf(grid, lines);
}

/** Stored lines → the texts the inputs start with ("125.000,00"; empty for no amount). */
export function linesToInputs(grid: BudgetGrid, lines: BudgetLine[], format: (ore: bigint) => string) {
  const out: Record<string, string> = Object.fromEntries(budgetKeys(grid).map((k) => [k, ""]));
  for (const l of lines) {
    const key = budgetKey(l.categoryId, l.quarter);
    if (key in out && l.amountOre > 0n) out[key] = format(l.amountOre);
  }
  return out;
}
