// The figures a status pack is built from (no drizzle import: the model and its tests are
// pure). Money in integer øre; dates as Copenhagen calendar dates ("YYYY-MM-DD"); every
// figure is "as of" `asOf` (end of that day in Copenhagen) where the data has a timestamp.
import type { GrantStatus } from "~/domain/grants/grant-constants";
import type { Intensity, ProgrammeStatus, Theme } from "~/domain/programmes/programme-constants";
import type { IndicatorUnit } from "~/domain/reports/report-constants";

export type PackPool = {
  id: number;
  name: string;
  financeLine: string;
  startsOn: string;
  endsOn: string;
  initiativeEndsOn: string | null;
  totalOre: bigint;
  /** Committed by decisions (committed entries). */
  grantedOre: bigint;
  lapsedOre: bigint;
  cancelledOre: bigint;
  repaidOre: bigint;
  /** Committed now: the sum of every committed delta. */
  committedOre: bigint;
  /** Paid out (paid entries and paid corrections), before repayments. */
  paidOre: bigint;
  /** Paid net of repayments. */
  netPaidOre: bigint;
  /** committed − net paid. */
  outstandingOre: bigint;
  /** total − committed. */
  uncommittedOre: bigint;
};

export type PackProgramme = {
  /** The status as of the date (see programmeStatusAsOf). */
  status: ProgrammeStatus;
  startsOn: string;
  plannedEndOn: string;
  intensity: Intensity;
  focusAreas: string[];
  milestones: number;
  /** Done (gennemført) on or before the date. */
  milestonesDone: number;
  /** Planned before the date and not done by then (cancelled ones never count). */
  milestonesOverdue: number;
};

export type PackGrantRow = {
  grantId: number;
  municipalityCode: string;
  municipalityName: string;
  grantStatus: GrantStatus;
  grantedOre: bigint;
  committedOre: bigint;
  paidOre: bigint;
  repaidOre: bigint;
  netPaidOre: bigint;
  outstandingOre: bigint;
  /** Spend in the latest approved (else latest submitted, not sent back) report version by the date, as the dashboard counts it. */
  spendReportedOre: bigint;
  programme: PackProgramme | null;
  /** Report due dates on or before the date. */
  reportsDue: number;
  /** Submitted (first time) by the end of the date, whatever their due date. */
  reportsReceived: number;
  /** Approved by the end of the date. */
  reportsApproved: number;
  /** Due before the date and not received by then. */
  reportsOverdue: number;
};

export type PackIndicator = {
  label: string;
  unit: IndicatorUnit;
  /** The newest value per municipality (grant) from a version submitted by the date, exact decimal text. */
  values: { municipalityName: string; value: string }[];
};

export type PackTheme = {
  theme: Theme;
  /** The newest 1–5 score per grant from a version submitted by the date. */
  scores: number[];
};

export type StatusPackFigures = {
  asOf: string;
  pool: PackPool;
  grants: PackGrantRow[];
  indicators: PackIndicator[];
  themes: PackTheme[];
};

export type StatusPackPurpose =
  | { kind: "question"; committee: string; questionNo: string }
  | { kind: "annual" };

/**
 * A programme's status as of a date, from what has dates: cancelled stays cancelled (the
 * cancellation has no date of its own); not started by then is planned; completed counts
 * once its planned end has passed; anything else started is running.
 */
export function programmeStatusAsOf(p: { status: ProgrammeStatus; startsOn: string; plannedEndOn: string }, asOf: string): ProgrammeStatus {
  if (p.status === "cancelled") return "cancelled";
  if (p.startsOn > asOf) return "planned";
  if (p.status === "completed" && p.plannedEndOn <= asOf) return "completed";
  return "active";
}
