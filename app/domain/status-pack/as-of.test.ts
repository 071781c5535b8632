// "As of" a date: the whole Copenhagen day counts, and a report's status is read from its timestamps.
import { describe, expect, it } from "vitest";
import { endOfDay, isCalendarDate, reportStatusAt } from "./as-of";

const at = (s: string) => new Date(s);

describe("as of a date", () => {
  it("ends at midnight Copenhagen time, summer and winter", () => {
    expect(endOfDay("2024-04-30").toISOString()).toBe("2024-04-30T22:00:00.000Z");
    expect(endOfDay("2024-12-31").toISOString()).toBe("2024-12-31T23:00:00.000Z");
  });

  it("reads a report's status at the end of the day from its versions", () => {
    const end = endOfDay("2024-04-30");
    expect(reportStatusAt(null, end)).toBeNull();
    expect(reportStatusAt({ approvedAt: null, versions: [] }, end)).toBe("draft");
    const submitted = { submittedAt: at("2024-04-30T21:59:00Z"), reviewDecision: null, reviewedAt: null };
    expect(reportStatusAt({ approvedAt: null, versions: [submitted] }, end)).toBe("submitted");
    // Submitted a minute after midnight (Copenhagen): not received that day.
    expect(reportStatusAt({ approvedAt: null, versions: [{ ...submitted, submittedAt: at("2024-04-30T22:01:00Z") }] }, end)).toBe("draft");
    const sentBack = { ...submitted, reviewDecision: "sent_back" as const, reviewedAt: at("2024-04-30T10:00:00Z") };
    expect(reportStatusAt({ approvedAt: null, versions: [sentBack] }, end)).toBe("sent_back");
    // Sent back after the date: still submitted as of the date.
    expect(reportStatusAt({ approvedAt: null, versions: [{ ...sentBack, reviewedAt: at("2024-05-02T10:00:00Z") }] }, end)).toBe("submitted");
    expect(reportStatusAt({ approvedAt: at("2024-04-30T12:00:00Z"), versions: [submitted] }, end)).toBe("approved");
    expect(reportStatusAt({ approvedAt: at("2024-05-01T12:00:00Z"), versions: [submitted] }, end)).toBe("submitted");
  });

  it("accepts only real calendar dates", () => {
    expect(isCalendarDate("2024-02-29")).toBe(true);
    expect(isCalendarDate("2023-02-29")).toBe(false);
    expect(isCalendarDate("2024-4-30")).toBe(false);
    expect(isCalendarDate("30.04.2024")).toBe(false);
  });
});
