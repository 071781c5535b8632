import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { revokeInvitationSchema, ROLE_VALUES, userListQuerySchema } from "~/auth/account-schemas";
import { found, requirePermission } from "~/auth/guards.server";
import { listOpenInvitations, revokeInvitation } from "~/auth/invitations.server";
import { listUsers } from "~/auth/users.server";
import { Alert } from "~/components/form";
import { Pagination } from "~/components/pagination";
import { getDb } from "~/db.server";
import { roleLabel, roleLabels } from "~/policy/permissions";
import { formatDateTime, formatDeadline } from "~/utils/dates";
import { parseForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "Brugere · Puljeportal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "users:manage");
  const db = await getDb();
  const url = new URL(request.url);
  const query = userListQuerySchema.parse(Object.fromEntries(url.searchParams));
  const [users, invitations] = await Promise.all([listUsers(db, query), listOpenInvitations(db)]);
  const revokeId = Number(url.searchParams.get("revoke"));
  const toRevoke = invitations.find((i) => i.id === revokeId && !i.expired) ?? null;
  return {
    query,
    users: {
      ...users,
      rows: users.rows.map((u) => ({
        ...u,
        role: u.role ? roleLabel(u.role) : "Ingen rolle",
        organisation: u.municipalityName ?? u.agencyName ?? "",
        lastSignIn: u.lastSignIn ? formatDateTime(u.lastSignIn) : null,
      })),
    },
    invitations: invitations.map((i) => ({
      id: i.id,
      name: i.name,
      email: i.email,
      role: roleLabel(i.role),
      organisation: i.municipalityName ?? i.agencyName ?? "",
      expires: formatDeadline(i.expiresAt),
      expired: i.expired,
    })),
    toRevoke: toRevoke ? { id: toRevoke.id, name: toRevoke.name, email: toRevoke.email } : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "users:manage");
  const parsed = parseForm(await request.formData(), revokeInvitationSchema);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const result = await revokeInvitation(await getDb(), actor, parsed.data.invitationId);
  found(result.ok ? result : null, "Invitationen findes ikke eller er allerede brugt eller tilbagekaldt.");
  throw redirect("/admin/users?revoked=1");
}

export default function AdminUsers() {
  const { query, users, invitations, toRevoke } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  // Only a forged or garbled revoke form gets here (the buttons send valid ones): say so.
  const failure = useActionData<typeof action>();
  return (
    <>
      <h1>Brugere</h1>
      {failure && !failure.ok ? (
        <Alert kind="error" heading="Invitationen blev ikke tilbagekaldt">
          {Object.values(failure.errors)[0] ?? "Formularen kunne ikke læses. Prøv igen."}
        </Alert>
      ) : null}
      {params.get("revoked") === "1" ? <Alert kind="success" heading="Invitationen er tilbagekaldt" /> : null}
      {params.get("invited") === "1" ? (
        <Alert kind="success" heading="Invitationen er sendt">
          Personen får en e-mail med et link, der virker i 7 dage.
        </Alert>
      ) : null}
      <div className="pp-actions">
        <Link to="/admin/users/invite" className="button button-primary">
          Invitér bruger
        </Link>
      </div>

      <Form method="get" className="pp-filters" role="search" aria-label="Søg i brugere">
        <div className="form-group">
          <label className="form-label" htmlFor="q">
            Søg på navn eller e-mail
          </label>
          <input id="q" name="q" type="search" className="form-input" defaultValue={query.q} maxLength={100} />
        </div>
        <div className="form-group">
          <label className="form-label" htmlFor="role">
            Rolle
          </label>
          <select id="role" name="role" className="form-select" defaultValue={query.role ?? ""}>
            <option value="">Alle roller</option>
            {ROLE_VALUES.map((r) => (
              <option key={r} value={r}>
                {roleLabels[r]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button-secondary">
          Søg
        </button>
      </Form>

      {users.rows.length === 0 ? (
        <p>Ingen brugere matcher søgningen.</p>
      ) : (
        <div className="pp-table-wrap">
          <table className="table table--zebra table--compact">
            <caption className="sr-only">Brugere, side {users.page} af {users.pageCount}</caption>
            <thead>
              <tr>
                <th scope="col">Navn</th>
                <th scope="col">E-mail</th>
                <th scope="col">Rolle</th>
                <th scope="col">Organisation</th>
                <th scope="col">Status</th>
                <th scope="col">Seneste login</th>
              </tr>
            </thead>
            <tbody>
              {users.rows.map((u) => (
                <tr key={u.id}>
                  <td>
                    <Link to={`/admin/users/${u.id}`}>{u.name}</Link>
                  </td>
                  <td>{u.email}</td>
                  <td>{u.role}</td>
                  <td>{u.organisation}</td>
                  <td>
                    {u.status === "active" ? (
                      <span className="pp-badge pp-badge-ok">Aktiv</span>
                    ) : (
                      <span className="pp-badge pp-badge-bad">Deaktiveret</span>
                    )}
                  </td>
                  <td>{u.lastSignIn ?? "Aldrig"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {users.pageCount > 1 ? <p className="pp-muted">{users.total} brugere</p> : null}
      <Pagination page={users.page} pageCount={users.pageCount} drop={["revoke", "revoked", "invited"]} />

      <h2>Åbne invitationer</h2>
      {toRevoke ? (
        <div className="alert alert-warning" role="status">
          <div className="alert-body">
            <p className="alert-heading">Tilbagekald invitationen til {toRevoke.name}?</p>
            <div className="alert-text">
              <p>Linket, der er sendt til {toRevoke.email}, holder op med at virke.</p>
              <Form method="post" className="pp-actions">
                <input type="hidden" name="intent" value="revoke-invitation" />
                <input type="hidden" name="invitationId" value={toRevoke.id} />
                <button type="submit" className="button button-primary">
                  Ja, tilbagekald
                </button>
                <Link to="/admin/users">Fortryd</Link>
              </Form>
            </div>
          </div>
        </div>
      ) : null}
      {invitations.length === 0 ? (
        <p>Der er ingen åbne invitationer.</p>
      ) : (
        <div className="pp-table-wrap">
          <table className="table table--zebra table--compact">
            <thead>
              <tr>
                <th scope="col">Navn</th>
                <th scope="col">E-mail</th>
                <th scope="col">Rolle</th>
                <th scope="col">Udløber</th>
                <th scope="col">
                  <span className="sr-only">Handling</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {invitations.map((i) => (
                <tr key={i.id}>
                  <td>{i.name}</td>
                  <td>{i.email}</td>
                  <td>
                    {i.role}
                    {i.organisation ? ` · ${i.organisation}` : ""}
                  </td>
                  <td>{i.expired ? <span className="pp-badge pp-badge-warn">Udløbet {i.expires}</span> : i.expires}</td>
                  <td>
                    {i.expired ? null : (
                      <Link to={`?revoke=${i.id}`} aria-label={`Tilbagekald invitationen til ${i.name}`}>
                        Tilbagekald
                      </Link>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
