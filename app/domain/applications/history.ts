// The application's status history in Danish, per audience: the ministry sees every
// step of its casework; the municipality sees its own steps and what was sent to it
// (submitted, reopened for correction; decisions when they are sent).
import { APPLICATION_STATUSES, type ApplicationStatus } from "./application-constants";
import { statusLabelFor } from "./status";

const MINISTRY_EVENTS: Record<string, string> = {
  "application.created": "Ansøgningen er oprettet",
  "application.submitted": "Ansøgningen er indsendt",
  "application.reopened": "Genåbnet til rettelse",
  "application.formalia_checked": "Formalia kontrolleret",
  "application.assessment_submitted": "En bedømmer har afgivet sin vurdering",
  "application.scores_agreed": "Enighed om scorer registreret",
  "application.assessment_completed": "Vurderingen er afsluttet",
  "application.reconsidered": "Taget op igen",
  "application.assigned": "Sagsbehandler tildelt",
  "application.granted": "Tilsagn givet",
  "application.rejected": "Afslag givet",
};

const MUNICIPALITY_EVENTS: Record<string, string> = {
  "application.created": "Ansøgningen er oprettet",
  "application.submitted": "Ansøgningen er indsendt",
  "application.reopened": "Ministeriet har genåbnet ansøgningen til rettelse",
  "application.granted": "Ministeriet har givet tilsagn",
  "application.rejected": "Ministeriet har givet afslag",
};

/** The audit actions this audience's history shows. */
export function historyActions(audience: string): string[] {
  return Object.keys(audience === "ministry" ? MINISTRY_EVENTS : MUNICIPALITY_EVENTS);
}

export type HistoryRow = { action: string; after: unknown; actorName: string | null; actorRole: string | null };

/** One line of the history, or null when this audience does not see the event. */
export function describeHistoryEvent(row: HistoryRow, audience: string): { text: string; by: string } | null {
  const ministry = audience === "ministry";
  const label = (ministry ? MINISTRY_EVENTS : MUNICIPALITY_EVENTS)[row.action];
  if (!label) return null;
  const status = statusOf(row.after);
  // The resulting status says what a check or reconsideration led to; elsewhere it repeats the label.
  const withStatus = ["application.formalia_checked", "application.reconsidered"].includes(row.action);
  const text = ministry && status && withStatus ? `${label}: ${statusLabelFor(status, "ministry")}` : label;
  const staff = row.actorRole === "admin" || row.actorRole === "caseworker";
  // A municipality is told that the ministry acted, not which caseworker.
  const by = !ministry && staff ? "Ministeriet" : (row.actorName ?? "System");
  return { text, by };
}

function statusOf(after: unknown): ApplicationStatus | null {
  const s = typeof after === "object" && after !== null ? (after as { status?: unknown }).status : null;
  return typeof s === "string" && (APPLICATION_STATUSES as readonly string[]).includes(s) ? (s as ApplicationStatus) : null;
}
