// When a milestone is overdue: its planned date (a Copenhagen calendar date) has passed and
// it is neither done nor cancelled. One rule for the timeline, the start page and the
// reminder job (whose SQL mirrors it: overdueMilestoneCondition in reminders.server.ts).
import { MILESTONE_DONE_STATUSES, type MilestoneStatus } from "~/domain/programmes/programme-constants";

/** `today` is the Copenhagen calendar date "YYYY-MM-DD" (copenhagenDateString(appNow)). */
export function isOverdue(m: { plannedOn: string; status: MilestoneStatus }, today: string): boolean {
  return m.plannedOn < today && !MILESTONE_DONE_STATUSES.includes(m.status);
}

/** The chart's marker shape for a status. */
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
