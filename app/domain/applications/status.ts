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
