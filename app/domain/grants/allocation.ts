// The allocation board's arithmetic, one pure module for the page (live, in the browser)
// and the server (when saving, proposing and approving): integer øre (bigint) only.
import { copenhagenDateString, copenhagenInstant } from "~/utils/dates";
import { formatOre, parseDanishAmount } from "~/utils/money";
import type { AllocationDecision } from "./grant-constants";
import { splitByWeights } from "./split";

export type BoardLine = {
  applicationId: number;
  requestedOre: bigint;
  decision: AllocationDecision | null;
  /** The typed amount for a reduced grant (ignored for full and none). */
  amountOre: bigint | null;
  reason: string;
};

/** What a line gives: the requested amount (full), the typed amount (reduced), or nothing. */
export function lineGrantOre(l: Pick<BoardLine, "decision" | "requestedOre" | "amountOre">): bigint {
  if (l.decision === "full") return l.requestedOre;
  if (l.decision === "reduced") return l.amountOre ?? 0n;
  return 0n;
}

export type BoardTotals = {
  poolTotalOre: bigint;
  /** Committed in the pool before this round (other calls, earlier rounds). */
  committedBeforeOre: bigint;
  /** What this round gives. */
  roundOre: bigint;
  committedOre: bigint;
  leftOre: bigint;
  /** What the round gives beyond the pool (0 when it fits). */
  overOre: bigint;
  lines: (BoardLine & { grantOre: bigint; cumulativeOre: bigint; withinPool: boolean })[];
  /**
   * The first line the pool does not reach: down the ranking, each line counts with what it
   * gives, or (not decided yet) with what it asks for. Null when the pool reaches every line.
   */
  reachIndex: number | null;
};

export function boardTotals(poolTotalOre: bigint, committedBeforeOre: bigint, lines: readonly BoardLine[]): BoardTotals {
  const available = poolTotalOre - committedBeforeOre;
  let roundOre = 0n;
  let cumulative = 0n;
  let reachIndex: number | null = null;
  const out = lines.map((l, i) => {
    const grantOre = lineGrantOre(l);
    roundOre += grantOre;
    cumulative += l.decision === null ? l.requestedOre : grantOre;
    const withinPool = cumulative <= available;
    if (!withinPool && reachIndex === null) reachIndex = i;
    return { ...l, grantOre, cumulativeOre: cumulative, withinPool };
  });
  const committedOre = committedBeforeOre + roundOre;
  const leftOre = poolTotalOre - committedOre;
  return { poolTotalOre, committedBeforeOre, roundOre, committedOre, leftOre, overOre: leftOre < 0n ? -leftOre : 0n, lines: out, reachIndex };
}

export const decisionLabels: Record<AllocationDecision, string> = {
  full: "Fuldt tilsagn",
  reduced: "Reduceret tilsagn",
  none: "Afslag",
};

export const field = {
  decision: (id: number) => `decision_${id}`,
  amount: (id: number) => `amount_${id}`,
  reason: (id: number) => `reason_${id}`,
};

/** Read a board form (FormData or the browser's live values) into lines; unknown text stays as the error says. */
export function readBoardForm(
  get: (name: string) => string | null,
  applications: readonly { id: number; requestedOre: bigint }[],
): { lines: BoardLine[]; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const lines = applications.map((a) => {
    const d = (get(field.decision(a.id)) ?? "").trim();
    const decision: AllocationDecision | null = d === "full" || d === "reduced" || d === "none" ? d : null;
    const rawAmount = (get(field.amount(a.id)) ?? "").trim();
    let amountOre: bigint | null = null;
    if (decision === "reduced" && rawAmount !== "") {
      amountOre = parseDanishAmount(rawAmount);
      if (amountOre === null) errors[field.amount(a.id)] = "Skriv beløbet i kroner, fx 1.250.000,00.";
    }
    return { applicationId: a.id, requestedOre: a.requestedOre, decision, amountOre, reason: (get(field.reason(a.id)) ?? "").trim().slice(0, 2000) };
  });
  return { lines, errors };
}

/**
 * The rules for a round that may be proposed or approved: every application decided; a
 * reduced amount above 0 and below the requested; a reason for reduced and none; the
 * round within what is left in the pool. Errors keyed by field; `round` for the whole.
 */
export function validateRound(totals: BoardTotals, opts: { complete: boolean }): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const l of totals.lines) {
    if (l.decision === null) {
      if (opts.complete) errors[field.decision(l.applicationId)] = "Vælg fuldt tilsagn, reduceret tilsagn eller afslag.";
      continue;
    }
    if (l.decision === "reduced") {
      if (l.amountOre === null) errors[field.amount(l.applicationId)] = "Skriv det reducerede beløb.";
      else if (l.amountOre <= 0n || l.amountOre >= l.requestedOre)
        errors[field.amount(l.applicationId)] = `Et reduceret beløb skal være over 0 og under det ansøgte (${formatOre(l.requestedOre)}).`;
    }
    if ((l.decision === "reduced" || l.decision === "none") && l.reason === "")
      errors[field.reason(l.applicationId)] = l.decision === "none" ? "Skriv begrundelsen for afslaget." : "Skriv begrundelsen for reduktionen.";
  }
  if (totals.overOre > 0n)
    errors.round = `Fordelingen er ${formatOre(totals.overOre)} over det, der er tilbage i puljen (${formatOre(totals.poolTotalOre - totals.committedBeforeOre)}).`;
  return errors;
}

// ------------------------------------------------------------------ deadlines and budget

/** "2022-12-15" + n days → "2022-12-29" (calendar days, no time zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

/** "2024-12-31" + 2 months → "2025-02-28": the same day of the month, or the month's last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number);
  const first = new Date(Date.UTC(y!, m! - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d!, last))).toISOString().slice(0, 10);
}

export type CallDeadlineDefaults = { acceptanceDays: number; startWithinMonths: number; accountsDueMonths: number };

/**
 * A grant's deadlines from the call's defaults, on the Copenhagen calendar: accept by the
 * end of the day N days after the decision; start within M months of the decision;
 * accounts due K months after the project ends.
 */
export function grantDeadlines(decidedAt: Date, call: CallDeadlineDefaults, projectEnd: string) {
  const decisionDay = copenhagenDateString(decidedAt);
  return {
    acceptanceDeadline: copenhagenInstant(addDays(decisionDay, call.acceptanceDays), "23:59:59"),
    latestStartOn: addMonths(decisionDay, call.startWithinMonths),
    accountsDueOn: addMonths(projectEnd, call.accountsDueMonths),
  };
}

export type BudgetCell = { categoryId: number; quarter: string; amountOre: bigint };

/** Budget version 1: the application's budget, scaled exactly to the granted amount (lines sum to it). */
export function budgetForGrant(lines: readonly BudgetCell[], grantedOre: bigint): BudgetCell[] {
  const sum = lines.reduce((s, l) => s + l.amountOre, 0n);
  if (sum === grantedOre) return lines.map((l) => ({ ...l }));
  const parts = splitByWeights(grantedOre, lines.map((l) => l.amountOre));
  return lines.map((l, i) => ({ ...l, amountOre: parts[i]! }));
}
