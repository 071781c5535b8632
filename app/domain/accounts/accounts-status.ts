// The accounts' (regnskab) status machine and labels. The municipality fills and submits;
// the caseworker returns it with a reason (the municipality corrects and submits again)
// or approves it. Marking ineligible amounts keeps it submitted.
import type { AccountsStatus, RepaymentStatus } from "~/domain/grants/grant-constants";
import { statusMachine } from "~/domain/status-machine";

export type AccountsEvent = "save" | "submit" | "assess" | "return" | "approve";

export const accountsStatusLabels: Record<AccountsStatus, string> = {
  draft: "Kladde",
  submitted: "Indsendt",
  returned: "Sendt retur til rettelse",
  approved: "Godkendt",
};

export const repaymentStatusLabels: Record<RepaymentStatus, string> = {
  claimed: "Krævet tilbagebetalt",
  paid: "Tilbagebetalt",
  cancelled: "Annulleret",
};

const label = (s: AccountsStatus) => accountsStatusLabels[s];

export const accountsMachine = statusMachine<AccountsStatus, AccountsEvent>({
  save: {
    from: { draft: "draft", returned: "returned" },
    refusal: (from) => `Regnskabet har status „${label(from)}“ og kan ikke ændres.`,
  },
  submit: {
    from: { draft: "submitted", returned: "submitted" },
    refusal: (from) => `Regnskabet har status „${label(from)}“ og kan ikke indsendes.`,
  },
  assess: {
    from: { submitted: "submitted" },
    refusal: (from) => `Regnskabet har status „${label(from)}“: kun et indsendt regnskab kan vurderes.`,
  },
  return: {
    from: { submitted: "returned" },
    refusal: (from) => `Regnskabet har status „${label(from)}“: kun et indsendt regnskab kan sendes retur.`,
  },
  approve: {
    from: { submitted: "approved" },
    refusal: (from) => `Regnskabet har status „${label(from)}“: kun et indsendt regnskab kan godkendes.`,
  },
});
