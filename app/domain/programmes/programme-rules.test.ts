import { describe, expect, it } from "vitest";
import { MILESTONE_STATUSES } from "./programme-constants";
import {
  addMonths,
  canMoveMilestone,
  isAfterInitiativeEnd,
  isOverdue,
  lengthOutsideNorm,
  milestoneLogProblems,
  plannedDateAt,
  programmeDateProblems,
} from "./programme-rules";

describe("programme dates", () => {
  it("needs the end after the start", () => {
    expect(programmeDateProblems({ startsOn: "2024-03-01", plannedEndOn: "2024-03-01" })).toHaveProperty("plannedEndOn");
    expect(programmeDateProblems({ startsOn: "2024-03-01", plannedEndOn: "2024-02-01" })).toHaveProperty("plannedEndOn");
    expect(programmeDateProblems({ startsOn: "2024-03-01", plannedEndOn: "2024-09-01" })).toEqual({});
  });

  it("asks for a reason when the length is outside 3–9 months, and accepts one", () => {
    expect(lengthOutsideNorm("2024-01-31", "2024-04-30")).toBe(false); // 31.1 + 3 months = 30.4
    expect(lengthOutsideNorm("2024-01-31", "2024-04-29")).toBe(true);
    expect(lengthOutsideNorm("2024-01-01", "2024-10-01")).toBe(false);
    expect(lengthOutsideNorm("2024-01-01", "2024-10-02")).toBe(true);
    expect(programmeDateProblems({ startsOn: "2024-01-01", plannedEndOn: "2024-12-31" })).toHaveProperty("lengthReason");
    expect(programmeDateProblems({ startsOn: "2024-01-01", plannedEndOn: "2024-02-15", lengthReason: "  " })).toHaveProperty("lengthReason");
    expect(programmeDateProblems({ startsOn: "2024-01-01", plannedEndOn: "2024-12-31", lengthReason: "Ny leder" })).toEqual({});
  });

  it("adds calendar months, ending at the month's last day", () => {
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(addMonths("2023-11-15", 3)).toBe("2024-02-15");
  });

  it("places template milestones at their share of the programme", () => {
    expect(plannedDateAt("2024-01-01", "2024-07-01", 0)).toBe("2024-01-01");
    expect(plannedDateAt("2024-01-01", "2024-07-01", 100)).toBe("2024-07-01");
    expect(plannedDateAt("2024-01-01", "2024-07-01", 50)).toBe("2024-04-01");
  });
});

describe("milestone flags", () => {
  it("is overdue when the planned date has passed and it is not done (gennemført or aflyst)", () => {
    const today = "2025-03-10";
    expect(isOverdue({ plannedOn: "2025-03-09", status: "planlagt" }, today)).toBe(true);
    expect(isOverdue({ plannedOn: "2025-03-09", status: "i_gang" }, today)).toBe(true);
    expect(isOverdue({ plannedOn: "2025-03-09", status: "udskudt" }, today)).toBe(true);
    expect(isOverdue({ plannedOn: "2025-03-09", status: "gennemfoert" }, today)).toBe(false);
    expect(isOverdue({ plannedOn: "2025-03-09", status: "aflyst" }, today)).toBe(false);
    expect(isOverdue({ plannedOn: "2025-03-10", status: "planlagt" }, today)).toBe(false);
  });

  it("flags milestones after the initiative's end (a date from the pool, none when unknown)", () => {
    expect(isAfterInitiativeEnd("2025-10-01", "2025-09-30")).toBe(true);
    expect(isAfterInitiativeEnd("2025-09-30", "2025-09-30")).toBe(false);
    expect(isAfterInitiativeEnd("2030-01-01", null)).toBe(false);
  });
});

describe("milestone status moves", () => {
  it("tables every move", () => {
    const allowed = Object.fromEntries(MILESTONE_STATUSES.map((from) => [from, MILESTONE_STATUSES.filter((to) => canMoveMilestone(from, to))]));
    expect(allowed).toEqual({
      planlagt: ["planlagt", "i_gang", "gennemfoert", "udskudt", "aflyst"],
      i_gang: ["i_gang", "gennemfoert", "udskudt", "aflyst"],
      gennemfoert: ["gennemfoert"],
      udskudt: ["planlagt", "i_gang", "gennemfoert", "udskudt", "aflyst"],
      aflyst: ["planlagt", "aflyst"],
    });
  });

  it("needs an actual date for gennemført (not in the future) and a reason for udskudt and aflyst", () => {
    const today = "2025-03-10";
    const base = { plannedOn: "2025-03-01", actualOn: null, statusReason: null };
    expect(milestoneLogProblems("planlagt", { ...base, status: "gennemfoert" }, today)).toHaveProperty("actualOn");
    expect(milestoneLogProblems("planlagt", { ...base, status: "gennemfoert", actualOn: "2025-03-11" }, today)).toHaveProperty("actualOn");
    expect(milestoneLogProblems("planlagt", { ...base, status: "gennemfoert", actualOn: "2025-03-10" }, today)).toEqual({});
    expect(milestoneLogProblems("planlagt", { ...base, status: "udskudt" }, today)).toHaveProperty("statusReason");
    expect(milestoneLogProblems("planlagt", { ...base, status: "aflyst", statusReason: " " }, today)).toHaveProperty("statusReason");
    expect(milestoneLogProblems("planlagt", { ...base, status: "udskudt", statusReason: "Sygdom" }, today)).toEqual({});
    expect(milestoneLogProblems("gennemfoert", { ...base, status: "planlagt" }, today)).toHaveProperty("status");
  });
});
