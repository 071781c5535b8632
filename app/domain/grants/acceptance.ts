// May a municipality still accept its grant? Only an offered grant, and only up to and
// including its acceptance deadline (an instant; shown in Copenhagen time). Pure, so the
// page (button or not) and the command (the only one that decides) ask the same rule.
import { formatDeadline } from "~/utils/dates";
import type { GrantStatus } from "./grant-constants";

const NOT_OFFERED: Record<Exclude<GrantStatus, "offered">, string> = {
  accepted: "Tilsagnet er allerede accepteret.",
  lapsed: "Tilsagnet er bortfaldet, fordi det ikke blev accepteret inden fristen, og kan ikke længere accepteres.",
  cancelled: "Tilsagnet er annulleret og kan ikke accepteres.",
  closed: "Tilsagnet er afsluttet og kan ikke accepteres.",
};

/** Null when the grant may be accepted now; otherwise the Danish reason why not. */
export function acceptanceBlocker(grant: { status: GrantStatus; acceptanceDeadline: Date }, now: Date): string | null {
  if (grant.status !== "offered") return NOT_OFFERED[grant.status];
  if (now.getTime() > grant.acceptanceDeadline.getTime()) {
    return `Fristen for at acceptere tilsagnet udløb ${formatDeadline(grant.acceptanceDeadline)}. Tilsagnet kan ikke længere accepteres; kontakt ministeriet.`;
  }
  return null;
}

/** Offered grants whose deadline has passed: what the lapse job takes. */
export function isOverdue(grant: { status: GrantStatus; acceptanceDeadline: Date }, now: Date) {
  return grant.status === "offered" && now.getTime() > grant.acceptanceDeadline.getTime();
}
