// The grant page's reporting section: the due dates with their reports, and the way to the plan.
import { Link } from "@remix-run/react";

export type GrantReportingData = {
  grantId: number;
  rows: { id: number; label: string; dueOn: string; status: string; overdue: boolean; reportId: number | null }[];
  indicators: string[];
};

export function GrantReporting({ r }: { r: GrantReportingData }) {
  return (
    <section aria-labelledby="grant-reporting">
      <h2 id="grant-reporting">Rapportering</h2>
      {r.rows.length === 0 ? (
        <p>Der er endnu ingen rapporteringsplan for tilsagnet.</p>
      ) : (
        <table className="table table--compact">
          <caption className="sr-only">Rapporteringsplan</caption>
          <thead>
            <tr>
              <th scope="col">Rapport</th>
              <th scope="col">Frist</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {r.rows.map((row) => (
              <tr key={row.id}>
                <td>{row.reportId ? <Link to={`/reports/${row.reportId}`}>{row.label}</Link> : row.label}</td>
                <td>
                  {row.dueOn}
                  {row.overdue ? <strong> (overskredet)</strong> : null}
                </td>
                <td>{row.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {r.indicators.length ? <p>Indikatorer: {r.indicators.join(", ")}.</p> : null}
      <p>
        <Link to={`/grants/${r.grantId}/reports`}>Rapporteringsplan og statusrapporter</Link>
      </p>
    </section>
  );
}
