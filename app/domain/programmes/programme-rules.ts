// The advisory-programme rules as plain functions (unit-tested without a server): the
// programme's dates and length, where a template puts its milestones, when a milestone is
// overdue or after the initiative's end, and which status moves are allowed.
// Dates are calendar dates as ISO strings ("2024-03-01"), compared as text.
import { MILESTONE_DONE_STATUSES, type MilestoneStatus } from "./programme-constants";

export const MIN_LENGTH_MONTHS = 3;
export const MAX_LENGTH_MONTHS = 9;

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

function utc(iso: string) {
  if (!ISO.test(iso)) throw new Error(`Not an ISO date: ${iso}`);
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
}
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function addDays(date: string, days: number) {
  return iso(utc(date) + days * DAY_MS);
}

export function daysBetween(from: string, to: string) {
  return Math.round((utc(to) - utc(from)) / DAY_MS);
}

/** Calendar months later; a day past the month's end becomes its last day (31.1 + 1 = 28./29.2). */
export function addMonths(date: string, months: number) {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const d = Number(date.slice(8, 10));
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return iso(Date.UTC(year, month, Math.min(d, last)));
}

/** Is the programme's length outside 3–9 months (then it needs a reason)? */
export function lengthOutsideNorm(startsOn: string, plannedEndOn: string) {
  return plannedEndOn < addMonths(startsOn, MIN_LENGTH_MONTHS) || plannedEndOn > addMonths(startsOn, MAX_LENGTH_MONTHS);
}

/** Whole months from start to end, for display ("ca. 6 måneder"). */
export function lengthInMonths(startsOn: string, plannedEndOn: string) {
  return Math.round(daysBetween(startsOn, plannedEndOn) / 30.44);
}

export type ProgrammeDates = { startsOn: string; plannedEndOn: string; lengthReason?: string | null };

/** The date rules for a programme, as Danish messages per field (empty when all hold). */
export function programmeDateProblems(p: ProgrammeDates): Record<string, string> {
  const errors: Record<string, string> = {};
  if (p.plannedEndOn <= p.startsOn) {
    errors.plannedEndOn = "Slutdatoen skal ligge efter startdatoen.";
    return errors;
  }
  if (lengthOutsideNorm(p.startsOn, p.plannedEndOn) && !(p.lengthReason ?? "").trim()) {
    errors.lengthReason = `Forløbet varer under ${MIN_LENGTH_MONTHS} eller over ${MAX_LENGTH_MONTHS} måneder. Skriv en begrundelse for længden.`;
  }
  return errors;
}

/** Where a template item lands: its share of the programme's length, rounded to a day. */
export function plannedDateAt(startsOn: string, plannedEndOn: string, positionPercent: number) {
  return addDays(startsOn, Math.round((daysBetween(startsOn, plannedEndOn) * positionPercent) / 100));
}

export function isDone(status: MilestoneStatus) {
  return MILESTONE_DONE_STATUSES.includes(status);
}

/** Overdue: its planned date has passed (before today) and it is not done (gennemført or aflyst). */
export function isOverdue(m: { plannedOn: string; status: MilestoneStatus }, today: string) {
  return m.plannedOn < today && !isDone(m.status);
}

/** Planned after the initiative's end (a date on the pool): flagged, not refused. */
export function isAfterInitiativeEnd(plannedOn: string, initiativeEndsOn: string | null) {
  return initiativeEndsOn !== null && plannedOn > initiativeEndsOn;
}

/**
 * Allowed status moves for a milestone. Staying in the same status is allowed (to correct
 * the note, participants or dates). Gennemført is final; an aflyst milestone may be
 * planned again.
 */
export const MILESTONE_TRANSITIONS: Record<MilestoneStatus, readonly MilestoneStatus[]> = {
  planlagt: ["planlagt", "i_gang", "gennemfoert", "udskudt", "aflyst"],
  i_gang: ["i_gang", "gennemfoert", "udskudt", "aflyst"],
  udskudt: ["udskudt", "planlagt", "i_gang", "gennemfoert", "aflyst"],
  gennemfoert: ["gennemfoert"],
  aflyst: ["aflyst", "planlagt"],
};

export function canMoveMilestone(from: MilestoneStatus, to: MilestoneStatus) {
  return MILESTONE_TRANSITIONS[from].includes(to);
}

export type MilestoneLog = {
  status: MilestoneStatus;
  plannedOn: string;
  actualOn: string | null;
  statusReason: string | null;
};

/** The rules for logging a milestone, as Danish messages per field (empty when all hold). */
export function milestoneLogProblems(from: MilestoneStatus, next: MilestoneLog, today: string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!canMoveMilestone(from, next.status)) {
    errors.status = from === "gennemfoert" ? "En gennemført milepæl kan ikke skifte status." : "Den status kan milepælen ikke få nu.";
  }
  if (next.status === "gennemfoert" && !next.actualOn) errors.actualOn = "Angiv den faktiske dato, når milepælen er gennemført.";
  if (next.actualOn && next.actualOn > today) errors.actualOn = "Den faktiske dato kan ikke ligge i fremtiden.";
  if ((next.status === "udskudt" || next.status === "aflyst") && !(next.statusReason ?? "").trim()) {
    errors.statusReason = next.status === "udskudt" ? "Skriv hvorfor milepælen er udskudt." : "Skriv hvorfor milepælen er aflyst.";
  }
  return errors;
}
