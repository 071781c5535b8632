import { describe, expect, it } from "vitest";
import { describeHistoryEvent, historyActions } from "./history";

const row = (action: string, status: string | null, actorRole = "caseworker") => ({
  action,
  after: status ? { status } : null,
  actorName: actorRole === "municipality" ? "Mette Hansen" : "Sara Sagsbehandler",
  actorRole,
});

describe("status history per audience", () => {
  it("tells the ministry every casework step with its status and who did it", () => {
    expect(describeHistoryEvent(row("application.formalia_checked", "rejection_proposed"), "ministry")).toEqual({
      text: "Formalia kontrolleret: Indstillet til afslag",
      by: "Sara Sagsbehandler",
    });
    expect(historyActions("ministry")).toContain("application.assessment_completed");
  });

  it("shows a municipality only its own steps and what was sent to it, with the ministry unnamed", () => {
    expect(describeHistoryEvent(row("application.formalia_checked", "rejection_proposed"), "municipality")).toBeNull();
    expect(describeHistoryEvent(row("application.assessment_completed", "assessed"), "municipality")).toBeNull();
    expect(describeHistoryEvent(row("application.reopened", "correction"), "municipality")).toEqual({
      text: "Ministeriet har genåbnet ansøgningen til rettelse",
      by: "Ministeriet",
    });
    expect(describeHistoryEvent(row("application.submitted", "submitted", "municipality"), "municipality")).toEqual({
      text: "Ansøgningen er indsendt",
      by: "Mette Hansen",
    });
    expect(historyActions("municipality")).not.toContain("application.formalia_checked");
  });
});
