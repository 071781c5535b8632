// The application's status machine. Every change goes through `transition`, so a
// move the machine does not allow is refused with a Danish message.
import type { ApplicationStatus } from "~/domain/applications/application-constants";

export const statusLabels: Record<ApplicationStatus, string> = {
  draft: "Kladde",
  submitted: "Indsendt",
  correction: "Genåbnet til rettelse",
  formalia_approved: "Formalia godkendt",
  rejection_proposed: "Indstillet til afslag",
  assessed: "Vurderet",
};

// What a municipality is told. The ministry's working states (formalia approved, proposed
// for rejection, assessed) are not decisions: until a decision is sent, the municipality
// sees only that its application is submitted or being processed (decision record 011).
export const MUNICIPALITY_STATUSES = ["draft", "correction", "submitted", "in_review"] as const;
export type MunicipalityStatus = (typeof MUNICIPALITY_STATUSES)[number];

export const municipalityStatusLabels: Record<MunicipalityStatus, string> = {
  draft: "Kladde",
  correction: "Genåbnet til rettelse",
  submitted: "Indsendt",
  in_review: "Under behandling",
};

const municipalityView: Record<ApplicationStatus, MunicipalityStatus> = {
  draft: "draft",
  correction: "correction",
  submitted: "submitted",
  formalia_approved: "in_review",
  rejection_proposed: "in_review",
  assessed: "in_review",
};

export function municipalityStatus(status: ApplicationStatus): MunicipalityStatus {
  return municipalityView[status];
}

/** The statuses a municipality's filter value stands for (null: not a filter value). */
export function statusesForMunicipalityFilter(value: string): ApplicationStatus[] | null {
  if (!(MUNICIPALITY_STATUSES as readonly string[]).includes(value)) return null;
  return (Object.keys(municipalityView) as ApplicationStatus[]).filter((s) => municipalityView[s] === value);
}

/**
 * The one place that decides a status label per audience. Only the ministry sees the
 * internal states; everyone else (municipalities, and any role the policy does not
 * call ministry) gets the municipality's view.
 */
export function statusLabelFor(status: ApplicationStatus, audience: string): string {
  return audience === "ministry" ? statusLabels[status] : municipalityStatusLabels[municipalityStatus(status)];
}

export type ApplicationEvent =
  | "submit" // municipality sends it in
  | "reopen" // staff reopen a submitted application for correction (with a reason)
  | "approve_formalia" // formal check passed
  | "propose_rejection" // a formal requirement is missing (with a reason)
  | "complete_assessment" // all criteria scored
  | "reconsider"; // staff take a proposed rejection or an assessment back to formalia

const transitions: Record<ApplicationEvent, Partial<Record<ApplicationStatus, ApplicationStatus>>> = {
  submit: { draft: "submitted", correction: "submitted" },
  reopen: { submitted: "correction", formalia_approved: "correction", rejection_proposed: "correction" },
  approve_formalia: { submitted: "formalia_approved", rejection_proposed: "formalia_approved" },
  propose_rejection: { submitted: "rejection_proposed", formalia_approved: "rejection_proposed" },
  complete_assessment: { formalia_approved: "assessed" },
  reconsider: { rejection_proposed: "submitted", assessed: "formalia_approved" },
};

const refusals: Record<ApplicationEvent, string> = {
  submit: "Ansøgningen kan kun indsendes, mens den er en kladde eller genåbnet til rettelse.",
  reopen: "Ansøgningen kan kun genåbnes, når den er indsendt og endnu ikke vurderet.",
  approve_formalia: "Formalia kan kun godkendes for en indsendt ansøgning.",
  propose_rejection: "Afslag kan kun indstilles for en indsendt ansøgning.",
  complete_assessment: "Vurderingen kan kun afsluttes, når formalia er godkendt.",
  reconsider: "Kun en indstilling til afslag eller en afsluttet vurdering kan tages op igen.",
};

export type TransitionResult = { ok: true; to: ApplicationStatus } | { ok: false; message: string };

export function transition(from: ApplicationStatus, event: ApplicationEvent): TransitionResult {
  const to = transitions[event][from];
  return to ? { ok: true, to } : { ok: false, message: refusals[event] };
}

/** The municipality may change the content only in these states. */
export function isEditableByMunicipality(status: ApplicationStatus) {
  return status === "draft" || status === "correction";
}
