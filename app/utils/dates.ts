// Dates and deadlines are shown and interpreted in Europe/Copenhagen, whatever
// the server's own time zone is.
import { TZDate, tzOffset } from "@date-fns/tz";

export const TIME_ZONE = "Europe/Copenhagen";

// Every page formats many dates: a TZDate plus date-fns' format per date was a seventh of the
// server's CPU under load (tzOffset asks Intl every time). Copenhagen's offset only changes on
// whole UTC hours (01:00 UTC on the last Sundays of March and October), so it is looked up once
// per UTC hour and the wall-clock fields are read with plain UTC getters. An hour whose two ends
// disagree (a change inside it, as in 1894's local mean time) is not cached but asked directly.
// Output is the same as format(new TZDate(…)) — dates.test.ts compares the two around every change.
const HOUR_MS = 3_600_000;
const offsetByHour = new Map<number, number>();

function offsetMinutes(ms: number) {
  const hour = Math.floor(ms / HOUR_MS);
  const cached = offsetByHour.get(hour);
  if (cached !== undefined) return cached;
  const start = tzOffset(TIME_ZONE, new Date(hour * HOUR_MS));
  if (start !== tzOffset(TIME_ZONE, new Date(hour * HOUR_MS + HOUR_MS - 1))) return tzOffset(TIME_ZONE, new Date(ms));
  // Bounded: a long-running server sees a few thousand distinct hours, not this many.
  if (offsetByHour.size >= 50_000) offsetByHour.clear();
  offsetByHour.set(hour, start);
  return start;
}

const MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"];
const two = (n: number) => (n < 10 ? "0" + n : String(n));

type Wall = { year: string; month: number; day: number; hours: string; minutes: string };

/** The instant's wall-clock fields in Copenhagen. */
function inDk(d: Date | string | number): Wall {
  const ms = new Date(d).getTime();
  // As date-fns' format: an invalid date is an error, not "NaN.NaN.NaN".
  if (Number.isNaN(ms)) throw new RangeError("Invalid time value");
  const w = new Date(ms + offsetMinutes(ms) * 60_000);
  const y = w.getUTCFullYear();
  // date-fns writes years before 1 AD as era years; nothing here has those, but stay exact.
  const year = y > 0 ? String(y).padStart(4, "0") : String(1 - y).padStart(4, "0");
  return { year, month: w.getUTCMonth(), day: w.getUTCDate(), hours: two(w.getUTCHours()), minutes: two(w.getUTCMinutes()) };
}

/** 22.11.2026 */
export function formatDate(d: Date | string | number) {
  const w = inDk(d);
  return `${two(w.day)}.${two(w.month + 1)}.${w.year}`;
}

/** 22. november 2026 */
export function formatLongDate(d: Date | string | number) {
  const w = inDk(d);
  return `${w.day}. ${MONTHS[w.month]} ${w.year}`;
}

/** 7. november 2022 kl. 12:00 */
export function formatDeadline(d: Date | string | number) {
  const w = inDk(d);
  return `${w.day}. ${MONTHS[w.month]} ${w.year} kl. ${w.hours}:${w.minutes}`;
}

/** 22.11.2026 14:03 */
export function formatDateTime(d: Date | string | number) {
  const w = inDk(d);
  return `${two(w.day)}.${two(w.month + 1)}.${w.year} ${w.hours}:${w.minutes}`;
}

/** 22.11.2026 kl. 14:03 (in running text: receipts, mails, "changed by … at …") */
export function atTime(d: Date | string | number) {
  const w = inDk(d);
  return `${two(w.day)}.${two(w.month + 1)}.${w.year} kl. ${w.hours}:${w.minutes}`;
}

/** A calendar date ("2022-11-07") and a wall-clock time ("12:00") in Copenhagen → instant. */
export function copenhagenInstant(date: string, time: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  const [hh, mm, ss] = time.split(":").map(Number);
  return new Date(new TZDate(y, m - 1, d, hh, mm, ss ?? 0, 0, TIME_ZONE).getTime());
}

/** The instant's calendar date in Copenhagen, "YYYY-MM-DD". */
export function copenhagenDateString(d: Date | string | number) {
  const w = inDk(d);
  return `${w.year}-${two(w.month + 1)}-${two(w.day)}`;
}

/** The instant's wall-clock time in Copenhagen, "HH:mm". */
export function copenhagenTimeString(d: Date | string | number) {
  const w = inDk(d);
  return `${w.hours}:${w.minutes}`;
}

/** "2023-Q1" → "1. kvt. 2023" */
export function formatQuarter(q: string) {
  const m = /^(\d{4})-Q([1-4])$/.exec(q);
  return m ? `${m[2]}. kvt. ${m[1]}` : q;
}

/** The quarters a project period touches, "2023-Q1" … "2024-Q4". */
export function quartersBetween(startDate: string, endDate: string): string[] {
  const [sy, sm] = startDate.split("-").map(Number);
  const [ey, em] = endDate.split("-").map(Number);
  const out: string[] = [];
  let y = sy;
  let q = Math.floor((sm - 1) / 3) + 1;
  const endQ = Math.floor((em - 1) / 3) + 1;
  while (y < ey || (y === ey && q <= endQ)) {
    out.push(`${y}-Q${q}`);
    q++;
    if (q > 4) {
      q = 1;
      y++;
    }
  }
  return out;
}
