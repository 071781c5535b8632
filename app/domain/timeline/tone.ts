// The chart's marker shape for a milestone status. Whether a milestone is overdue is the
// programme rule (isOverdue in app/domain/programmes/programme-rules.ts); the reminder job's
// SQL mirrors it (overdueMilestoneCondition in ./reminders.server.ts).
import type { MilestoneStatus } from "~/domain/programmes/programme-constants";

export function milestoneTone(status: MilestoneStatus): "done" | "open" | "postponed" | "cancelled" {
  switch (status) {
    case "gennemfoert":
      return "done";
    case "aflyst":
      return "cancelled";
    case "udskudt":
      return "postponed";
    default:
      return "open";
  }
}
