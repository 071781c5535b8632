// Reporting rules every reporting screen, job, dashboard and status pack share. Pure.
// A due date without a report row counts as "not submitted": the row is made at the first save.
import { MAX_CELL_ORE } from "~/domain/applications/application-schema";
import { containsCpr, CPR_MESSAGE } from "~/utils/cpr";
import { FINAL_REPORT_MONTHS_AFTER_END, THEMES, type ReportStatus } from "./report-constants";

/** A report counts as received once submitted (and stays received if approved). */
export function isReceived(status: ReportStatus | null): boolean {
  return status === "submitted" || status === "approved";
}

/**
 * Overdue (for reminders, the payment hold, the dashboard and the status pack): the due
 * date (a Copenhagen calendar date, "YYYY-MM-DD") has passed and nothing is waiting with
 * the ministry. A report sent back is overdue again once its due date has passed.
 */
export function isOverdue(dueOn: string, status: ReportStatus | null, today: string): boolean {
  return dueOn < today && !isReceived(status);
}

// ---------------------------------------------------------------- plan

/** Last day of the month `months` after the month of `iso` ("YYYY-MM-DD"). */
export function endOfMonthAfter(iso: string, months: number): string {
  const [y, m] = iso.split("-").map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(last).padStart(2, "0")}`;
}

export type PlannedDue = { kind: "status_report" | "final_report"; dueOn: string; label: string };

/**
 * The due dates of a plan: a status report at the end of every `everyMonths` months after the
 * project starts (while before the project's end), and a final report two months after the end.
 */
export function planDueDates(projectStart: string, projectEnd: string, everyMonths: number): PlannedDue[] {
  const out: PlannedDue[] = [];
  for (let k = 1; ; k++) {
    const dueOn = endOfMonthAfter(projectStart, k * everyMonths - 1);
    if (dueOn >= projectEnd) break;
    out.push({ kind: "status_report", dueOn, label: `Statusrapport ${k}` });
  }
  out.push({ kind: "final_report", dueOn: endOfMonthAfter(projectEnd, FINAL_REPORT_MONTHS_AFTER_END), label: "Slutrapport" });
  return out;
}

// ---------------------------------------------------------------- who may change what, when

/** The municipality may change the report (the draft version) only while it is a draft or sent back. */
export function isEditable(status: ReportStatus): boolean {
  return status === "draft" || status === "sent_back";
}

/** A caseworker decides only on a submitted report; an approved one is final. */
export function isReviewable(status: ReportStatus): boolean {
  return status === "submitted";
}

/** A due date may be moved or removed only while nothing has been submitted for it. */
export function isDueDateChangeable(status: ReportStatus | null, firstSubmittedAt: Date | string | null): boolean {
  return status === null || (status === "draft" && firstSubmittedAt === null);
}

// ---------------------------------------------------------------- the report's content

export type ReportContent = {
  activities: string;
  deviations: string;
  nextSteps: string;
  themes: Record<string, { score: number | null; note: string }>;
  indicators: Record<string, { value: string | null; comment: string }>;
  /** Key "<categoryId>|<quarter>". */
  spend: Record<string, { amountOre: bigint; explanation: string }>;
};

export type BudgetCell = { categoryId: number; quarter: string; amountOre: bigint };

export const spendKey = (categoryId: number, quarter: string) => `${categoryId}|${quarter}`;

/**
 * Spend over the approved budget line (category and quarter in the budget in force) needs an
 * explanation: the problems per form field `spend_<cat>_<quarter>_explanation`.
 */
export function spendProblems(budget: BudgetCell[], spend: ReportContent["spend"]): Record<string, string> {
  const budgetOf = new Map(budget.map((b) => [spendKey(b.categoryId, b.quarter), b.amountOre]));
  const problems: Record<string, string> = {};
  for (const [key, s] of Object.entries(spend)) {
    const line = budgetOf.get(key) ?? 0n;
    if (s.amountOre > line && !s.explanation.trim()) {
      const [cat, quarter] = key.split("|");
      problems[`spend_${cat}_${quarter}_explanation`] = "Forbruget er større end budgetposten. Forklar hvorfor.";
    }
  }
  return problems;
}

/** What must be filled in before a report can be submitted (a draft may be saved half done). */
export function submitProblems(content: ReportContent, indicatorIds: number[]): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!content.activities.trim()) problems.activities = "Beskriv de gennemførte aktiviteter.";
  if (!content.nextSteps.trim()) problems.nextSteps = "Beskriv de næste skridt.";
  for (const theme of THEMES) {
    if (content.themes[theme]?.score == null) problems[`theme_${theme}_score`] = "Vælg en vurdering fra 1 til 5.";
  }
  for (const id of indicatorIds) {
    if (content.indicators[String(id)]?.value == null) problems[`indicator_${id}`] = "Udfyld indikatoren.";
  }
  return problems;
}

/** Spend minus budget for one line: positive = over budget. */
export function spendDifference(budgetOre: bigint, spentOre: bigint): bigint {
  return spentOre - budgetOre;
}

// ---------------------------------------------------------------- compare

/** The fields (form names) that differ between two versions, for the compare view. */
export function changedFields(a: ReportContent, b: ReportContent): Set<string> {
  const changed = new Set<string>();
  for (const s of ["activities", "deviations", "nextSteps"] as const) if (a[s] !== b[s]) changed.add(s);
  for (const t of new Set([...Object.keys(a.themes), ...Object.keys(b.themes)])) {
    if ((a.themes[t]?.score ?? null) !== (b.themes[t]?.score ?? null)) changed.add(`theme_${t}_score`);
    if ((a.themes[t]?.note ?? "") !== (b.themes[t]?.note ?? "")) changed.add(`theme_${t}_note`);
  }
  for (const i of new Set([...Object.keys(a.indicators), ...Object.keys(b.indicators)])) {
    if (normaliseNumber(a.indicators[i]?.value) !== normaliseNumber(b.indicators[i]?.value)) changed.add(`indicator_${i}`);
    if ((a.indicators[i]?.comment ?? "") !== (b.indicators[i]?.comment ?? "")) changed.add(`indicator_${i}_comment`);
  }
  for (const k of new Set([...Object.keys(a.spend), ...Object.keys(b.spend)])) {
    const [cat, q] = k.split("|");
    if ((a.spend[k]?.amountOre ?? 0n) !== (b.spend[k]?.amountOre ?? 0n)) changed.add(`spend_${cat}_${q}`);
    if ((a.spend[k]?.explanation ?? "") !== (b.spend[k]?.explanation ?? "")) changed.add(`spend_${cat}_${q}_explanation`);
  }
  return changed;
}

function normaliseNumber(v: string | null | undefined): string | null {
  return v == null ? null : String(Number(v));
}

// ---------------------------------------------------------------- indicator values

/** "12,5" or "12.5" → "12.50"-ish decimal string; null for empty; undefined when not a number. */
export function parseIndicatorValue(raw: string, unit: "percent" | "count" | "number"): { value: string | null } | { error: string } {
  const s = raw.trim().replace(/\s/g, "");
  if (s === "") return { value: null };
  if (!/^-?\d{1,12}([.,]\d{1,2})?$/.test(s)) return { error: "Skriv et tal, fx 12 eller 12,5." };
  const n = Number(s.replace(",", "."));
  if (unit === "count" && (!Number.isInteger(n) || n < 0)) return { error: "Skriv et helt antal (0 eller mere)." };
  if (unit === "percent" && (n < 0 || n > 100)) return { error: "Skriv en procent mellem 0 og 100." };
  return { value: s.replace(",", ".") };
}

// ---------------------------------------------------------------- payment hold

/** Whether an automatic (report) payment hold may be lifted: no due date of the grant is overdue. */
export function mayLiftReportHold(dueDates: { dueOn: string; status: ReportStatus | null }[], today: string): boolean {
  return !dueDates.some((d) => isOverdue(d.dueOn, d.status, today));
}

// ---------------------------------------------------------------- the form

export type FormIndicator = { id: number; unit: "percent" | "count" | "number" };
const MAX_TEXT = 10_000;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * The report form's fields (`activities`, `theme_<t>_score`, `indicator_<id>`,
 * `spend_<cat>_<quarter>` in kroner, …) → the content, or messages per field. Only the
 * indicators of the grant's plan and the budget lines in force are read; anything else is ignored.
 */
export function parseReportForm(
  raw: Record<string, unknown>,
  indicators: FormIndicator[],
  cells: { categoryId: number; quarter: string }[],
  parseAmount: (s: string) => bigint | null,
): { content: ReportContent; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const str = (k: string) => {
    const v = raw[k];
    const s = typeof v === "string" ? v.trim() : "";
    if (s.length > MAX_TEXT) errors[k] = `Teksten må højst være ${MAX_TEXT} tegn.`;
    else if (CONTROL.test(s)) errors[k] = "Feltet indeholder et usynligt kontroltegn. Fjern det, og prøv igen.";
    else if (containsCpr(s)) errors[k] = CPR_MESSAGE;
    return s;
  };
  const content: ReportContent = { activities: str("activities"), deviations: str("deviations"), nextSteps: str("nextSteps"), themes: {}, indicators: {}, spend: {} };
  for (const theme of THEMES) {
    const rawScore = str(`theme_${theme}_score`);
    let score: number | null = null;
    if (rawScore !== "") {
      score = Number(rawScore);
      if (!Number.isInteger(score) || score < 1 || score > 5) {
        errors[`theme_${theme}_score`] = "Vælg en vurdering fra 1 til 5.";
        score = null;
      }
    }
    content.themes[theme] = { score, note: str(`theme_${theme}_note`) };
  }
  for (const ind of indicators) {
    const parsed = parseIndicatorValue(str(`indicator_${ind.id}`), ind.unit);
    if ("error" in parsed) errors[`indicator_${ind.id}`] = parsed.error;
    content.indicators[String(ind.id)] = { value: "value" in parsed ? parsed.value : null, comment: str(`indicator_${ind.id}_comment`) };
  }
  for (const c of cells) {
    const name = `spend_${c.categoryId}_${c.quarter}`;
    const rawAmount = str(name);
    let amountOre = 0n;
    if (rawAmount !== "") {
      const parsed = parseAmount(rawAmount);
      if (parsed === null || parsed < 0n) errors[name] = "Skriv forbruget som et beløb i kroner, fx 125.000,00.";
      // No more than a budget cell may hold (the column is a bigint: a longer number would fail the save).
      else if (parsed > MAX_CELL_ORE) errors[name] = "Forbruget er for stort. Skriv forbruget for budgetposten i kroner, fx 125.000,00.";
      else amountOre = parsed;
    }
    content.spend[spendKey(c.categoryId, c.quarter)] = { amountOre, explanation: str(`${name}_explanation`) };
  }
  return { content, errors };
}

/**
 * The values a refused form sent, as the text each field shows again: a field sent twice
 * shows its first value (the page would otherwise read a list where it expects text).
 */
export function refusedFormValues(values: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) {
    const first = Array.isArray(v) ? v[0] : v;
    out[k] = typeof first === "string" ? first : "";
  }
  return out;
}

/** The content as form values (kroner as typed the Danish way is the page's job). */
export function contentToValues(content: ReportContent, formatAmount: (ore: bigint) => string): Record<string, string> {
  const values: Record<string, string> = { activities: content.activities, deviations: content.deviations, nextSteps: content.nextSteps };
  for (const [t, v] of Object.entries(content.themes)) {
    values[`theme_${t}_score`] = v.score == null ? "" : String(v.score);
    values[`theme_${t}_note`] = v.note;
  }
  for (const [i, v] of Object.entries(content.indicators)) {
    values[`indicator_${i}`] = v.value == null ? "" : String(Number(v.value)).replace(".", ",");
    values[`indicator_${i}_comment`] = v.comment;
  }
  for (const [k, v] of Object.entries(content.spend)) {
    const [cat, q] = k.split("|");
    values[`spend_${cat}_${q}`] = v.amountOre === 0n ? "" : formatAmount(v.amountOre);
    values[`spend_${cat}_${q}_explanation`] = v.explanation;
  }
  return values;
}
