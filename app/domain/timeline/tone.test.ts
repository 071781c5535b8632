import { describe, expect, it } from "vitest";
import { MILESTONE_STATUSES } from "~/domain/programmes/programme-constants";
import { isOverdue } from "~/domain/programmes/programme-rules";
import { milestoneTone } from "./tone";

describe("timeline markers", () => {
  it("gives every status a marker shape", () => {
    expect(MILESTONE_STATUSES.map(milestoneTone)).toEqual(["open", "open", "done", "postponed", "cancelled"]);
  });

  it("marks overdue only after the planned day, unless done or cancelled (the programme rule)", () => {
    const table = Object.fromEntries(
      MILESTONE_STATUSES.map((status) => [
        status,
        [isOverdue({ plannedOn: "2024-05-01", status }, "2024-05-01"), isOverdue({ plannedOn: "2024-05-01", status }, "2024-05-02")],
      ]),
    );
    expect(table).toEqual({ planlagt: [false, true], i_gang: [false, true], udskudt: [false, true], gennemfoert: [false, false], aflyst: [false, false] });
  });
});
