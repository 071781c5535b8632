import { describe, expect, it } from "vitest";
import { formatOre, oreToInput } from "~/utils/money";
import { budgetCellLabel, budgetKey, budgetKeys, linesFromParsed, linesToInputs, parseBudgetKey, sumLines, totalsFromInputs, totalsOf } from "./budget";

const grid = { categoryIds: [7, 9], quarters: ["2023-Q1", "2023-Q2", "2023-Q3"] };

describe("budget grid", () => {
  it("names fields flat, without dots or brackets, and reads them back", () => {
    expect(budgetKey(7, "2023-Q1")).toBe("budget_7_2023-Q1");
    expect(parseBudgetKey("budget_7_2023-Q1")).toEqual({ categoryId: 7, quarter: "2023-Q1" });
    expect(parseBudgetKey("budget_7_2023-Q5")).toBeNull();
    expect(parseBudgetKey("budget.7.2023-Q1")).toBeNull();
    expect(budgetKeys(grid)).toHaveLength(6);
  });

  it("totals per category, per quarter and in all with bigint øre (no float drift)", () => {
    const lines = [
      { categoryId: 7, quarter: "2023-Q1", amountOre: 10n },
      { categoryId: 7, quarter: "2023-Q2", amountOre: 20n },
      { categoryId: 9, quarter: "2023-Q2", amountOre: 123456789012345n },
      { categoryId: 99, quarter: "2023-Q2", amountOre: 5n }, // not in the grid: ignored
    ];
    const t = totalsOf(grid, lines);
    expect(t.byCategory.get(7)).toBe(30n);
    expect(t.byQuarter.get("2023-Q2")).toBe(123456789012365n);
    expect(t.byQuarter.get("2023-Q3")).toBe(0n);
    expect(t.total).toBe(123456789012375n);
  });

  it("live totals parse the typed Danish amounts and count unparseable or negative cells as 0", () => {
    const t = totalsFromInputs(grid, {
      "budget_7_2023-Q1": "0,10",
      "budget_7_2023-Q2": "0,20",
      "budget_9_2023-Q1": "1.234.567,50",
      "budget_9_2023-Q2": "abc",
      "budget_9_2023-Q3": "-5",
    });
    expect(t.byCategory.get(7)).toBe(30n); // 0,10 + 0,20 is exactly 0,30
    expect(t.total).toBe(123456780n);
    expect(formatOre(t.total)).toBe("1.234.567,80 kr.");
  });

  it("keeps only positive parsed cells as lines, and turns lines back into the inputs' texts", () => {
    const lines = linesFromParsed({ "budget_7_2023-Q1": 12500000n, "budget_9_2023-Q1": 0n, contactName: "x" });
    expect(lines).toEqual([{ categoryId: 7, quarter: "2023-Q1", amountOre: 12500000n }]);
    expect(sumLines(lines)).toBe(12500000n);
    const inputs = linesToInputs(grid, lines, oreToInput);
    expect(inputs["budget_7_2023-Q1"]).toBe("125.000,00");
    expect(inputs["budget_9_2023-Q3"]).toBe("");
  });
});

describe("naming a budget cell for the error summary", () => {
  const categories = [{ id: 7, label: "Vikardækning" }, { id: 9, label: "Efteruddannelse" }];
  it("gives the category and the quarter, and nothing for other fields", () => {
    expect(budgetCellLabel("budget_7_2023-Q2", categories)).toBe("Vikardækning, 2. kvt. 2023");
    expect(budgetCellLabel("budget_9_2024-Q4", categories)).toBe("Efteruddannelse, 4. kvt. 2024");
    expect(budgetCellLabel("budget_8_2023-Q1", categories)).toBeNull();
    expect(budgetCellLabel("contactName", categories)).toBeNull();
  });
});
