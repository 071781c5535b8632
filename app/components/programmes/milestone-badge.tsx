// A milestone's status as a badge, with the flags the rules raise: overdue (planned date
// passed, not done) and after the initiative's end. Words, not only colours.
import { MILESTONE_STATUS_LABELS, type MilestoneStatus } from "~/domain/programmes/programme-constants";

const tone: Record<MilestoneStatus, string> = {
  planlagt: "",
  i_gang: " pp-badge-warn",
  gennemfoert: " pp-badge-ok",
  udskudt: " pp-badge-warn",
  aflyst: "",
};

export function MilestoneBadge({ status, overdue, afterInitiativeEnd }: { status: MilestoneStatus; overdue?: boolean; afterInitiativeEnd?: boolean }) {
  return (
    <>
      <span className={`pp-badge${tone[status]}`}>{MILESTONE_STATUS_LABELS[status]}</span>
      {overdue ? <> <span className="pp-badge pp-badge-bad">Overskredet</span></> : null}
      {afterInitiativeEnd ? <> <span className="pp-badge pp-badge-warn">Efter initiativets afslutning</span></> : null}
    </>
  );
}
