// The timeline's view model: what the chart and the table both draw from, so they
// cannot disagree. Plain data (dates as "YYYY-MM-DD", labels decided on the server);
// the layout helpers are pure and unit-tested (timeline-data.test.ts).

export type TimelineMilestone = {
  id: number;
  title: string;
  /** "YYYY-MM-DD" */
  plannedOn: string;
  actualOn: string | null;
  /** Drives the marker's shape; the label is what people read. */
  tone: "done" | "open" | "postponed" | "cancelled";
  statusLabel: string;
  /** Planned date passed (Copenhagen) and not done or cancelled. */
  overdue: boolean;
  /** Planned after the initiative's end. */
  afterInitiativeEnd: boolean;
};

export type TimelineProgramme = {
  id: number;
  href: string;
  municipalityName: string;
  title: string;
  startsOn: string;
  plannedEndOn: string;
  agencies: string;
  advisors: string;
  /** The end of the initiative this programme's pool belongs to. */
  initiativeEndsOn: string | null;
  milestones: TimelineMilestone[];
};

export type TimelineView = {
  /** Today in Copenhagen, "YYYY-MM-DD" (the application's clock). */
  today: string;
  /** The initiatives' ends of the pools shown, distinct and sorted (one pool: one date). */
  initiativeEnds: string[];
  programmes: TimelineProgramme[];
};

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a "YYYY-MM-DD" date (calendar arithmetic, no time zone). */
export function dayNumber(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number);
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

/** The first day of the date's month, and the first day of the month after the date's. */
function monthStart(iso: string) {
  return `${iso.slice(0, 7)}-01`;
}
function nextMonthStart(iso: string) {
  const [y, m] = iso.split("-").map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
}

/** The whole months the chart spans: every programme, milestone, today and the initiative's end. */
export function timelineRange(view: TimelineView): { from: string; to: string } {
  const dates = [view.today];
  dates.push(...view.initiativeEnds);
  for (const p of view.programmes) {
    dates.push(p.startsOn, p.plannedEndOn);
    for (const m of p.milestones) {
      dates.push(m.plannedOn);
      if (m.actualOn) dates.push(m.actualOn);
    }
  }
  dates.sort();
  return { from: monthStart(dates[0]), to: nextMonthStart(dates[dates.length - 1]) };
}

/** Date → x in [x0, x0 + width] over the range. */
export function xScale(range: { from: string; to: string }, x0: number, width: number) {
  const a = dayNumber(range.from);
  const span = Math.max(1, dayNumber(range.to) - a);
  return (iso: string) => x0 + ((dayNumber(iso) - a) / span) * width;
}

/** Month starts inside the range, with a year label on January (and on the first tick). */
export function monthTicks(range: { from: string; to: string }): { iso: string; month: number; yearLabel: string | null }[] {
  const out: { iso: string; month: number; yearLabel: string | null }[] = [];
  for (let iso = range.from; iso <= range.to; iso = nextMonthStart(iso)) {
    const month = Number(iso.slice(5, 7));
    out.push({ iso, month, yearLabel: month === 1 || out.length === 0 ? iso.slice(0, 4) : null });
  }
  return out;
}

/** Counts for the summary line and the chart's description. */
export function timelineCounts(view: TimelineView) {
  let milestones = 0;
  let overdue = 0;
  let done = 0;
  for (const p of view.programmes) {
    milestones += p.milestones.length;
    for (const m of p.milestones) {
      if (m.overdue) overdue++;
      if (m.tone === "done") done++;
    }
  }
  return { programmes: view.programmes.length, milestones, overdue, done };
}
