import { describe, expect, it } from "vitest";
import { MILESTONE_STATUSES } from "~/domain/programmes/programme-constants";
import { isOverdue, milestoneTone } from "./overdue";

describe("isOverdue", () => {
  it("is overdue only after the planned day, whatever the status, unless done or cancelled", () => {
    const table = Object.fromEntries(
      MILESTONE_STATUSES.map((status) => [
        status,
        [isOverdue({ plannedOn: "2024-05-01", status }, "2024-05-01"), isOverdue({ plannedOn: "2024-05-01", status }, "2024-05-02")],
      ]),
    );
    expect(table).toEqual({
      planlagt: [false, true],
      i_gang: [false, true],
      udskudt: [false, true],
      gennemfoert: [false, false],
      aflyst: [false, false],
    });
  });

  it("gives every status a marker shape", () => {
    expect(MILESTONE_STATUSES.map(milestoneTone)).toEqual(["open", "open", "done", "postponed", "cancelled"]);
  });
});
