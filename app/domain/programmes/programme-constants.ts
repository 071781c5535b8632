// Advisory-programme vocabulary shared by the database schema, the server and the pages
// (no drizzle import: components import this file). The four themes are the application
// themes (app/domain/applications/application-constants.ts): one list for the whole service.
import { THEMES, type Theme } from "../applications/application-constants";

export { THEMES, type Theme };

export const THEME_LABELS: Record<Theme, string> = {
  udredning: "Udredning",
  indsats: "Valg af indsats, mål og handleplan",
  opfoelgning: "Opfølgning",
  inddragelse: "Inddragelse",
};

/** A programme's own life: planned until it starts, then running, then closed. */
export const PROGRAMME_STATUSES = ["planned", "active", "completed", "cancelled"] as const;
export type ProgrammeStatus = (typeof PROGRAMME_STATUSES)[number];
export const PROGRAMME_STATUS_LABELS: Record<ProgrammeStatus, string> = {
  planned: "Planlagt",
  active: "I gang",
  completed: "Afsluttet",
  cancelled: "Aflyst",
};

export const INTENSITIES = ["low", "medium", "high"] as const;
export type Intensity = (typeof INTENSITIES)[number];
export const INTENSITY_LABELS: Record<Intensity, string> = { low: "Lav", medium: "Mellem", high: "Høj" };

/** Milestone statuses (the values are the Danish words, as the issue names them). */
export const MILESTONE_STATUSES = ["planlagt", "i_gang", "gennemfoert", "udskudt", "aflyst"] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];
export const MILESTONE_STATUS_LABELS: Record<MilestoneStatus, string> = {
  planlagt: "Planlagt",
  i_gang: "I gang",
  gennemfoert: "Gennemført",
  udskudt: "Udskudt",
  aflyst: "Aflyst",
};
/** Done: a milestone in one of these is never overdue. */
export const MILESTONE_DONE_STATUSES: readonly MilestoneStatus[] = ["gennemfoert", "aflyst"];

export const MILESTONE_KINDS = ["standard", "case_review", "session"] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];

/** Who took part, by role only (never names of children or citizens). */
export const PARTICIPANT_ROLES = [
  "direktion",
  "leder",
  "faglig_koordinator",
  "sagsbehandler",
  "familiebehandler",
  "jurist",
  "raadgiver_sbst",
  "raadgiver_ast",
  "andet",
] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];
export const PARTICIPANT_ROLE_LABELS: Record<ParticipantRole, string> = {
  direktion: "Direktion",
  leder: "Ledere",
  faglig_koordinator: "Faglige koordinatorer",
  sagsbehandler: "Sagsbehandlere / rådgivere",
  familiebehandler: "Familiebehandlere",
  jurist: "Jurister",
  raadgiver_sbst: "Konsulenter fra Social- og Boligstyrelsen",
  raadgiver_ast: "Konsulenter fra Ankestyrelsen",
  andet: "Andre",
};

export const ATTENDANCE_STATUSES = ["invited", "confirmed", "declined"] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export const ATTENDANCE_LABELS: Record<AttendanceStatus, string> = {
  invited: "Inviteret",
  confirmed: "Deltager",
  declined: "Deltager ikke",
};

/** The seeded focus areas (users may add more). */
export const SEEDED_FOCUS_AREAS: { name: string; themes: Theme[] }[] = [
  { name: "Børneinddragelse", themes: ["inddragelse"] },
  { name: "Ledelsestilsyn", themes: ["udredning", "indsats", "opfoelgning"] },
  { name: "Sagsgennemgang", themes: ["udredning", "indsats", "opfoelgning", "inddragelse"] },
  { name: "Færrest mulige fagpersoner", themes: ["indsats", "inddragelse"] },
  { name: "Systematisk sagsbehandling", themes: ["udredning", "opfoelgning"] },
  { name: "Dataunderstøttelse", themes: ["opfoelgning"] },
];
