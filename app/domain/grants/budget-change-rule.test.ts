import { describe, expect, it } from "vitest";
import type { BudgetLine } from "~/domain/applications/budget";
import { decideBudgetChange, formatChangePercent, overAmount, overPercent, type BudgetChangeThresholds } from "./budget-change-rule";

const KR = 100n;
const categories = [
  { id: 1, label: "Vikardækning" },
  { id: 2, label: "Efteruddannelse" },
  { id: 3, label: "Midlertidig ekstra bemanding" },
];
const DEFAULT: BudgetChangeThresholds = { percent: 10, ore: 100_000n * KR };

/** A budget as { categoryId: [Q1, Q2] } in øre. */
function budget(cells: Record<number, [bigint, bigint]>): BudgetLine[] {
  return Object.entries(cells).flatMap(([id, [q1, q2]]) => [
    { categoryId: Number(id), quarter: "2023-Q1", amountOre: q1 },
    { categoryId: Number(id), quarter: "2023-Q2", amountOre: q2 },
  ]);
}

// Two lines of 500.000 kr.: 10 % of a line is 50.000 kr., below the 100.000 kr. amount.
const small = budget({ 1: [250_000n * KR, 250_000n * KR], 2: [250_000n * KR, 250_000n * KR] });
// Two lines of 2.000.000 kr.: 100.000 kr. is 5 % of a line, so the amount bites first.
const large = budget({ 1: [1_000_000n * KR, 1_000_000n * KR], 2: [1_000_000n * KR, 1_000_000n * KR] });

/** Move `ore` from category 1 to category 2 in the first quarter. */
function move(base: BudgetLine[], ore: bigint): BudgetLine[] {
  return base.map((l) =>
    l.quarter !== "2023-Q1" ? l : l.categoryId === 1 ? { ...l, amountOre: l.amountOre - ore } : l.categoryId === 2 ? { ...l, amountOre: l.amountOre + ore } : l,
  );
}

const sum = (lines: BudgetLine[]) => lines.reduce((s, l) => s + l.amountOre, 0n);

type Row = {
  name: string;
  current: BudgetLine[];
  proposed: BudgetLine[];
  thresholds?: BudgetChangeThresholds;
  needsApproval: boolean;
  /** categoryId → [overPercent, overAmount] for lines whose total changed. */
  crossed?: Record<number, [boolean, boolean]>;
};

const table: Row[] = [
  { name: "exactly 10 % of a line is not over 10 % (registered)", current: small, proposed: move(small, 50_000n * KR), needsApproval: false, crossed: { 1: [false, false], 2: [false, false] } },
  { name: "10 % and one øre is over 10 % (approval)", current: small, proposed: move(small, 50_000n * KR + 1n), needsApproval: true, crossed: { 1: [true, false], 2: [true, false] } },
  { name: "just under 10 % is registered", current: small, proposed: move(small, 50_000n * KR - 1n), needsApproval: false },
  { name: "exactly 100.000 kr. is not over 100.000 kr. (registered)", current: large, proposed: move(large, 100_000n * KR), needsApproval: false, crossed: { 1: [false, false], 2: [false, false] } },
  { name: "100.000 kr. and one øre is over the amount, though only 5 % (approval)", current: large, proposed: move(large, 100_000n * KR + 1n), needsApproval: true, crossed: { 1: [false, true], 2: [false, true] } },
  { name: "over both thresholds", current: small, proposed: move(small, 200_000n * KR), needsApproval: true, crossed: { 1: [true, true], 2: [true, true] } },
  {
    name: "moving money between quarters within a line is registered, whatever the amount",
    current: small,
    proposed: budget({ 1: [0n, 500_000n * KR], 2: [250_000n * KR, 250_000n * KR] }),
    needsApproval: false,
    crossed: {},
  },
  {
    name: "a new line (0 kr. before) is over any percentage, even for one øre",
    current: small,
    proposed: [...small.map((l) => (l.categoryId === 1 && l.quarter === "2023-Q1" ? { ...l, amountOre: l.amountOre - 1n } : l)), { categoryId: 3, quarter: "2023-Q1", amountOre: 1n }],
    needsApproval: true,
    crossed: { 1: [false, false], 3: [true, false] },
  },
  {
    name: "emptying a line is over 10 % of it",
    current: small,
    proposed: budget({ 1: [0n, 0n], 2: [500_000n * KR, 500_000n * KR] }),
    needsApproval: true,
    crossed: { 1: [true, true], 2: [true, true] },
  },
  { name: "the pool's percent is data: 20 % lets 50.000,01 kr. through", current: small, proposed: move(small, 50_000n * KR + 1n), thresholds: { percent: 20, ore: 100_000n * KR }, needsApproval: false },
  { name: "the pool's amount is data: 40.000 kr. stops 40.000,01 kr.", current: small, proposed: move(small, 40_000n * KR + 1n), thresholds: { percent: 10, ore: 40_000n * KR }, needsApproval: true, crossed: { 1: [false, true], 2: [false, true] } },
  { name: "percent 0: any change to a line's total needs approval", current: large, proposed: move(large, 1n), thresholds: { percent: 0, ore: 100_000n * KR }, needsApproval: true, crossed: { 1: [true, false], 2: [true, false] } },
  { name: "amount 0 and percent 0 still register a quarter move", current: small, proposed: budget({ 1: [100_000n * KR, 400_000n * KR], 2: [250_000n * KR, 250_000n * KR] }), thresholds: { percent: 0, ore: 0n }, needsApproval: false },
];

