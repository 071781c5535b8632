// Read-only application: what ministry staff see, and the municipality after submitting.
import { Link } from "@remix-run/react";
import { fieldLabels, themeLabels } from "~/domain/applications/application-labels";
import type { ApplicationPageData } from "./application-page-data";
import { formatOre } from "~/utils/money";
import { AttachmentList } from "./application-attachments";
import { BudgetTable } from "./application-budget";
import { Header } from "./application-form";
import { ApplicationHistory } from "./application-history";
import { Alert } from "./form";

function Text({ label, value }: { label: string; value: unknown }) {
  const v = typeof value === "string" ? value : "";
  return (
    <>
      <h3>{label}</h3>
      {v ? <p className="pp-pre">{v}</p> : <p className="pp-muted">Ikke udfyldt</p>}
    </>
  );
}

export function ApplicationView({ data }: { data: ApplicationPageData }) {
  const app = data.application;
  const v = data.values;
  const themes = Array.isArray(v.themes) ? v.themes : [];
  return (
    <>
      <Header data={data} />
      {data.closedReason ? (
        <Alert kind="warning" heading="Ansøgningsfristen er overskredet">
          {data.closedReason} Fristen var {data.call.deadline}.
        </Alert>
      ) : null}
      {data.isMinistry ? (
        <div className="pp-actions">
          <Link to={`/applications/${app.id}/assessment`} className="button button-primary">
            Vurdering
          </Link>
        </div>
      ) : null}
      {app.submittedAt ? (
        <Alert kind="info" heading="Ansøgningen er indsendt">
          Indsendt {app.submittedAt}
          {app.submittedByName ? ` af ${app.submittedByName}` : ""}. Den kan ikke længere ændres.
        </Alert>
      ) : (
        <Alert kind="info">Ansøgningen er endnu ikke indsendt ({app.statusLabel}).</Alert>
      )}
      <p>
        <a href={`/applications/${app.id}/pdf`}>Hent ansøgningen som PDF</a>
      </p>

      <h2>Kontaktperson</h2>
      <dl>
        <dt>{fieldLabels.contactName}</dt>
        <dd>{String(v.contactName || "–")}</dd>
        <dt>{fieldLabels.contactEmail}</dt>
        <dd>{String(v.contactEmail || "–")}</dd>
        <dt>{fieldLabels.contactPhone}</dt>
        <dd>{String(v.contactPhone || "–")}</dd>
        <dt>{fieldLabels.signatoryName}</dt>
        <dd>
          {String(v.signatoryName || "–")}
          {v.signatoryTitle ? `, ${String(v.signatoryTitle)}` : ""}
        </dd>
      </dl>

      <h2>Ansøgningen</h2>
      <Text label={fieldLabels.challenge} value={v.challenge} />
      <Text label={fieldLabels.activities} value={v.activities} />
      <h3>{fieldLabels.themes}</h3>
      {themes.length ? (
        <ul>
          {themes.map((t) => (
            <li key={t}>{themeLabels[t as keyof typeof themeLabels] ?? t}</li>
          ))}
        </ul>
      ) : (
        <p className="pp-muted">Ingen valgt</p>
      )}
      <Text label={fieldLabels.expectedEffect} value={v.expectedEffect} />

      <h2>Budget</h2>
      <BudgetTable categories={data.categories} quarters={data.quarters} values={v} />
      <p>
        Ansøgt beløb i alt: <strong>{formatOre(app.requestedOre)}</strong>
        {data.call.maxOre !== null ? ` (der kan højst søges ${formatOre(data.call.maxOre)})` : ""}
      </p>

      <h2>Bilag</h2>
      <AttachmentList applicationId={app.id} attachments={data.attachments} editable={false} />

      <ApplicationHistory history={data.history} />
    </>
  );
}
