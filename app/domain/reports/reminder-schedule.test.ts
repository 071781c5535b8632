import { describe, expect, it } from "vitest";
import { addDays, daysBetween, reminderDay, reminderDue, reminderState } from "./reminder-schedule";

describe("report reminder schedule", () => {
  it("counts calendar days across month, year and summer-time changes", () => {
    expect(addDays("2024-03-20", 14)).toBe("2024-04-03");
    expect(addDays("2024-01-10", -14)).toBe("2023-12-27");
    expect(daysBetween("2024-10-20", "2024-11-03")).toBe(14);
    expect(reminderDay("2024-06-30", "before_14")).toBe("2024-06-16");
    expect(reminderDay("2024-06-30", "before_3")).toBe("2024-06-27");
    expect(reminderDay("2024-06-30", "overdue_1")).toBe("2024-07-01");
  });

  it("is due 14 days before, 3 days before up to the due date, and from the day after", () => {
    const due = "2024-06-30";
    expect(reminderDue(due, null, "2024-06-15")).toBeNull();
    expect(reminderDue(due, null, "2024-06-16")).toBe("before_14");
    expect(reminderDue(due, "draft", "2024-06-26")).toBe("before_14");
    expect(reminderDue(due, "draft", "2024-06-27")).toBe("before_3");
    expect(reminderDue(due, null, "2024-06-30")).toBe("before_3");
    expect(reminderDue(due, null, "2024-07-01")).toBe("overdue_1");
    expect(reminderDue(due, "sent_back", "2024-09-01")).toBe("overdue_1");
  });

  it("is never due once the report is received", () => {
    for (const today of ["2024-06-16", "2024-06-28", "2024-07-01"]) {
      expect(reminderDue("2024-06-30", "submitted", today)).toBeNull();
      expect(reminderDue("2024-06-30", "approved", today)).toBeNull();
    }
  });

  it("shows each reminder as sent, planned, paused, not needed or missed", () => {
    const sent = { sentAt: new Date("2024-06-16T06:00:00Z"), recipients: 2 };
    expect(reminderState("2024-06-30", "before_14", null, "2024-06-20", sent, false)).toEqual({ state: "sent", ...sent });
    expect(reminderState("2024-06-30", "before_3", null, "2024-06-20", undefined, false)).toEqual({ state: "planned", on: "2024-06-27" });
    expect(reminderState("2024-06-30", "before_3", null, "2024-06-20", undefined, true)).toEqual({ state: "paused", on: "2024-06-27" });
    expect(reminderState("2024-06-30", "before_14", null, "2024-06-28", undefined, false)).toEqual({ state: "missed" });
    expect(reminderState("2024-06-30", "overdue_1", "submitted", "2024-06-28", undefined, false)).toEqual({ state: "not_needed" });
    // Due now but not yet run: planned for today.
    expect(reminderState("2024-06-30", "overdue_1", null, "2024-07-05", undefined, false)).toEqual({ state: "planned", on: "2024-07-05" });
  });
});
