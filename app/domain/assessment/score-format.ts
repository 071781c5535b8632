// Scores and need indexes as text: no zod, no schema, so a list page that shows them does
// not load the validation library (scoring.ts re-exports these for everything else).
/** 39 → "3,9" */
export function formatScore(tenths: number | null): string {
  if (tenths === null) return "–";
  return `${Math.floor(tenths / 10)},${tenths % 10}`;
}

/** "12.3456" (numeric from the database) → 123456n; null when empty or not a number. */
export function parseNeedIndex(value: string | null | undefined): bigint | null {
  if (value === null || value === undefined) return null;
  const m = /^\s*(-)?(\d+)(?:\.(\d{1,4})\d*)?\s*$/.exec(value);
  if (!m) return null;
  const scaled = BigInt(m[2]) * 10_000n + BigInt((m[3] ?? "").padEnd(4, "0"));
  return m[1] ? -scaled : scaled;
}

/** Decimals the need index is stored with, and shown with everywhere (screens, exports, template). */
export const NEED_INDEX_DECIMALS = 4;
/** The same four decimals in a spreadsheet cell. */
export const NEED_INDEX_XLSX_FORMAT = "0.0000";

/** "12.34" → "12,3400": always four decimals, Danish decimal comma, so a column lines up. */
export function formatNeedIndex(value: string | null | undefined): string {
  const v = parseNeedIndex(value);
  if (v === null) return "–";
  const neg = v < 0n;
  const abs = neg ? -v : v;
  const frac = (abs % 10_000n).toString().padStart(NEED_INDEX_DECIMALS, "0");
  return `${neg ? "-" : ""}${abs / 10_000n},${frac}`;
}
