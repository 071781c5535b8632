import { describe, expect, it } from "vitest";
import { digestWindow, previousDate } from "./arrival-notice";

describe("digestWindow", () => {
  it("covers the previous Copenhagen day, midnight to midnight local time", () => {
    // 00:30 in Copenhagen on 27 November is still 26 November in UTC.
    const w = digestWindow(new Date("2026-11-26T23:30:00Z"));
    expect(w.day).toBe("2026-11-26");
    expect(w.from.toISOString()).toBe("2026-11-25T23:00:00.000Z");
    expect(w.to.toISOString()).toBe("2026-11-26T23:00:00.000Z");
  });

  it("gives the 25-hour day when summer time ends", () => {
    const w = digestWindow(new Date("2026-10-26T08:00:00Z"));
    expect(w.day).toBe("2026-10-25");
    expect(w.to.getTime() - w.from.getTime()).toBe(25 * 3600_000);
  });

  it("steps back over month and year ends", () => {
    expect(previousDate("2027-01-01")).toBe("2026-12-31");
    expect(previousDate("2028-03-01")).toBe("2028-02-29");
  });
});
