// Instants shown in Copenhagen time whatever the server's zone, summer and winter.
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { da } from "date-fns/locale/da";
import { describe, expect, it } from "vitest";
import { TIME_ZONE, atTime, copenhagenDateString, copenhagenTimeString, formatDate, formatDateTime, formatDeadline, formatLongDate } from "./dates";

describe("atTime", () => {
  it("writes date and wall-clock time in Copenhagen, across daylight saving", () => {
    expect(atTime(new Date("2022-11-07T11:00:00Z"))).toBe("07.11.2022 kl. 12:00");
    expect(atTime(new Date("2026-07-01T22:30:00Z"))).toBe("02.07.2026 kl. 00:30");
    expect(atTime("2026-03-29T00:59:00Z")).toBe("29.03.2026 kl. 01:59");
    expect(atTime("2026-03-29T01:00:00Z")).toBe("29.03.2026 kl. 03:00");
  });
});

// dates.ts no longer formats through TZDate + date-fns (the lean request path, decision record
// "lean request path"); the old implementation is kept here as the reference it must equal.

const old = (d: Date | string | number, f: string) => format(new TZDate(new Date(d).getTime(), TIME_ZONE), f, { locale: da });
const pairs: [(d: Date | string | number) => string, string][] = [
  [formatDate, "dd.MM.yyyy"],
  [formatLongDate, "d. MMMM yyyy"],
  [formatDeadline, "d. MMMM yyyy 'kl.' HH:mm"],
  [formatDateTime, "dd.MM.yyyy HH:mm"],
  [atTime, "dd.MM.yyyy 'kl.' HH:mm"],
  [copenhagenDateString, "yyyy-MM-dd"],
  [copenhagenTimeString, "HH:mm"],
];
const sameAsOld = (d: Date | string | number) => {
  for (const [fn, f] of pairs) expect(fn(d), `${f} of ${new Date(d).toISOString()}`).toBe(old(d, f));
};

describe("Copenhagen formatting equals format(new TZDate(…))", () => {
  it("minute by minute around the daylight saving changes (last Sundays of March and October, 02:00–03:00)", () => {
    // Changes at 01:00 UTC: 2026-03-29 (02:00 → 03:00) and 2026-10-25 (03:00 → 02:00), and a
    // few other years, including 1980's first and a far one.
    for (const change of ["2026-03-29T01:00:00Z", "2026-10-25T01:00:00Z", "2022-03-27T01:00:00Z", "2022-10-30T01:00:00Z", "1980-04-06T01:00:00Z", "1996-10-27T01:00:00Z", "2099-10-25T01:00:00Z"]) {
      const t = Date.parse(change);
      for (let m = -150; m <= 150; m++) sameAsOld(t + m * 60_000);
      sameAsOld(t - 1);
      sameAsOld(t + 59_999);
    }
    expect(formatDateTime("2026-03-29T00:59:59Z")).toBe("29.03.2026 01:59");
    expect(formatDateTime("2026-03-29T01:00:00Z")).toBe("29.03.2026 03:00");
    expect(formatDateTime("2026-10-25T00:59:00Z")).toBe("25.10.2026 02:59");
    expect(formatDateTime("2026-10-25T01:00:00Z")).toBe("25.10.2026 02:00");
  });

  it("on every month's names, midnights, and a spread of instants from 1900 to 2200", () => {
    for (let month = 0; month < 12; month++) {
      sameAsOld(Date.UTC(2026, month, 1, 22, 59));
      sameAsOld(Date.UTC(2026, month, 1, 23, 0));
      sameAsOld(Date.UTC(2026, month, 15, 12, 0));
    }
    let seed = 19;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed / 2 ** 31);
    const from = Date.UTC(1900, 0, 1);
    const to = Date.UTC(2200, 0, 1);
    for (let i = 0; i < 3000; i++) sameAsOld(from + Math.floor(next() * (to - from)));
    // Each call's input kinds: a Date, an ISO string, epoch milliseconds.
    sameAsOld(new Date("2022-11-07T11:00:00Z"));
    sameAsOld("2022-11-07T11:00:00Z");
    sameAsOld(Date.parse("2022-11-07T11:00:00Z"));
  });

  it("refuses an invalid date as before", () => {
    expect(() => old("ikke en dato", "dd.MM.yyyy")).toThrow(RangeError);
    for (const [fn] of pairs) expect(() => fn("ikke en dato")).toThrow(RangeError);
  });
});
