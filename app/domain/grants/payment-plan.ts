// The payment plan of a grant, as a plain function: one payment per quarter of the budget
// version in force, paid in advance. (It lives with the grants: approving a round and
// accepting a grant plan the payments, and the payments folder builds on grants.)
// A quarter's payment is due on the quarter's first day, or on the day the grant was
// accepted for a quarter that had already begun by then.
//
// Amounts: payments that are approved or paid are fixed (never re-planned). What is left of
// the commitment (committed − paid − approved) goes to the other quarters. When that equals
// the budget of those quarters (the normal case), each payment is exactly its quarter's
// budget. Otherwise (a reduced grant, a payment corrected, a budget change after payments)
// the remainder is split in proportion to the quarters' budgets with `splitByWeights`:
// every part rounded down to whole kroner, and what rounding leaves goes to the last
// quarter with budget, which the plan states (`rounding`).
import { splitByWeights } from "./split";

export type QuarterBudget = { quarter: string; amountOre: bigint };
export type FixedPayment = { quarter: string; amountOre: bigint; status: "approved" | "paid" };
export type PlannedPayment = { quarter: string; dueOn: string; amountOre: bigint };

export type PaymentPlan = {
  payments: PlannedPayment[];
  /** What the new plan pays out in total (fixed payments not included). */
  plannedOre: bigint;
  /** committed − paid − approved: what the plan had to place. */
  remainingOre: bigint;
  /** Set when the quarters' budgets did not match and a proportional split was needed. */
  rounding: { remainderOre: bigint; quarter: string } | null;
  /** Left over with no unpaid quarter to carry it (all budget quarters paid), or negative when more is fixed than committed. */
  unplacedOre: bigint;
};

const QUARTER = /^(\d{4})-Q([1-4])$/;

/** "2023-Q2" → "2023-04-01" */
export function quarterStart(quarter: string): string {
  const m = QUARTER.exec(quarter);
  if (!m) throw new RangeError(`not a quarter: ${quarter}`);
  const month = (Number(m[2]) - 1) * 3 + 1;
  return `${m[1]}-${String(month).padStart(2, "0")}-01`;
}

/** "2023-05-17" → "2023-Q2" */
export function quarterOf(date: string): string {
  const [y, mo] = date.split("-");
  return `${y}-Q${Math.floor((Number(mo) - 1) / 3) + 1}`;
}

/** The quarter after "2023-Q4" is "2024-Q1". */
export function nextQuarter(quarter: string): string {
  const m = QUARTER.exec(quarter);
  if (!m) throw new RangeError(`not a quarter: ${quarter}`);
  const q = Number(m[2]);
  return q === 4 ? `${Number(m[1]) + 1}-Q1` : `${m[1]}-Q${q + 1}`;
}

/** The budget lines (category × quarter) summed per quarter, in quarter order. */
export function quarterBudgets(lines: readonly { quarter: string; amountOre: bigint }[]): QuarterBudget[] {
  const byQuarter = new Map<string, bigint>();
  for (const l of lines) byQuarter.set(l.quarter, (byQuarter.get(l.quarter) ?? 0n) + l.amountOre);
  return [...byQuarter.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([quarter, amountOre]) => ({ quarter, amountOre }));
}

/** Due date of a quarter's payment: its first day, or the acceptance day if the quarter had begun by then. */
export function dueDate(quarter: string, acceptedOn: string | null): string {
  const start = quarterStart(quarter);
  return acceptedOn && acceptedOn > start ? acceptedOn : start;
}

export function planPayments(input: {
  budget: readonly QuarterBudget[];
  committedOre: bigint;
  /** The grant's paid total from the ledger (corrections included). */
  paidOre: bigint;
  /** Approved and paid payments: their quarters are not planned again. */
  fixed: readonly FixedPayment[];
  /** Copenhagen calendar date of acceptance (YYYY-MM-DD), or null while not accepted. */
  acceptedOn: string | null;
}): PaymentPlan {
  const fixedQuarters = new Set(input.fixed.map((f) => f.quarter));
  const approvedOre = input.fixed.filter((f) => f.status === "approved").reduce((s, f) => s + f.amountOre, 0n);
  const remainingOre = input.committedOre - input.paidOre - approvedOre;
  const open = input.budget.filter((b) => !fixedQuarters.has(b.quarter));
  const openBudgetOre = open.reduce((s, b) => s + b.amountOre, 0n);

  if (remainingOre <= 0n || open.length === 0) {
    return { payments: [], plannedOre: 0n, remainingOre, rounding: null, unplacedOre: remainingOre };
  }

  let amounts: bigint[];
  let rounding: PaymentPlan["rounding"] = null;
  if (openBudgetOre === remainingOre) {
    amounts = open.map((b) => b.amountOre);
  } else {
    amounts = splitByWeights(remainingOre, open.map((b) => b.amountOre));
    const roundedDown = open.map((b) => {
      const share = openBudgetOre === 0n ? remainingOre / BigInt(open.length) : (remainingOre * b.amountOre) / openBudgetOre;
      return share - (share % 100n);
    });
    const remainderOre = remainingOre - roundedDown.reduce((s, a) => s + a, 0n);
    const lastIndex = lastNonZero(amounts);
    rounding = { remainderOre, quarter: open[lastIndex]!.quarter };
  }

  const payments = open
    .map((b, i) => ({ quarter: b.quarter, dueOn: dueDate(b.quarter, input.acceptedOn), amountOre: amounts[i]! }))
    .filter((p) => p.amountOre > 0n);
  return { payments, plannedOre: remainingOre, remainingOre, rounding, unplacedOre: 0n };
}

function lastNonZero(xs: readonly bigint[]): number {
  for (let i = xs.length - 1; i >= 0; i--) if (xs[i]! > 0n) return i;
  return xs.length - 1;
}
