// The grant page's budget section: the version in force, two versions side by side with
// the differences written out, and the budget changes with their status and the rule's
// explanation. The municipality gets the button to ask for a change.
import { Form, Link } from "@remix-run/react";
import { linesToInputs } from "~/domain/applications/budget";
import { oreToInput } from "~/utils/money";
import { BudgetTable } from "~/components/application-budget";
import { BudgetCompare } from "./budget-compare";
import { budgetChangeBadge, budgetChangeStatusLabels, type GrantBudgetData } from "./budget-data";

const notices: Record<string, string> = {
  registered: "Budgetændringen er registreret og gælder nu. De udbetalinger, der endnu ikke er udbetalt, følger det nye budget.",
  pending: "Budgetændringen er sendt til ministeriet. Den gælder først, når ministeriet har godkendt den.",
  approved: "Budgetændringen er godkendt. Det nye budget gælder nu, og kommunen har fået besked.",
  rejected: "Budgetændringen er afvist. Kommunen har fået besked med begrundelsen.",
};

export function GrantBudget({ b }: { b: GrantBudgetData & { notice?: string | null } }) {
  const latest = b.versions[b.versions.length - 1];
  const shown = b.versions.find((v) => v.version === b.shownVersion) ?? latest;
  const previous = shown ? b.versions.find((v) => v.version === shown.version - 1) : undefined;
  const pending = b.changes.find((c) => c.status === "pending");
  return (
    <section aria-labelledby="grant-budget">
      <h2 id="grant-budget">Budget og budgetændringer</h2>
      {b.notice && Object.hasOwn(notices, b.notice) ? (
        <div className="alert alert-success" role="status">
          <p className="alert-text">{notices[b.notice]}</p>
        </div>
      ) : null}
      {!latest ? (
        <p>Tilsagnet har endnu ikke et budget.</p>
      ) : (
        <>
          <p>
            Gældende budget: <strong>version {latest.version}</strong> fra {latest.createdAt}
            {latest.note ? ` (${latest.note})` : ""}.
          </p>
          {b.canRequest ? (
            <p>
              <Link className="button button-secondary" to={`/grants/${b.grantId}/budget-changes/new`}>
                Anmod om budgetændring
              </Link>
            </p>
          ) : null}
          {pending ? (
            <p className="alert alert-info" role="status">
              En budgetændring afventer ministeriets godkendelse.{" "}
              <Link to={`/grants/${b.grantId}/budget-changes/${pending.id}`}>Se ændringen</Link>
            </p>
          ) : null}
          {b.versions.length > 1 ? (
            <Form method="get" className="pp-filters" preventScrollReset>
              <div className="form-group">
                <label className="form-label" htmlFor="budgetversion">
                  Sammenlign version
                </label>
                <select id="budgetversion" name="budgetversion" className="form-select" defaultValue={String(shown!.version)}>
                  {b.versions.slice(1).map((v) => (
                    <option key={v.version} value={v.version}>
                      Version {v.version - 1} og {v.version}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" className="button button-secondary">
                Vis
              </button>
            </Form>
          ) : null}
          {shown && previous ? (
            <BudgetCompare
              categories={b.categories}
              quarters={b.quarters}
              before={previous.lines}
              after={shown.lines}
              beforeLabel={`Version ${previous.version}`}
              afterLabel={`Version ${shown.version}`}
              caption={`Budget version ${previous.version} og ${shown.version} side om side`}
            />
          ) : shown ? (
            <BudgetTable
              categories={b.categories}
              quarters={b.quarters}
              values={linesToInputs({ categoryIds: b.categories.map((c) => c.id), quarters: b.quarters }, shown.lines, oreToInput)}
            />
          ) : null}
        </>
      )}
      <h3>Budgetændringer</h3>
      {b.changes.length === 0 ? (
        <p>Der er ingen budgetændringer på tilsagnet.</p>
      ) : (
        <table className="table table--zebra table--compact">
          <caption className="sr-only">Budgetændringer, nyeste først</caption>
          <thead>
            <tr>
              <th scope="col">Anmodet</th>
              <th scope="col">Status</th>
              <th scope="col">Vurdering efter reglen</th>
              <th scope="col">Versioner</th>
              <th scope="col">Detaljer</th>
            </tr>
          </thead>
          <tbody>
            {b.changes.map((c) => (
              <tr key={c.id}>
                <td>
                  {c.requestedAt}
                  {c.requestedByName ? <div className="pp-muted">{c.requestedByName}</div> : null}
                </td>
                <td>
                  <span className={budgetChangeBadge[c.status]}>{budgetChangeStatusLabels[c.status]}</span>
                  {c.decidedAt ? <div className="pp-muted">Afgjort {c.decidedAt}</div> : null}
                </td>
                <td>{c.ruleExplanation}</td>
                <td>{c.toVersion ? `${c.fromVersion} → ${c.toVersion}` : `fra ${c.fromVersion}`}</td>
                <td>
                  <Link to={`/grants/${b.grantId}/budget-changes/${c.id}`}>
                    Se ændringen<span className="sr-only"> fra {c.requestedAt}</span>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
