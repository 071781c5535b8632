import { describe, expect, it } from "vitest";
import { isOverdue, isReceived } from "./report-rules";

describe("report rules", () => {
  it("a report is received when submitted or approved", () => {
    expect([null, "draft", "submitted", "sent_back", "approved"].map((s) => isReceived(s as never))).toEqual([false, false, true, false, true]);
  });

  it("is overdue the day after the due date unless received", () => {
    expect(isOverdue("2024-06-30", null, "2024-06-30")).toBe(false);
    expect(isOverdue("2024-06-30", null, "2024-07-01")).toBe(true);
    expect(isOverdue("2024-06-30", "draft", "2024-07-01")).toBe(true);
    expect(isOverdue("2024-06-30", "sent_back", "2024-07-01")).toBe(true);
    expect(isOverdue("2024-06-30", "submitted", "2024-07-01")).toBe(false);
    expect(isOverdue("2024-06-30", "approved", "2025-01-01")).toBe(false);
  });
});
