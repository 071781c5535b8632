// The grant's deadlines (defaults from the call, fixed at the decision) and its period.
export type GrantDeadlinesData = {
  projectPeriod: string;
  acceptanceDeadline: string;
  latestStartOn: string;
  accountsDueOn: string;
  acceptedAt: string | null;
  /** "Frist om 12 dage" for the deadlines still ahead that matter in the grant's status; null otherwise. */
  countdowns?: { acceptance: string | null; latestStart: string | null; accounts: string | null };
};

function Countdown({ text }: { text: string | null | undefined }) {
  return text ? <span className="pp-muted"> · {text}</span> : null;
}

export function GrantDeadlines({ d }: { d: GrantDeadlinesData }) {
  return (
    <section aria-labelledby="grant-deadlines">
      <h2 id="grant-deadlines">Periode og frister</h2>
      <dl className="pp-facts">
        <dt>Projektperiode</dt>
        <dd>{d.projectPeriod}</dd>
        <dt>Frist for accept af tilsagnet</dt>
        <dd>
          {d.acceptanceDeadline}
          {d.acceptedAt ? ` (accepteret ${d.acceptedAt})` : ""}
          <Countdown text={d.countdowns?.acceptance} />
        </dd>
        <dt>Projektet skal senest starte</dt>
        <dd>
          {d.latestStartOn}
          <Countdown text={d.countdowns?.latestStart} />
        </dd>
        <dt>Regnskab senest</dt>
        <dd>
          {d.accountsDueOn}
          <Countdown text={d.countdowns?.accounts} />
        </dd>
      </dl>
    </section>
  );
}
