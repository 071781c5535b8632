// The grant page's accounts section: where the accounts stand, any repayment claim, the
// link to the accounts page and the ledger as a spreadsheet.
import { Link } from "@remix-run/react";
import { accountsStatusLabels, repaymentStatusLabels } from "~/domain/accounts/accounts-status";
import type { AccountsStatus, RepaymentStatus } from "~/domain/grants/grant-constants";
import { formatDate } from "~/utils/dates";
import { formatOre } from "~/utils/money";

export type GrantAccountsData = {
  grantId: number;
  status: AccountsStatus | null;
  claims: { amountOre: bigint; status: RepaymentStatus; paidOn: string | null }[];
};

export function GrantAccounts({ a }: { a: GrantAccountsData }) {
  return (
    <section aria-labelledby="grant-accounts">
      <h2 id="grant-accounts">Regnskab og tilbagebetaling</h2>
      <p>
        Regnskab: <strong>{a.status ? accountsStatusLabels[a.status] : "Ikke påbegyndt"}</strong>
      </p>
      {a.claims.map((c, i) => (
        <p key={i}>
          Tilbagebetaling: {formatOre(c.amountOre)}, {repaymentStatusLabels[c.status].toLowerCase()}
          {c.paidOn ? ` ${formatDate(c.paidOn)}` : ""}.
        </p>
      ))}
      <div className="pp-actions">
        <Link to={`/grants/${a.grantId}/accounts`} className="button button-secondary">
          Gå til regnskabet
        </Link>
        <a href={`/grants/${a.grantId}/ledger.xlsx`} download>
          Hent posteringer som Excel (XLSX)
        </a>
      </div>
    </section>
  );
}