describe("decideBudgetChange: needs approval or registered", () => {
  it.each(table)("$name", (row) => {
    const verdict = decideBudgetChange({
      current: row.current,
      proposed: row.proposed,
      thresholds: row.thresholds ?? DEFAULT,
      committedOre: sum(row.current),
      categories,
    });
    expect(verdict.ok).toBe(true);
    if (!verdict.ok) return;
    expect(verdict.needsApproval).toBe(row.needsApproval);
    if (row.crossed) {
      const changed = Object.fromEntries(
        verdict.lines.filter((l) => l.deltaOre !== 0n).map((l) => [l.categoryId, [l.overPercent, l.overAmount]]),
      );
      expect(changed).toEqual(row.crossed);
    }
  });
});

describe("decideBudgetChange: what is not a budget change", () => {
  const committedOre = sum(small);
  it("refuses a total one øre above the grant's committed amount (no money is added)", () => {
    const proposed = small.map((l, i) => (i === 0 ? { ...l, amountOre: l.amountOre + 1n } : l));
    const v = decideBudgetChange({ current: small, proposed, thresholds: DEFAULT, committedOre, categories });
    expect(v).toEqual({ ok: false, message: expect.stringContaining("0,01 kr. for meget") });
    expect(!v.ok && v.message).toContain("1.000.000,00 kr.");
  });
  it("refuses a total one øre below it", () => {
    const proposed = small.map((l, i) => (i === 0 ? { ...l, amountOre: l.amountOre - 1n } : l));
    const v = decideBudgetChange({ current: small, proposed, thresholds: DEFAULT, committedOre, categories });
    expect(v).toEqual({ ok: false, message: expect.stringContaining("0,01 kr. for lidt") });
  });
  it("measures the total against the committed amount, not the version in force", () => {
    // A grant whose committed amount is lower than its old budget (e.g. partly released):
    // the new budget must fit the committed amount.
    const proposed = budget({ 1: [200_000n * KR, 250_000n * KR], 2: [250_000n * KR, 250_000n * KR] });
    const v = decideBudgetChange({ current: small, proposed, thresholds: DEFAULT, committedOre: sum(proposed), categories });
    expect(v.ok).toBe(true);
  });
  it("refuses a budget identical to the one in force, also when zero cells are left out", () => {
    const same = [...small, { categoryId: 3, quarter: "2023-Q1", amountOre: 0n }];
    const v = decideBudgetChange({ current: small, proposed: same, thresholds: DEFAULT, committedOre, categories });
    expect(v).toEqual({ ok: false, message: "Budgettet er det samme som det gældende. Ret mindst ét beløb." });
  });
  it("refuses a negative amount", () => {
    const proposed = [...move(small, 0n), { categoryId: 3, quarter: "2023-Q2", amountOre: -1n }, { categoryId: 3, quarter: "2023-Q1", amountOre: 1n }];
    const v = decideBudgetChange({ current: small, proposed, thresholds: DEFAULT, committedOre, categories });
    expect(v.ok).toBe(false);
  });
});

