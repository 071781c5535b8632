import { describe, expect, it } from "vitest";
import { copenhagenInstant } from "~/utils/dates";
import { acceptsSubmissions, contentChangeBlocker, DRAFT_CLOSED_MESSAGE, isOnTime, timeLeft } from "./deadline";

describe("call deadline in Europe/Copenhagen", () => {
  const deadline = copenhagenInstant("2022-11-07", "12:00");

  it("is 11:00 UTC in winter time", () => {
    expect(deadline.toISOString()).toBe("2022-11-07T11:00:00.000Z");
  });

  it("accepts one second before and refuses one second after", () => {
    expect(isOnTime(deadline, new Date(deadline.getTime() - 1000))).toBe(true);
    expect(isOnTime(deadline, new Date(deadline.getTime() + 1000))).toBe(false);
  });

  it("handles the clock change: 30 October 2022 02:30 after the change is 01:30 UTC", () => {
    // 2022-10-30 03:00 CEST became 02:00 CET; a deadline of 12:00 that day is CET (11:00 UTC).
    const d = copenhagenInstant("2022-10-30", "12:00");
    expect(d.toISOString()).toBe("2022-10-30T11:00:00.000Z");
    const dayBefore = copenhagenInstant("2022-10-29", "12:00");
    expect(dayBefore.toISOString()).toBe("2022-10-29T10:00:00.000Z");
    expect(isOnTime(d, new Date("2022-10-30T10:59:59Z"))).toBe(true);
    expect(isOnTime(d, new Date("2022-10-30T11:00:01Z"))).toBe(false);
  });

  it("a draft call accepts nothing", () => {
    expect(acceptsSubmissions({ status: "draft", deadline }, new Date("2022-01-01"))).toBe(false);
    expect(acceptsSubmissions({ status: "published", deadline }, new Date("2022-01-01"))).toBe(true);
  });
});

describe("what the form shows and allows around the deadline", () => {
  const deadline = copenhagenInstant("2022-11-07", "12:00");
  const call = { status: "published" as const, deadline };

  it("counts days while more than a day is left, then hours and minutes", () => {
    expect(timeLeft(deadline, copenhagenInstant("2022-10-26", "12:00"))).toBe("12 dage");
    expect(timeLeft(deadline, copenhagenInstant("2022-11-06", "11:00"))).toBe("1 dag");
    expect(timeLeft(deadline, copenhagenInstant("2022-11-06", "12:30"))).toBe("23 timer og 30 minutter");
    expect(timeLeft(deadline, copenhagenInstant("2022-11-07", "09:00"))).toBe("3 timer");
    expect(timeLeft(deadline, copenhagenInstant("2022-11-07", "10:59"))).toBe("1 time og 1 minut");
    expect(timeLeft(deadline, copenhagenInstant("2022-11-07", "11:45"))).toBe("15 minutter");
    expect(timeLeft(deadline, deadline)).toBe("0 minutter");
    expect(timeLeft(deadline, copenhagenInstant("2022-11-07", "12:01"))).toBeNull();
  });

  it("closes a draft at the deadline but not an application reopened for correction", () => {
    const after = copenhagenInstant("2022-11-07", "12:01");
    expect(contentChangeBlocker("draft", call, copenhagenInstant("2022-11-07", "12:00"))).toBeNull();
    expect(contentChangeBlocker("draft", call, after)).toBe(DRAFT_CLOSED_MESSAGE);
    expect(contentChangeBlocker("correction", call, after)).toBeNull();
  });
});
