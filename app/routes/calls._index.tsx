import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { isEditableByMunicipality, statusLabelFor, statusLabels } from "~/domain/applications/status";
import { deadlineCountdown } from "~/domain/calls/call-schema";
import { listCallsFor } from "~/domain/calls/queries.server";
import { acceptsSubmissions } from "~/domain/calls/deadline";
import { getDb } from "~/db.server";
import { audienceOf, can } from "~/policy/permissions";
import { formatDeadline, formatLongDate } from "~/utils/dates";
import type { ApplicationStatus } from "~/domain/applications/application-constants";
import { appNow } from "~/domain/clock/clock.server";

export const meta: MetaFunction = () => [{ title: "Opslag · Puljeportal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "call:read");
  const db = await getDb();
  const list = await listCallsFor(db, actor);
  const now = await appNow(db);
  if (list.kind === "ministry") {
    return {
      kind: "ministry" as const,
      canManage: can(actor, "call:manage"),
      calls: list.calls.map((c) => ({
        id: c.id,
        title: c.title,
        status: c.status,
        deadline: formatDeadline(c.deadline),
        open: acceptsSubmissions(c, now),
        applicationCount: c.applicationCount,
        byStatus: Object.entries(c.applicationsByStatus) as [ApplicationStatus, number][],
      })),
    };
  }
  const rows = list.calls.map((c) => ({
    id: c.id,
    title: c.title,
    deadline: formatDeadline(c.deadline),
    period: `${formatLongDate(c.projectStart)} – ${formatLongDate(c.projectEnd)}`,
    countdown: deadlineCountdown(c.deadline, now),
    open: acceptsSubmissions(c, now),
    applicationId: c.applicationId,
    applicationStatusLabel: c.applicationStatus ? statusLabelFor(c.applicationStatus, audienceOf(actor)) : null,
    applicationEditable: c.applicationStatus ? isEditableByMunicipality(c.applicationStatus) : false,
  }));
  return {
    kind: "municipality" as const,
    municipalityName: actor.municipalityName,
    canApply: can(actor, "application:create"),
    open: rows.filter((r) => r.open),
    // Closed calls are only worth showing where the municipality took part.
    past: rows.filter((r) => !r.open && r.applicationId !== null),
  };
}

export default function CallsIndex() {
  const data = useLoaderData<typeof loader>();
  return data.kind === "ministry" ? <MinistryCalls data={data} /> : <MunicipalityCalls data={data} />;
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function MinistryCalls({ data }: { data: Extract<LoaderData, { kind: "ministry" }> }) {
  return (
    <>
      <h1>Opslag</h1>
      {data.canManage ? (
        <div className="pp-actions">
          <Link className="button button-primary" to="/calls/new">Opret opslag</Link>
        </div>
      ) : null}
      {data.calls.length === 0 ? (
        <p>Der er ingen opslag endnu. Opret det første opslag på puljen.</p>
      ) : (
        <div className="pp-table-wrap">
          <table className="table table--zebra">
            <thead>
              <tr>
                <th scope="col">Titel</th>
                <th scope="col">Status</th>
                <th scope="col">Ansøgningsfrist</th>
                <th scope="col" className="pp-num">Ansøgninger</th>
              </tr>
            </thead>
            <tbody>
              {data.calls.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/calls/${c.id}`}>{c.title}</Link>
                  </td>
                  <td>
                    {c.status === "draft" ? (
                      <span className="pp-badge pp-badge-warn">Kladde</span>
                    ) : c.open ? (
                      <span className="pp-badge pp-badge-ok">Åben</span>
                    ) : (
                      <span className="pp-badge">Frist overskredet</span>
                    )}
                  </td>
                  <td>{c.deadline}</td>
                  <td className="pp-num">
                    {c.applicationCount > 0 ? (
                      <Link to={`/applications?call=${c.id}`}>{c.applicationCount}</Link>
                    ) : (
                      0
                    )}
                    {c.byStatus.length > 0 ? (
                      <div className="pp-muted">
                        {c.byStatus.map(([status, n]) => `${n} ${statusLabels[status].toLowerCase()}`).join(", ")}
                      </div>
                    ) : null}
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

function MunicipalityCalls({ data }: { data: Extract<LoaderData, { kind: "municipality" }> }) {
  return (
    <>
      <h1>Opslag</h1>
      <h2>Åbne opslag, {data.municipalityName ?? "I"} kan søge</h2>
      {data.open.length === 0 ? (
        <p>Der er ingen åbne opslag, som jeres kommune kan søge lige nu.</p>
      ) : (
        <div className="pp-cards">
          {data.open.map((c) => (
            <section key={c.id} className="pp-card" aria-labelledby={`call-${c.id}`}>
              <h3 id={`call-${c.id}`}>
                <Link to={`/calls/${c.id}`}>{c.title}</Link>
              </h3>
              <p>
                <strong>{c.countdown}</strong>
                <br />
                Frist: {c.deadline}
                <br />
                <span className="pp-muted">Projektperiode {c.period}</span>
              </p>
              <CallAction call={c} canApply={data.canApply} />
            </section>
          ))}
        </div>
      )}
      <h2>Tidligere opslag, I har søgt</h2>
      {data.past.length === 0 ? (
        <p>I har ikke søgt tidligere opslag.</p>
      ) : (
        <div className="pp-table-wrap">
          <table className="table table--zebra">
            <thead>
              <tr>
                <th scope="col">Opslag</th>
                <th scope="col">Frist</th>
                <th scope="col">Jeres ansøgning</th>
              </tr>
            </thead>
            <tbody>
              {data.past.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/calls/${c.id}`}>{c.title}</Link>
                  </td>
                  <td>{c.deadline}</td>
                  <td>
                    <Link to={`/applications/${c.applicationId}`}>
                      {c.applicationStatusLabel ?? "Se ansøgningen"}
                    </Link>
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

type MunicipalityRow = Extract<LoaderData, { kind: "municipality" }>["open"][number];

function CallAction({ call, canApply }: { call: MunicipalityRow; canApply: boolean }) {
  if (call.applicationId !== null) {
    const editable = call.applicationEditable;
    return (
      <Link className="button button-primary" to={`/applications/${call.applicationId}`}>
        {editable ? "Fortsæt ansøgningen" : "Se ansøgningen"}
      </Link>
    );
  }
  if (!canApply) return null;
  return (
    <Form method="post" action={`/calls/${call.id}/apply`}>
      <button type="submit" className="button button-primary">
        Start ansøgning<span className="sr-only">: {call.title}</span>
      </button>
    </Form>
  );
}
