// The budget change rule (budgetændring), a pure function: does a proposed budget need the
// ministry's prior approval, or is it only registered?
//
// Decisions (docs/decisions/015-budget-change-rule.md):
// - A budget line (budgetpost) is a cost category, summed over the quarters. Moving money
//   between quarters inside one category changes no budget line: it is registered (and
//   the payments follow the new quarters), never sent for approval on that account.
// - A line "changes by more than X %" when |after − before| × 100 > X × before, and "by more
//   than Y kr." when |after − before| > Y: "over" is strictly more, so exactly 10 % or
//   exactly 100.000,00 kr. is registered. A line that had 0 kr. and gets money changes by
//   more than any percentage of it (a new line needs approval).
// - A budget change cannot add or remove money: the new total must equal the grant's
//   committed amount, and a budget identical to the one in force is no change.
import type { BudgetLine } from "~/domain/applications/budget";
import { formatOre } from "~/utils/money";

export type BudgetChangeThresholds = {
  /** change_approval_percent on the pool (whole percent, 0–100). */
  percent: number;
  /** change_approval_ore on the pool. */
  ore: bigint;
};

export type BudgetChangeLineVerdict = {
  categoryId: number;
  label: string;
  beforeOre: bigint;
  afterOre: bigint;
  deltaOre: bigint;
  overPercent: boolean;
  overAmount: boolean;
  /** Money moved between quarters within this line (its total may be unchanged). */
  quartersMoved: boolean;
};

export type BudgetChangeVerdict =
  | {
      ok: true;
      needsApproval: boolean;
      lines: BudgetChangeLineVerdict[];
      /** Danish, shown to both sides and stored with the change. */
      explanation: string;
    }
  | { ok: false; message: string };

export type BudgetChangeInput = {
  current: readonly BudgetLine[];
  proposed: readonly BudgetLine[];
  thresholds: BudgetChangeThresholds;
  committedOre: bigint;
  categories: readonly { id: number; label: string }[];
};

const abs = (v: bigint) => (v < 0n ? -v : v);

/** "+30,0 %" of a base, one decimal, rounded half away from zero, in integers. */
export function formatChangePercent(deltaOre: bigint, baseOre: bigint): string {
  if (baseOre === 0n) return "ny budgetpost";
  const tenths = (abs(deltaOre) * 1000n * 2n + baseOre) / (baseOre * 2n);
  const sign = deltaOre < 0n ? "−" : "+";
  return `${sign}${tenths / 10n},${tenths % 10n} %`;
}

function signedOre(v: bigint) {
  return v < 0n ? `−${formatOre(-v)}` : `+${formatOre(v)}`;
}

function sumsByCategory(lines: readonly BudgetLine[]) {
  const out = new Map<number, bigint>();
  for (const l of lines) out.set(l.categoryId, (out.get(l.categoryId) ?? 0n) + l.amountOre);
  return out;
}

function cellsOf(lines: readonly BudgetLine[]) {
  const out = new Map<string, bigint>();
  for (const l of lines) {
    const key = `${l.categoryId}|${l.quarter}`;
    out.set(key, (out.get(key) ?? 0n) + l.amountOre);
  }
  return out;
}

/** Is `delta` over `percent` % of `base`? Strictly more; any money on a 0 base is over. */
export function overPercent(delta: bigint, base: bigint, percent: number): boolean {
  return abs(delta) * 100n > BigInt(percent) * base;
}

/** Is `delta` over the amount threshold? Strictly more. */
export function overAmount(delta: bigint, thresholdOre: bigint): boolean {
  return abs(delta) > thresholdOre;
}

export function decideBudgetChange(input: BudgetChangeInput): BudgetChangeVerdict {
  const { current, proposed, thresholds, committedOre, categories } = input;
  if (proposed.some((l) => l.amountOre < 0n)) return { ok: false, message: "Et beløb i budgettet kan ikke være negativt." };
  const total = proposed.reduce((s, l) => s + l.amountOre, 0n);
  if (total !== committedOre) {
    const diff = total - committedOre;
    return {
      ok: false,
      message: `Budgettet skal i alt være ${formatOre(committedOre)} (tilsagnets beløb). Det er nu ${formatOre(total)}, ${diff > 0n ? `${formatOre(diff)} for meget` : `${formatOre(-diff)} for lidt`}. En budgetændring kan kun flytte penge, ikke lægge penge til eller trække fra.`,
    };
  }

  const before = sumsByCategory(current);
  const after = sumsByCategory(proposed);
  const cellsBefore = cellsOf(current);
  const cellsAfter = cellsOf(proposed);
  const labelOf = (id: number) => categories.find((c) => c.id === id)?.label ?? `Udgiftskategori ${id}`;
  const order = (id: number) => {
    const i = categories.findIndex((c) => c.id === id);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort((a, b) => order(a) - order(b) || a - b);

  const lines: BudgetChangeLineVerdict[] = ids.map((categoryId) => {
    const b = before.get(categoryId) ?? 0n;
    const a = after.get(categoryId) ?? 0n;
    const delta = a - b;
    const cellKeys = new Set(
      [...cellsBefore.keys(), ...cellsAfter.keys()].filter((k) => k.startsWith(`${categoryId}|`)),
    );
    const quartersMoved = [...cellKeys].some((k) => (cellsBefore.get(k) ?? 0n) !== (cellsAfter.get(k) ?? 0n));
    return {
      categoryId,
      label: labelOf(categoryId),
      beforeOre: b,
      afterOre: a,
      deltaOre: delta,
      overPercent: delta !== 0n && overPercent(delta, b, thresholds.percent),
      overAmount: delta !== 0n && overAmount(delta, thresholds.ore),
      quartersMoved,
    };
  });

  if (!lines.some((l) => l.quartersMoved)) {
    return { ok: false, message: "Budgettet er det samme som det gældende. Ret mindst ét beløb." };
  }

  const needsApproval = lines.some((l) => l.overPercent || l.overAmount);
  return { ok: true, needsApproval, lines, explanation: explain(lines, thresholds, needsApproval) };
}

/** A full stop, unless the text ends with one already ("… 100.000,00 kr."). */
function sentence(s: string) {
  return s.endsWith(".") ? s : `${s}.`;
}

function explain(lines: BudgetChangeLineVerdict[], t: BudgetChangeThresholds, needsApproval: boolean): string {
  const limits = `over ${t.percent} % af budgetposten eller over ${formatOre(t.ore)}`;
  const changed = lines.filter((l) => l.deltaOre !== 0n);
  const moved = lines.filter((l) => l.deltaOre === 0n && l.quartersMoved);
  const parts: string[] = [];
  if (needsApproval) {
    parts.push(sentence(`Kræver ministeriets forhåndsgodkendelse, fordi en budgetpost ændres med ${limits}`));
  } else {
    parts.push(sentence(`Registreres uden forhåndsgodkendelse: ingen budgetpost ændres med ${limits}`));
  }
  for (const l of changed) {
    const crossed = [l.overPercent ? `over ${t.percent} %` : null, l.overAmount ? `over ${formatOre(t.ore)}` : null].filter(Boolean);
    const what = `${l.label}: ${formatOre(l.beforeOre)} → ${formatOre(l.afterOre)} (${signedOre(l.deltaOre)}, ${formatChangePercent(l.deltaOre, l.beforeOre)})`;
    parts.push(sentence(crossed.length ? `${what} – ${crossed.join(" og ")}` : `${what} – under grænserne`));
  }
  for (const l of moved) parts.push(`${l.label}: flytning mellem kvartaler, samme beløb i alt (${formatOre(l.afterOre)}).`);
  return parts.join(" ");
}
