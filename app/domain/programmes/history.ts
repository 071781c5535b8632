// A milestone's history from its audit rows, as Danish lines for the page.
import { actionLabel } from "~/domain/audit/audit-filters";
import { MILESTONE_STATUS_LABELS, type MilestoneStatus } from "./programme-constants";

type Row = { id: number; at: Date; action: string; before: unknown; after: unknown; actor: string | null; actorRole: string | null };
type Snapshot = { status?: MilestoneStatus; plannedOn?: string; actualOn?: string | null; statusReason?: string | null; note?: string; body?: string; filename?: string };

const label = (s?: MilestoneStatus) => (s && MILESTONE_STATUS_LABELS[s]) || s || "";
const day = (iso?: string | null) => (iso ? `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}` : "");

export function historyLine(action: string, before: Snapshot | null, after: Snapshot | null): string {
  switch (action) {
    case "milestone.planned":
      return `Planlagt til ${day(after?.plannedOn)}.`;
    case "milestone.overdue_reminded":
      return "Påmindelse sendt til rådgiverne: milepælen er overskredet.";
    case "milestone.commented":
      return "Kommenterede milepælen.";
    case "milestone.attachment_added":
      return `Tilføjede bilaget „${after?.filename ?? ""}“.`;
    case "milestone.logged": {
      const parts: string[] = [];
      if (before?.status !== after?.status) parts.push(`Status ${label(before?.status)} → ${label(after?.status)}.`);
      else parts.push(`Status ${label(after?.status)}.`);
      if (after?.plannedOn && before?.plannedOn && after.plannedOn !== before.plannedOn) parts.push(`Planlagt dato ${day(before.plannedOn)} → ${day(after.plannedOn)}.`);
      if (after?.actualOn && after.actualOn !== before?.actualOn) parts.push(`Faktisk dato ${day(after.actualOn)}.`);
      if (after?.statusReason) parts.push(`Begrundelse: ${after.statusReason}`);
      if (after?.note !== undefined && after.note !== before?.note && after.note) parts.push("Noten er opdateret.");
      return parts.join(" ");
    }
    default:
      return actionLabel(action) ?? action;
  }
}

export function historyLines(rows: Row[]) {
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor ?? (r.actorRole === "system" ? "Systemet" : "Ukendt"),
    text: historyLine(r.action, r.before as Snapshot | null, r.after as Snapshot | null),
  }));
}
