// The grant page's header: who, which call, status. Sections below it are separate
// components (amounts, deadlines, ledger, and whatever letters, payments, budget changes
// and accounts add), so each can grow without touching the others.
import { grantStatusLabel } from "~/domain/grants/grant-labels";

export type GrantHeaderData = {
  id: number;
  municipalityName: string;
  callTitle: string;
  poolName: string;
  status: string;
  applicationId: number;
  applicationReference: string;
  decidedAt: string;
  decidedByName: string | null;
};

const statusClass: Record<string, string> = {
  offered: "pp-badge-warn",
  accepted: "pp-badge-ok",
  lapsed: "pp-badge-bad",
  cancelled: "pp-badge-bad",
  closed: "",
};

export function GrantStatusBadge({ status }: { status: string }) {
  return <span className={`pp-badge ${statusClass[status] ?? ""}`}>{grantStatusLabel(status)}</span>;
}

export function GrantHeader({ g }: { g: GrantHeaderData }) {
  return (
    <>
      <h1>Tilsagn til {g.municipalityName}</h1>
      <p>
        <GrantStatusBadge status={g.status} />
      </p>
      <dl className="pp-facts">
        <dt>Opslag</dt>
        <dd>{g.callTitle}</dd>
        <dt>Pulje</dt>
        <dd>{g.poolName}</dd>
        <dt>Ansøgning</dt>
        <dd>
          <a href={`/applications/${g.applicationId}`}>{g.applicationReference}</a>
        </dd>
        <dt>Afgjort</dt>
        <dd>
          {g.decidedAt}
          {g.decidedByName ? ` af ${g.decidedByName}` : ""}
        </dd>
      </dl>
    </>
  );
}
