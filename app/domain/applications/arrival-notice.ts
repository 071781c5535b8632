// Which Copenhagen day a daily digest covers: the day before "now", midnight to midnight
// in Copenhagen (23 or 25 hours across a daylight-saving change).
import { copenhagenDateString, copenhagenInstant } from "~/utils/dates";

/** "2026-11-27" → "2026-11-26" (calendar arithmetic, no time zone involved). */
export function previousDate(date: string) {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export function digestWindow(now: Date): { day: string; from: Date; to: Date } {
  const today = copenhagenDateString(now);
  const day = previousDate(today);
  return { day, from: copenhagenInstant(day, "00:00"), to: copenhagenInstant(today, "00:00") };
}
