import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { Alert } from "~/components/form";
import { Pagination } from "~/components/pagination";
import { getDb } from "~/db.server";
import { getEnv } from "~/env.server";
import { countByStatus, listOutbox } from "~/mail/queries.server";
import { MAIL_STATUSES, mailStatusLabels, type MailStatus } from "~/mail/status";
import { formatDateTime } from "~/utils/dates";
import { pageParam } from "~/utils/paging";

export const meta: MetaFunction = () => [{ title: "E-post · Puljeportal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "mail:read");
  const url = new URL(request.url);
  const rawStatus = url.searchParams.get("status") ?? "";
  const status = (MAIL_STATUSES as readonly string[]).includes(rawStatus) ? (rawStatus as MailStatus) : undefined;
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 200);
  const db = await getDb();
  const [counts, list] = [await countByStatus(db), await listOutbox(db, { status, q: q || undefined, page: pageParam(url.searchParams) })];
  return { counts, ...list, status: status ?? "", q, smtpConfigured: Boolean(getEnv().SMTP_URL) };
}

const badge: Record<MailStatus, string> = { queued: "pp-badge-warn", sent: "pp-badge-ok", failed: "pp-badge-bad" };

export default function MailOutbox() {
  const { counts, rows, total, pages, status, q, page, smtpConfigured } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>E-post</h1>
      {smtpConfigured ? null : (
        <Alert kind="info" heading="Udbakke uden afsendelse">
          Der er ikke sat en SMTP-server op (SMTP_URL). E-post bliver i udbakken og kan læses her.
        </Alert>
      )}
      <div className="pp-cards">
        {MAIL_STATUSES.map((s) => (
          <div className="pp-card" key={s}>
            <h2 className="h4">{mailStatusLabels[s]}</h2>
            <p className="pp-num" style={{ textAlign: "left", fontSize: "2.4rem" }}>
              <Link to={`?status=${s}`}>{counts[s]}</Link>
            </p>
          </div>
        ))}
      </div>
      <Form method="get" className="pp-filters" role="search">
        <div className="form-group">
          <label className="form-label" htmlFor="status">
            Status
          </label>
          <select className="form-select" id="status" name="status" defaultValue={status}>
            <option value="">Alle</option>
            {MAIL_STATUSES.map((s) => (
              <option key={s} value={s}>
                {mailStatusLabels[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label className="form-label" htmlFor="q">
            Søg i modtager eller emne
          </label>
          <input className="form-input" id="q" name="q" type="search" defaultValue={q} maxLength={200} />
        </div>
        <button type="submit" className="button button-secondary">
          Søg
        </button>
      </Form>
      <p>
        {total === 1 ? "1 e-mail" : `${total} e-mails`}
        {pages > 1 ? ` · side ${page} af ${pages}` : ""}
      </p>
      {rows.length === 0 ? (
        <p>Ingen e-post matcher søgningen.</p>
      ) : (
        <div className="pp-table-wrap">
          <table className="table table--zebra table--compact">
            <thead>
              <tr>
                <th scope="col">Oprettet</th>
                <th scope="col">Modtager</th>
                <th scope="col">Emne</th>
                <th scope="col">Status</th>
                <th scope="col" className="pp-num">
                  Fejlede forsøg
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((m) => (
                <tr key={m.id}>
                  <td>{formatDateTime(m.createdAt)}</td>
                  <td>{m.toAddress}</td>
                  <td>
                    <Link to={`/admin/mail/${m.id}`}>{m.subject}</Link>
                  </td>
                  <td>
                    <span className={`pp-badge ${badge[m.status]}`}>{mailStatusLabels[m.status]}</span>
                  </td>
                  <td className="pp-num">{m.attempts}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pageCount={pages} />
    </>
  );
}
