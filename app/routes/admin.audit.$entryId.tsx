// /admin/audit/:entryId: one audit entry in full. The CSV export links here, because a
// spreadsheet cell holds at most 32 767 characters and a long change list is cut there.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { found, requirePermission } from "~/auth/guards.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { getDb } from "~/db.server";
import { auditChanges, danishDateTime } from "~/domain/audit/audit-changes";
import { actionLabel, actorName, actorRoleLabel, entityTypeLabel } from "~/domain/audit/audit-filters";
import { describeEntities, entityDescription, getAuditEntry } from "~/domain/audit/audit-log.server";
import { idParam } from "~/utils/params.server";

export const meta: MetaFunction = () => [{ title: "Hændelse i revisionssporet · Puljeportal" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "audit:read");
  const db = await getDb();
  const row = found(await getAuditEntry(db, idParam(params.entryId, "bigint")));
  const descriptions = await describeEntities(db, [row]);
  const pretty = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v, null, 2));
  return {
    id: row.id,
    at: danishDateTime(row.at),
    who: actorName(row),
    email: row.actorEmail,
    role: actorRoleLabel(row.actorRole),
    action: actionLabel(row.action) ?? row.action,
    code: row.action,
    entityType: entityTypeLabel(row.entityType),
    entity: entityDescription(descriptions, row),
    entityId: row.entityId,
    changes: auditChanges(row.before, row.after),
    before: pretty(row.before),
    after: pretty(row.after),
    requestId: row.requestId,
  };
}

export default function AuditEntry() {
  const e = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumbs trail={[{ to: "/admin/audit", label: "Revisionsspor" }]} current={`Hændelse ${e.id}`} />
      <h1>{e.action}</h1>
      <dl className="pp-facts">
        <dt>Tidspunkt</dt>
        <dd>{e.at}</dd>
        <dt>Bruger</dt>
        <dd>
          {e.who} · {e.role}
          {e.email ? ` · ${e.email}` : ""}
        </dd>
        <dt>Objekt</dt>
        <dd>
          {e.entityType}
          {e.entity ? `: ${e.entity}` : ""}
        </dd>
      </dl>
      <h2>Ændringer</h2>
      {e.changes.length === 0 ? (
        <p>Ingen ændrede felter.</p>
      ) : (
        <table className="table table--zebra table--compact">
          <caption className="sr-only">Felter før og efter</caption>
          <thead>
            <tr>
              <th scope="col">Felt</th>
              <th scope="col">Før</th>
              <th scope="col">Efter</th>
            </tr>
          </thead>
          <tbody>
            {e.changes.map((c, i) => (
              <tr key={i}>
                <th scope="row">{c.field}</th>
                <td className="pp-pre">{c.before ?? "–"}</td>
                <td className="pp-pre">{c.after ?? "(fjernet)"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <details>
        <summary>Tekniske oplysninger</summary>
        <dl className="pp-facts">
          <dt>Handlingskode</dt>
          <dd>
            <code>{e.code}</code>
          </dd>
          <dt>Objekt-id</dt>
          <dd>{e.entityId ?? "–"}</dd>
          <dt>Anmodnings-id</dt>
          <dd>{e.requestId ?? "–"}</dd>
        </dl>
        <h3 className="h6">Før (som gemt)</h3>
        <pre className="pp-pre">{e.before ?? "(ingen)"}</pre>
        <h3 className="h6">Efter (som gemt)</h3>
        <pre className="pp-pre">{e.after ?? "(ingen)"}</pre>
      </details>
      <p>
        <Link to="/admin/audit">Tilbage til revisionssporet</Link>
      </p>
    </>
  );
}
