import { describe, expect, it } from "vitest";
import { dueDate, nextQuarter, planPayments, quarterBudgets, quarterOf, quarterStart, type QuarterBudget } from "./payment-plan";

const sum = (xs: { amountOre: bigint }[]) => xs.reduce((a, b) => a + b.amountOre, 0n);
const QUARTERS = ["2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4", "2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"];
// 1.588.888,89 kr. over eight quarters with uneven lines (two categories per quarter).
const lines = QUARTERS.flatMap((quarter, i) => [
  { quarter, amountOre: 10_000_000n + BigInt(i) * 1_234_567n },
  { quarter, amountOre: 5_000_011n },
]);
const budget: QuarterBudget[] = quarterBudgets(lines);
const total = sum(budget);

describe("quarters", () => {
  it("knows a quarter's first day, the quarter of a date and the next quarter", () => {
    expect(quarterStart("2023-Q1")).toBe("2023-01-01");
    expect(quarterStart("2024-Q4")).toBe("2024-10-01");
    expect(quarterOf("2023-05-17")).toBe("2023-Q2");
    expect(quarterOf("2023-12-31")).toBe("2023-Q4");
    expect(nextQuarter("2023-Q4")).toBe("2024-Q1");
    expect(nextQuarter("2023-Q2")).toBe("2023-Q3");
  });
  it("is due on the quarter's first day, or on acceptance for a quarter already begun", () => {
    expect(dueDate("2023-Q1", "2023-01-12")).toBe("2023-01-12");
    expect(dueDate("2023-Q2", "2023-01-12")).toBe("2023-04-01");
    expect(dueDate("2023-Q1", null)).toBe("2023-01-01");
  });
  it("sums the budget lines per quarter, in quarter order", () => {
    expect(quarterBudgets([
      { quarter: "2023-Q2", amountOre: 5n },
      { quarter: "2023-Q1", amountOre: 1n },
      { quarter: "2023-Q2", amountOre: 7n },
    ])).toEqual([{ quarter: "2023-Q1", amountOre: 1n }, { quarter: "2023-Q2", amountOre: 12n }]);
  });
});

describe("planPayments", () => {
  it("pays each quarter's budget exactly, in advance, summing to the commitment", () => {
    const plan = planPayments({ budget, committedOre: total, paidOre: 0n, fixed: [], acceptedOn: "2023-01-12" });
    expect(plan.payments.map((p) => p.quarter)).toEqual(QUARTERS);
    expect(plan.payments.map((p) => p.amountOre)).toEqual(budget.map((b) => b.amountOre));
    expect(sum(plan.payments)).toBe(total);
    expect(plan.rounding).toBeNull();
    expect(plan.payments[0]!.dueOn).toBe("2023-01-12");
    expect(plan.payments[1]!.dueOn).toBe("2023-04-01");
  });

  it("leaves paid quarters alone and spreads the rest by the budget's weights, exactly", () => {
    // Two quarters paid at other amounts than the budget said (a correction before).
    const fixed = [
      { quarter: "2023-Q1", amountOre: 15_000_000n, status: "paid" as const },
      { quarter: "2023-Q2", amountOre: 16_000_001n, status: "paid" as const },
    ];
    const paidOre = 31_000_001n;
    const plan = planPayments({ budget, committedOre: total, paidOre, fixed, acceptedOn: "2023-01-12" });
    expect(plan.payments.map((p) => p.quarter)).toEqual(QUARTERS.slice(2));
    expect(sum(plan.payments) + paidOre).toBe(total);
    // Rounded down to whole kroner; the remainder stated, on the last quarter.
    for (const p of plan.payments.slice(0, -1)) expect(p.amountOre % 100n).toBe(0n);
    expect(plan.rounding?.quarter).toBe("2024-Q4");
    expect(plan.rounding!.remainderOre).toBeGreaterThan(0n);
    // Heavier quarters get more: the weights are followed.
    expect(plan.payments[5]!.amountOre).toBeGreaterThan(plan.payments[0]!.amountOre);
  });

  it("counts approved payments as fixed and plans only what is left", () => {
    const fixed = [{ quarter: "2023-Q1", amountOre: budget[0]!.amountOre, status: "approved" as const }];
    const plan = planPayments({ budget, committedOre: total, paidOre: 0n, fixed, acceptedOn: null });
    expect(plan.payments[0]!.quarter).toBe("2023-Q2");
    expect(sum(plan.payments) + budget[0]!.amountOre).toBe(total);
    expect(plan.rounding).toBeNull(); // the rest matches the budget exactly
  });

  it("scales a reduced grant over the budget's quarters, summing exactly to the reduced commitment", () => {
    const committedOre = 100_000_001n; // less than the budget
    const plan = planPayments({ budget, committedOre, paidOre: 0n, fixed: [], acceptedOn: null });
    expect(sum(plan.payments)).toBe(committedOre);
    expect(plan.payments).toHaveLength(8);
    expect(plan.rounding?.quarter).toBe("2024-Q4");
    expect(plan.rounding!.remainderOre % 100n).toBe(1n);
  });

  it("plans nothing when everything is paid, and says what could not be placed", () => {
    const fixed = budget.map((b) => ({ quarter: b.quarter, amountOre: b.amountOre, status: "paid" as const }));
    expect(planPayments({ budget, committedOre: total, paidOre: total, fixed, acceptedOn: null })).toMatchObject({
      payments: [],
      unplacedOre: 0n,
    });
    const reduced = planPayments({ budget, committedOre: total, paidOre: total - 500n, fixed, acceptedOn: null });
    expect(reduced.payments).toEqual([]);
    expect(reduced.unplacedOre).toBe(500n);
  });

  it("skips quarters without budget (no zero payments)", () => {
    const b = [
      { quarter: "2023-Q1", amountOre: 1_000_00n },
      { quarter: "2023-Q2", amountOre: 0n },
      { quarter: "2023-Q3", amountOre: 3_000_00n },
    ];
    const plan = planPayments({ budget: b, committedOre: 2_000_01n, paidOre: 0n, fixed: [], acceptedOn: null });
    expect(plan.payments.map((p) => p.quarter)).toEqual(["2023-Q1", "2023-Q3"]);
    expect(sum(plan.payments)).toBe(2_000_01n);
  });
});