describe("the Danish explanation", () => {
  it("names each line, its change and the thresholds it crossed", () => {
    const v = decideBudgetChange({ current: small, proposed: move(small, 60_000n * KR), thresholds: DEFAULT, committedOre: sum(small), categories });
    if (!v.ok) throw new Error(v.message);
    expect(v.explanation).toBe(
      "Kræver ministeriets forhåndsgodkendelse, fordi en budgetpost ændres med over 10 % af budgetposten eller over 100.000,00 kr. " +
        "Vikardækning: 500.000,00 kr. → 440.000,00 kr. (−60.000,00 kr., −12,0 %) – over 10 %. " +
        "Efteruddannelse: 500.000,00 kr. → 560.000,00 kr. (+60.000,00 kr., +12,0 %) – over 10 %.",
    );
  });
  it("says both thresholds when both are crossed, and a registered change says why it is not", () => {
    const both = decideBudgetChange({ current: small, proposed: move(small, 150_000n * KR), thresholds: DEFAULT, committedOre: sum(small), categories });
    expect(both.ok && both.explanation).toContain("Vikardækning: 500.000,00 kr. → 350.000,00 kr. (−150.000,00 kr., −30,0 %) – over 10 % og over 100.000,00 kr.");
    const reg = decideBudgetChange({ current: small, proposed: move(small, 50_000n * KR), thresholds: DEFAULT, committedOre: sum(small), categories });
    expect(reg.ok && reg.explanation).toBe(
      "Registreres uden forhåndsgodkendelse: ingen budgetpost ændres med over 10 % af budgetposten eller over 100.000,00 kr. " +
        "Vikardækning: 500.000,00 kr. → 450.000,00 kr. (−50.000,00 kr., −10,0 %) – under grænserne. " +
        "Efteruddannelse: 500.000,00 kr. → 550.000,00 kr. (+50.000,00 kr., +10,0 %) – under grænserne.",
    );
  });
  it("describes a move between quarters and a new line", () => {
    const q = decideBudgetChange({ current: small, proposed: budget({ 1: [0n, 500_000n * KR], 2: [250_000n * KR, 250_000n * KR] }), thresholds: DEFAULT, committedOre: sum(small), categories });
    expect(q.ok && q.explanation).toContain("Vikardækning: flytning mellem kvartaler, samme beløb i alt (500.000,00 kr.).");
    const proposed = [...move(small, 0n).map((l) => (l.categoryId === 1 && l.quarter === "2023-Q1" ? { ...l, amountOre: l.amountOre - 10n * KR } : l)), { categoryId: 3, quarter: "2023-Q1", amountOre: 10n * KR }];
    const n = decideBudgetChange({ current: small, proposed, thresholds: DEFAULT, committedOre: sum(small), categories });
    expect(n.ok && n.explanation).toContain("Midlertidig ekstra bemanding: 0,00 kr. → 10,00 kr. (+10,00 kr., ny budgetpost) – over 10 %.");
  });
});

describe("threshold helpers", () => {
  it.each([
    [50n, 500n, 10, false],
    [51n, 500n, 10, true],
    [-51n, 500n, 10, true],
    [1n, 0n, 10, true],
    [0n, 0n, 10, false],
    [1n, 1_000n, 0, true],
  ])("overPercent(%s, %s, %s) = %s", (d, b, p, want) => expect(overPercent(d, b, p)).toBe(want));
  it.each([
    [10_000_000n, 10_000_000n, false],
    [10_000_001n, 10_000_000n, true],
    [-10_000_001n, 10_000_000n, true],
  ])("overAmount(%s, %s) = %s", (d, t, want) => expect(overAmount(d, t)).toBe(want));
  it.each([
    [50n, 500n, "+10,0 %"],
    [-1n, 3n, "−33,3 %"],
    [2n, 3n, "+66,7 %"],
    [1n, 2_000n, "+0,1 %"],
    [1n, 2_001n, "+0,0 %"],
    [5n, 0n, "ny budgetpost"],
  ])("formatChangePercent(%s, %s) = %s", (d, b, want) => expect(formatChangePercent(d, b)).toBe(want));
});
