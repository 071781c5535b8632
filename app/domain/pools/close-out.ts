// Close-out (afslutning) as a plain rule: may this pool be closed now, and if not, what is
// in the way? The answer is a list of Danish reasons shown to the admin as they are.
// "Settled" follows the grant life cycle (docs/decisions/019, the demo settlement): a grant
// is settled when it is closed (afsluttet) with its accounts approved and no repayment
// still claimed, or when it lapsed or was cancelled; every application is decided
// (granted or rejected); no payment is on its way and no budget change awaits a decision.
import type { AccountsStatus, GrantStatus } from "~/domain/grants/grant-constants";
import type { ApplicationStatus } from "~/domain/applications/application-constants";
import { formatDate } from "~/utils/dates";
import { formatOre } from "~/utils/money";

export type CloseOutGrant = {
  id: number;
  municipalityName: string;
  status: GrantStatus;
  accountsStatus: AccountsStatus | null;
  /** Repayment claims still "claimed" (not paid, not cancelled), in øre. */
  openRepaymentOre: bigint;
  /** Payments prepared or approved but not paid. */
  paymentsInProgress: number;
  pendingBudgetChanges: number;
};

export type CloseOutFacts = {
  /** Today in Copenhagen by appNow (the test clock moves it), YYYY-MM-DD. */
  today: string;
  /** The initiative's end; the pool's own end date when not set. */
  initiativeEndsOn: string | null;
  endsOn: string;
  closedAt: Date | string | null;
  grants: CloseOutGrant[];
  /** Applications not decided (neither granted nor rejected), by status. */
  undecidedApplications: { status: ApplicationStatus; count: number }[];
};

export type CloseOutVerdict = { mayClose: true } | { mayClose: false; blockers: string[] };

const SETTLED_WITHOUT_ACCOUNTS: readonly GrantStatus[] = ["lapsed", "cancelled"];

export function closeOutEndDate(f: Pick<CloseOutFacts, "initiativeEndsOn" | "endsOn">) {
  return f.initiativeEndsOn ?? f.endsOn;
}

/** Why one grant is not settled (empty when it is). */
export function grantBlockers(g: CloseOutGrant): string[] {
  const who = `Tilsagnet til ${g.municipalityName}`;
  const out: string[] = [];
  if (!SETTLED_WITHOUT_ACCOUNTS.includes(g.status)) {
    if (g.status !== "closed") out.push(`${who} er ikke afsluttet (status: ${GRANT_STATUS_DA[g.status]}).`);
    if (g.accountsStatus !== "approved") out.push(`${who}: regnskabet er ikke godkendt.`);
  }
  if (g.openRepaymentOre > 0n) out.push(`${who}: tilbagebetaling på ${formatOre(g.openRepaymentOre)} er ikke indbetalt.`);
  if (g.paymentsInProgress > 0) out.push(`${who}: ${g.paymentsInProgress === 1 ? "1 udbetaling er" : `${g.paymentsInProgress} udbetalinger er`} i gang.`);
  if (g.pendingBudgetChanges > 0) out.push(`${who}: en budgetændring venter på afgørelse.`);
  return out;
}

const GRANT_STATUS_DA: Record<GrantStatus, string> = {
  offered: "tilbudt, ikke accepteret",
  accepted: "accepteret",
  lapsed: "bortfaldet",
  cancelled: "annulleret",
  closed: "afsluttet",
};

export function closeOutVerdict(f: CloseOutFacts): CloseOutVerdict {
  if (f.closedAt) return { mayClose: false, blockers: ["Puljen er allerede afsluttet."] };
  const blockers: string[] = [];
  const end = closeOutEndDate(f);
  if (f.today <= end) blockers.push(`Initiativets slutdato (${formatDate(end)}) er ikke passeret endnu.`);
  const undecided = f.undecidedApplications.reduce((n, a) => n + a.count, 0);
  if (undecided > 0) blockers.push(undecided === 1 ? "1 ansøgning er ikke afgjort." : `${undecided} ansøgninger er ikke afgjort.`);
  for (const g of f.grants) blockers.push(...grantBlockers(g));
  return blockers.length === 0 ? { mayClose: true } : { mayClose: false, blockers };
}
