// Status and formalia as badges, the same everywhere the ministry sees them.
import type { ApplicationStatus } from "~/domain/applications/application-constants";
import { statusLabels } from "~/domain/applications/status";
import { formaliaStateLabels, type FormaliaState } from "~/domain/assessment/formalia-labels";

const statusClass: Record<ApplicationStatus, string> = {
  draft: "",
  submitted: "pp-badge-warn",
  correction: "pp-badge-warn",
  formalia_approved: "pp-badge-ok",
  rejection_proposed: "pp-badge-bad",
  assessed: "pp-badge-ok",
  granted: "pp-badge-ok",
  rejected: "pp-badge-bad",
};

export function StatusBadge({ status }: { status: ApplicationStatus }) {
  return <span className={`pp-badge ${statusClass[status]}`}>{statusLabels[status]}</span>;
}

const formaliaClass: Record<FormaliaState, string> = { ok: "pp-badge-ok", missing: "pp-badge-bad", not_checked: "" };

export function FormaliaBadge({ state }: { state: FormaliaState }) {
  return <span className={`pp-badge ${formaliaClass[state]}`}>{formaliaStateLabels[state]}</span>;
}
