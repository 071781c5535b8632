// Dates and deadlines are shown and interpreted in Europe/Copenhagen, whatever
// the server's own time zone is.
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { da } from "date-fns/locale/da";

export const TIME_ZONE = "Europe/Copenhagen";

const inDk = (d: Date | string | number) => new TZDate(new Date(d).getTime(), TIME_ZONE);

/** 22.11.2026 */
export function formatDate(d: Date | string | number) {
  return format(inDk(d), "dd.MM.yyyy");
}

/** 22. november 2026 */
export function formatLongDate(d: Date | string | number) {
  return format(inDk(d), "d. MMMM yyyy", { locale: da });
}

/** 7. november 2022 kl. 12:00 */
export function formatDeadline(d: Date | string | number) {
  return format(inDk(d), "d. MMMM yyyy 'kl.' HH:mm", { locale: da });
}

/** 22.11.2026 14:03 */
export function formatDateTime(d: Date | string | number) {
  return format(inDk(d), "dd.MM.yyyy HH:mm");
}

/** 22.11.2026 kl. 14:03 (in running text: receipts, mails, "changed by … at …") */
export function atTime(d: Date | string | number) {
  return format(inDk(d), "dd.MM.yyyy 'kl.' HH:mm");
}

/** A calendar date ("2022-11-07") and a wall-clock time ("12:00") in Copenhagen → instant. */
export function copenhagenInstant(date: string, time: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  const [hh, mm, ss] = time.split(":").map(Number);
  return new Date(new TZDate(y, m - 1, d, hh, mm, ss ?? 0, 0, TIME_ZONE).getTime());
}

/** The instant's calendar date in Copenhagen, "YYYY-MM-DD". */
export function copenhagenDateString(d: Date | string | number) {
  return format(inDk(d), "yyyy-MM-dd");
}

/** The instant's wall-clock time in Copenhagen, "HH:mm". */
export function copenhagenTimeString(d: Date | string | number) {
  return format(inDk(d), "HH:mm");
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
