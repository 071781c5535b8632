// The call form's repeated rows (cost categories, criteria) as the form starts them:
// the posted `name[]` arrays zipped into rows, plus empty spare rows that stand in for
// "Tilføj" without JavaScript.
import type { CallFormValues } from "~/domain/calls/call-schema";

export const SPARE_ROWS = 3;

export const arr = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
export const str = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? "") : (v ?? ""));

let nextKey = 0;
/** React keys for rows added in the browser (rows from the server are keyed by position). */
export const newKey = () => `row-${nextKey++}`;

export type CategoryRow = { key: string; id: string; label: string };
export type CriterionRow = { key: string; id: string; label: string; description: string; weight: string };

export function categoryRows(values: CallFormValues): CategoryRow[] {
  const ids = arr(values["categoryId[]"]);
  const rows = arr(values["categories[]"]).map((label, i) => ({ key: `c${i}`, id: ids[i] ?? "", label }));
  for (let i = 0; i < SPARE_ROWS; i++) rows.push({ key: `c-spare${i}`, id: "", label: "" });
  return rows;
}

export function criterionRows(values: CallFormValues): CriterionRow[] {
  const ids = arr(values["criterionId[]"]);
  const descriptions = arr(values["criterionDescription[]"]);
  const weights = arr(values["criterionWeight[]"]);
  const rows = arr(values["criterionLabel[]"]).map((label, i) => ({
    key: `k${i}`,
    id: ids[i] ?? "",
    label,
    description: descriptions[i] ?? "",
    weight: weights[i] ?? "",
  }));
  for (let i = 0; i < SPARE_ROWS; i++) rows.push({ key: `k-spare${i}`, id: "", label: "", description: "", weight: "" });
  return rows;
}

/** The weights' sum as typed; empty cells count as nothing, anything but digits makes it unknown (null). */
export function weightSum(weights: string[]): number | null {
  let sum = 0;
  for (const w of weights) {
    const v = w.trim();
    if (v === "") continue;
    if (!/^\d+$/.test(v)) return null;
    sum += Number(v);
  }
  return sum;
}
