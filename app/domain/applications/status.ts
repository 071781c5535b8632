// The application's status machine. Every change goes through `transition`, so a
// move the machine does not allow is refused with a Danish message (a `conflict`).
import type { ApplicationStatus } from "~/domain/applications/application-constants";
import { statusMachine } from "~/domain/status-machine";

export const NOT_SUBMITTED_MESSAGE = "Ansøgningen er ikke indsendt endnu og kan ikke vurderes.";

export const statusLabels: Record<ApplicationStatus, string> = {
  draft: "Kladde",
  submitted: "Indsendt",
  correction: "Genåbnet til rettelse",
  formalia_approved: "Formalia godkendt",
  rejection_proposed: "Indstillet til afslag",
  assessed: "Vurderet",
  granted: "Tilsagn givet",
  rejected: "Afslag",
};

// What a municipality is told. The ministry's working states (formalia approved, proposed
// for rejection, assessed) are not decisions: until a decision is sent, the municipality
// sees only that its application is submitted or being processed (decision record 011).
export const MUNICIPALITY_STATUSES = ["draft", "correction", "submitted", "in_review", "granted", "rejected"] as const;
export type MunicipalityStatus = (typeof MUNICIPALITY_STATUSES)[number];

export const municipalityStatusLabels: Record<MunicipalityStatus, string> = {
  draft: "Kladde",
  correction: "Genåbnet til rettelse",
  submitted: "Indsendt",
  in_review: "Under behandling",
  granted: "Tilsagn givet",
  rejected: "Afslag",
};

const municipalityView: Record<ApplicationStatus, MunicipalityStatus> = {
  draft: "draft",
  correction: "correction",
  submitted: "submitted",
  formalia_approved: "in_review",
  rejection_proposed: "in_review",
  assessed: "in_review",
  // Decisions are sent when the round is approved: from then on the municipality sees them.
  granted: "granted",
  rejected: "rejected",
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
  | "save" // the municipality changes the content (a draft, or reopened for a correction)
  | "submit" // municipality sends it in
  | "reopen" // staff reopen a submitted application for correction (with a reason)
  | "approve_formalia" // formal check passed
  | "propose_rejection" // a formal requirement is missing (with a reason)
  | "score" // staff score the criteria (no status change)
  | "complete_assessment" // all criteria scored
  | "reconsider" // staff take a proposed rejection or an assessment back to formalia
  | "grant" // an approved allocation round gives a grant (full or reduced)
  | "reject" // an approved allocation round gives no grant (with a reason)
  | "note"; // staff add a note (no status change)

const AFTER_SUBMISSION: ApplicationStatus[] = ["submitted", "correction", "formalia_approved", "rejection_proposed", "assessed"];
const unchanged = (list: ApplicationStatus[]) =>
  Object.fromEntries(list.map((s) => [s, s])) as Partial<Record<ApplicationStatus, ApplicationStatus>>;

/** Every allowed move, as data; anything not listed is refused with the sentence beside it. */
export const applicationMachine = statusMachine<ApplicationStatus, ApplicationEvent>({
  save: {
    from: unchanged(["draft", "correction"]),
    // Only the municipality saves, so the status is named as it sees it.
    refusal: (from) => `Ansøgningen har status „${statusLabelFor(from, "municipality")}“ og kan ikke længere ændres.`,
  },
  submit: {
    from: { draft: "submitted", correction: "submitted" },
    refusal: "Ansøgningen kan kun indsendes, mens den er en kladde eller genåbnet til rettelse.",
  },
  reopen: {
    from: { submitted: "correction", formalia_approved: "correction", rejection_proposed: "correction" },
    refusal: "Ansøgningen kan kun genåbnes, når den er indsendt og endnu ikke vurderet.",
  },
  approve_formalia: {
    // Re-saving the same outcome (e.g. correcting a note) is allowed and changes nothing.
    from: { submitted: "formalia_approved", rejection_proposed: "formalia_approved", formalia_approved: "formalia_approved" },
    refusal: (from) => (from === "draft" ? NOT_SUBMITTED_MESSAGE : "Formalia kan kun godkendes for en indsendt ansøgning."),
  },
  propose_rejection: {
    from: { submitted: "rejection_proposed", formalia_approved: "rejection_proposed", rejection_proposed: "rejection_proposed" },
    refusal: (from) => (from === "draft" ? NOT_SUBMITTED_MESSAGE : "Afslag kan kun indstilles for en indsendt ansøgning."),
  },
  score: {
    from: unchanged(["formalia_approved"]),
    refusal: (from) =>
      from === "assessed"
        ? "Vurderingen er afsluttet. Tag den op igen for at ændre scorerne."
        : "Kriterierne kan først scores, når formalia er godkendt.",
  },
  complete_assessment: {
    from: { formalia_approved: "assessed" },
    refusal: "Vurderingen kan kun afsluttes, når formalia er godkendt.",
  },
  reconsider: {
    from: { rejection_proposed: "submitted", assessed: "formalia_approved" },
    refusal: "Kun en indstilling til afslag eller en afsluttet vurdering kan tages op igen.",
  },
  grant: {
    from: { assessed: "granted", formalia_approved: "granted" },
    refusal: (from) =>
      from === "granted" || from === "rejected"
        ? "Der er allerede truffet afgørelse om ansøgningen."
        : "Der kan kun gives tilsagn til en ansøgning, der har bestået formalia.",
  },
  reject: {
    from: { submitted: "rejected", formalia_approved: "rejected", rejection_proposed: "rejected", assessed: "rejected" },
    refusal: (from) =>
      from === "granted" || from === "rejected" ? "Der er allerede truffet afgørelse om ansøgningen." : "Ansøgningen er ikke indsendt og kan ikke få afslag.",
  },
  note: { from: unchanged([...AFTER_SUBMISSION, "granted", "rejected"]), refusal: NOT_SUBMITTED_MESSAGE },
});

/** The one way a status moves: the target, or a `conflict` failure with the Danish reason. */
export function transition(from: ApplicationStatus, event: ApplicationEvent) {
  return applicationMachine.transition(from, event);
}

/** The municipality may change the content only in these states. */
export function isEditableByMunicipality(status: ApplicationStatus) {
  return applicationMachine.allows(status, "save");
}
