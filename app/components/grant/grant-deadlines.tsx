// The grant's deadlines (defaults from the call, fixed at the decision) and its period.
export type GrantDeadlinesData = {
  projectPeriod: string;
  acceptanceDeadline: string;
  latestStartOn: string;
  accountsDueOn: string;
  acceptedAt: string | null;
};

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
        </dd>
        <dt>Projektet skal senest starte</dt>
        <dd>{d.latestStartOn}</dd>
        <dt>Regnskab senest</dt>
        <dd>{d.accountsDueOn}</dd>
      </dl>
    </section>
  );
}
