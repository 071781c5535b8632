// "As of" a date: the whole Copenhagen day counts, and a report's status is read from its timestamps.
import { describe, expect, it } from "vitest";
import { endOfDay, isCalendarDate, newestFirst, reportedVersionAt, reportStatusAt, spendVersion } from "./as-of";

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

describe("the version a report stands by, as of a date", () => {
  const end = endOfDay("2024-06-30");
  const v = (id: number, versionNo: number, submittedAt: string, reviewDecision: "approved" | "sent_back" | null = null, reviewedAt: string | null = null) => ({
    id,
    versionNo,
    submittedAt: at(submittedAt),
    reviewDecision,
    reviewedAt: reviewedAt ? at(reviewedAt) : null,
  });

  it("is the approved version, else the latest submitted that was not sent back by then", () => {
    expect(reportedVersionAt([], end)).toBeNull();
    expect(reportedVersionAt([v(1, 1, "2024-05-01T10:00:00Z", "sent_back", "2024-05-03T10:00:00Z")], end)).toBeNull();
    expect(reportedVersionAt([v(1, 1, "2024-05-01T10:00:00Z", "sent_back", "2024-07-03T10:00:00Z")], end)).toMatchObject({ id: 1, approved: false });
    const twice = [v(1, 1, "2024-05-01T10:00:00Z", "sent_back", "2024-05-03T10:00:00Z"), v(2, 2, "2024-05-10T10:00:00Z", "approved", "2024-05-12T10:00:00Z")];
    expect(reportedVersionAt(twice, end)).toMatchObject({ id: 2, approved: true });
    // Approved after the date: as of the date it was only submitted.
    expect(reportedVersionAt([v(3, 1, "2024-05-10T10:00:00Z", "approved", "2024-07-12T10:00:00Z")], end)).toMatchObject({ id: 3, approved: false });
    expect(reportedVersionAt([v(4, 1, "2024-07-10T10:00:00Z")], end)).toBeNull();
  });

  it("counts spend from the approved version first, then the latest due date", () => {
    const a = { versionId: 1, versionNo: 1, dueOn: "2024-03-31", approved: true };
    const b = { versionId: 2, versionNo: 1, dueOn: "2024-06-30", approved: false };
    const c = { versionId: 3, versionNo: 2, dueOn: "2024-06-30", approved: false };
    expect(spendVersion([b, a])).toBe(a);
    expect(spendVersion([b, c])).toBe(c);
    expect(spendVersion([])).toBeNull();
    expect(newestFirst([a, b, c]).map((x) => x.versionId)).toEqual([3, 2, 1]);
  });
});
