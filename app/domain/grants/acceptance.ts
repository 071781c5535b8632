// May a municipality still accept its grant? Only an offered grant, and only up to and
// including its acceptance deadline (an instant; shown in Copenhagen time). Pure, so the
// page (button or not) and the command (the only one that decides) ask the same rule.
import { copenhagenInstant, formatDeadline } from "~/utils/dates";
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

/** A calendar-date deadline ("2023-06-30") as the instant it ends: 23:59:59 that day in Copenhagen. */
export function endOfDayDeadline(day: string): Date {
  return copenhagenInstant(day, "23:59:59");
}

/**
 * Which deadlines count down on the grant page: acceptance while offered; the latest
 * start and the accounts while the grant is live (offered or accepted) and the date is ahead.
 */
export function grantCountdowns(
  g: { status: GrantStatus; acceptanceDeadline: Date; latestStartOn: string; accountsDueOn: string },
  now: Date,
  countdown: (deadline: Date, now: Date) => string,
) {
  const live = g.status === "offered" || g.status === "accepted";
  const ahead = (d: Date) => (live && d.getTime() >= now.getTime() ? countdown(d, now) : null);
  return {
    acceptance: g.status === "offered" ? countdown(g.acceptanceDeadline, now) : null,
    latestStart: ahead(endOfDayDeadline(g.latestStartOn)),
    accounts: ahead(endOfDayDeadline(g.accountsDueOn)),
  };
}
