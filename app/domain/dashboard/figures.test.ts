import { describe, expect, it } from "vitest";
import { addReportCounts, countdown, countMilestones, countReports, milestoneProgress, seriesByKey } from "./figures";

describe("countReports", () => {
  const today = "2024-07-01";
  it("counts received, approved and sent back by the report's status", () => {
    const c = countReports(
      [
        { dueOn: "2023-06-30", status: "approved" },
        { dueOn: "2023-12-31", status: "submitted" },
        { dueOn: "2024-06-30", status: "sent_back" },
        { dueOn: "2024-12-31", status: "draft" },
      ],
      today,
    );
    expect(c).toEqual({ planned: 4, due: 3, received: 2, approved: 1, sentBack: 1, overdue: 1 });
  });

  it("counts a passed due date without a report row as overdue, and a due date today or later as not", () => {
    const c = countReports(
      [
        { dueOn: "2024-06-30", status: null },
        { dueOn: "2024-07-01", status: null },
        { dueOn: "2024-08-01", status: null },
        { dueOn: "2024-01-01", status: "draft" },
      ],
      today,
    );
    expect(c.overdue).toBe(2);
    expect(c.due).toBe(3);
    expect(c.received).toBe(0);
  });

  it("adds counts field by field", () => {
    const a = countReports([{ dueOn: "2023-01-01", status: "approved" }], today);
    const b = countReports([{ dueOn: "2023-01-01", status: null }], today);
    expect(addReportCounts(a, b)).toEqual({ planned: 2, due: 2, received: 1, approved: 1, sentBack: 0, overdue: 1 });
  });
});

describe("countMilestones and progress", () => {
  const today = "2024-03-01";
  it("counts done, cancelled and overdue; aflyst and gennemført are never overdue", () => {
    const c = countMilestones(
      [
        { plannedOn: "2024-01-01", status: "gennemfoert" },
        { plannedOn: "2024-01-02", status: "aflyst" },
        { plannedOn: "2024-01-03", status: "planlagt" },
        { plannedOn: "2024-01-04", status: "udskudt" },
        { plannedOn: "2024-03-01", status: "planlagt" },
        { plannedOn: "2024-05-01", status: "i_gang" },
      ],
      today,
    );
    expect(c).toEqual({ total: 6, done: 1, cancelled: 1, overdue: 2 });
    expect(milestoneProgress(c)).toBe(20);
  });
  it("has no progress without milestones (not 0 %)", () => {
    expect(milestoneProgress(countMilestones([], today))).toBeNull();
    expect(milestoneProgress({ total: 2, done: 0, cancelled: 2, overdue: 0 })).toBeNull();
  });
});

describe("countdown", () => {
  it("counts calendar days to the end, 0 on the day, negative and ended after", () => {
    expect(countdown("2025-09-01", "2025-09-30")).toEqual({ endsOn: "2025-09-30", days: 29, ended: false });
    expect(countdown("2025-09-30", "2025-09-30")).toMatchObject({ days: 0, ended: false });
    expect(countdown("2025-10-02", "2025-09-30")).toMatchObject({ days: -2, ended: true });
    // Across the change to summer time: still whole days.
    expect(countdown("2025-03-29", "2025-03-31").days).toBe(2);
  });
});

describe("seriesByKey", () => {
  it("groups by key and due date in date order, with mean, sum, min, max and count", () => {
    const s = seriesByKey([
      { key: "udredning", dueOn: "2024-06-30", municipalityCode: "0101", value: 4 },
      { key: "udredning", dueOn: "2023-12-31", municipalityCode: "0101", value: 2 },
      { key: "udredning", dueOn: "2023-12-31", municipalityCode: "0147", value: 3 },
      { key: "udredning", dueOn: "2023-12-31", municipalityCode: "0151", value: 3 },
      { key: "7", dueOn: "2023-12-31", municipalityCode: "0101", value: 0.1 },
      { key: "7", dueOn: "2023-12-31", municipalityCode: "0147", value: 0.2 },
    ]);
    expect(s.get("udredning")).toEqual([
      { dueOn: "2023-12-31", mean: 2.67, sum: 8, min: 2, max: 3, count: 3 },
      { dueOn: "2024-06-30", mean: 4, sum: 4, min: 4, max: 4, count: 1 },
    ]);
    // Two-decimal values add up exactly (0,1 + 0,2 = 0,3, not 0,30000000000000004).
    expect(s.get("7")![0]!.sum).toBe(0.3);
    expect(s.get("7")![0]!.mean).toBe(0.15);
  });
  it("gives an empty map without values", () => {
    expect(seriesByKey([]).size).toBe(0);
  });
});
