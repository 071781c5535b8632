// /admin/audit: the audit trail ("Revisionsspor") with filters in the URL, paging and a CSV link.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { FormErrorSummary, SelectField, TextField } from "~/components/form";
import { Pagination } from "~/components/pagination";
import { getDb } from "~/db.server";
import {
  actionLabel,
  actorName,
  actorRoleLabel,
  entityTypeLabel,
  filterQuery,
  parseAuditFilters,
  type FilterField,
} from "~/domain/audit/audit-filters";
import { auditChanges, type FieldChange } from "~/domain/audit/audit-changes";
import {
  auditActors,
  auditEntityTypes,
  describeEntities,
  entityDescription,
  listAuditEntries,
  type AuditRow,
} from "~/domain/audit/audit-log.server";
import { formatDateTime } from "~/utils/dates";

export const meta: MetaFunction = () => [{ title: "Revisionsspor · Puljeportal" }];

function present(row: AuditRow, descriptions: Record<string, string>) {
  return {
    id: row.id,
    at: row.at,
    who: actorName(row),
    email: row.actorEmail,
    role: row.actorUserId ? actorRoleLabel(row.actorRole) : null,
    // The page shows the Danish label; the code (kept for the filter and the tests) is
    // shown in the CSV export and on the entry's own page, not in the table.
    action: row.action,
    actionLabel: actionLabel(row.action) ?? row.action,
    entityType: entityTypeLabel(row.entityType),
    entityId: row.entityId,
    entity: entityDescription(descriptions, row),
    changes: auditChanges(row.before, row.after),
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "audit:read");
  const db = await getDb();
  const parsed = parseAuditFilters(new URL(request.url).searchParams);
  const actors = await auditActors(db);
  const entityTypes = (await auditEntityTypes(db)).map((value) => ({
    value,
    label: entityTypeLabel(value),
  }));
  const options = { actors, entityTypes, values: parsed.values };
  if (!parsed.ok) {
    return data(
      {
        ...options,
        errors: parsed.errors,
        rows: [],
        total: 0,
        page: 1,
        pageCount: 1,
      },
      { status: 400 }
    );
  }
  const result = await listAuditEntries(db, parsed.filters, parsed.page);
  const descriptions = await describeEntities(db, result.rows);
  return data({
    ...options,
    errors: {} as Partial<Record<FilterField, string>>,
    ...result,
    rows: result.rows.map((r) => present(r, descriptions)),
  });
}

const countFormat = new Intl.NumberFormat("da-DK");

export default function AuditLog() {
  const { actors, entityTypes, values, errors, rows, total, page, pageCount } = useLoaderData<typeof loader>();
  const location = useLocation();
  const hasErrors = Object.keys(errors).length > 0;
  const err = (name: FilterField) => errors[name];
  const knownActor = values.user === "" || values.user === "system" || actors.some((a) => a.id === values.user);
  const knownType = values.entityType === "" || entityTypes.some((t) => t.value === values.entityType);
  return (
    <>
      <h1>Revisionsspor</h1>
      <p>
        Alle ændringer i Puljeportal registreres her med tidspunkt, bruger og data før og efter. Sporet kan ikke ændres
        eller slettes.
      </p>
      <FormErrorSummary errors={errors as Record<string, string>} />
      {/* key: the uncontrolled fields show the URL's values again after each search */}
      <Form method="get" className="pp-filters" role="search" aria-label="Filtrér revisionsspor" key={location.search}>
        <SelectField name="user" label="Bruger" error={err("user")} defaultValue={values.user}>
          <option value="">Alle</option>
          <option value="system">System</option>
          {actors.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name} ({a.email})
            </option>
          ))}
          {knownActor ? null : <option value={values.user}>{values.user}</option>}
        </SelectField>
        <TextField
          name="q"
          label="Søg i navn eller e-mail"
          type="search"
          maxLength={100}
          defaultValue={values.q}
          error={err("q")}
        />
        <SelectField name="entityType" label="Objekttype" error={err("entityType")} defaultValue={values.entityType}>
          <option value="">Alle</option>
          {entityTypes.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
          {knownType ? null : <option value={values.entityType}>{values.entityType}</option>}
        </SelectField>
        <TextField
          name="action"
          label="Handling indeholder"
          hint="Fx application eller login"
          maxLength={100}
          defaultValue={values.action}
          error={err("action")}
        />
        {/* A date input cannot show an invalid date, so the typed text is shown as text */}
        <TextField
          name="from"
          label="Fra dato"
          type={err("from") ? "text" : "date"}
          defaultValue={values.from}
          error={err("from")}
        />
        <TextField
          name="to"
          label="Til dato"
          type={err("to") ? "text" : "date"}
          defaultValue={values.to}
          error={err("to")}
        />
        <div className="pp-actions">
          <button type="submit" className="button button-primary">
            Filtrér
          </button>
          <Link to="/admin/audit">Nulstil filtre</Link>
        </div>
      </Form>
      {hasErrors ? null : (
        <>
          <div className="pp-actions">
            <p role="status" style={{ margin: 0 }}>
              {total === 1 ? "1 hændelse" : `${countFormat.format(total)} hændelser`}
            </p>
            {total > 0 ? (
              <a className="button button-secondary" href={`/admin/audit/export.csv${filterQuery(values)}`} download>
                Hent som CSV
              </a>
            ) : null}
          </div>
          {rows.length === 0 ? (
            <p>Ingen hændelser matcher filtrene.</p>
          ) : (
            <div className="pp-table-wrap">
              <table className="table table--zebra table--compact">
                <caption className="sr-only">Hændelser, nyeste først</caption>
                <thead>
                  <tr>
                    <th scope="col">Tidspunkt</th>
                    <th scope="col">Hvem</th>
                    <th scope="col">Handling</th>
                    <th scope="col">Objekt</th>
                    <th scope="col">Ændringer</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.id}>
                      <td style={{ whiteSpace: "nowrap" }}>
                        <time dateTime={new Date(r.at).toISOString()}>{formatDateTime(r.at)}</time>
                      </td>
                      <td>
                        {r.who}
                        {r.role ? <span className="pp-muted"> · {r.role}</span> : null}
                        {r.email ? <div className="pp-muted">{r.email}</div> : null}
                      </td>
                      <td>{r.actionLabel}</td>
                      <td>
                        {r.entityType}
                        {r.entity ? <div className="pp-muted">{r.entity}</div> : null}
                      </td>
                      <td>
                        {r.changes.length > 0 ? (
                          <details>
                            <summary>
                              {r.changes.length === 1 ? "1 ændring" : `${r.changes.length} ændringer`}
                            </summary>
                            <ChangeList changes={r.changes} />
                          </details>
                        ) : (
                          <span className="pp-muted">Ingen ændrede felter</span>
                        )}
                        <div>
                          <Link to={`/admin/audit/${r.id}`}>Se hele posten</Link>
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pagination page={page} pageCount={pageCount} />
        </>
      )}
    </>
  );
}


function ChangeList({ changes }: { changes: FieldChange[] }) {
  return (
    <ul className="pp-changes">
      {changes.map((c, i) => (
        <li key={i}>
          <strong>{c.field}:</strong>{" "}
          {c.before === null ? c.after : c.after === null ? `${c.before} (fjernet)` : `${c.before} → ${c.after}`}
        </li>
      ))}
    </ul>
  );
}
