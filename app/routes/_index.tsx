import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/auth/guards.server";
import { statusLabelFor } from "~/domain/applications/status";
import { ministryStart, municipalityStart } from "~/domain/start/start-page.server";
import { getDb } from "~/db.server";
import { audienceOf } from "~/policy/permissions";
import { copenhagenDateString, formatDate, formatDeadline, formatDateTime } from "~/utils/dates";
import { formatMillions, formatOre } from "~/utils/money";
import { appNow } from "~/domain/clock/clock.server";
import { overdueMilestones } from "~/domain/timeline/reminders.server";
import { listProgrammes } from "~/domain/programmes/queries.server";
import { openDueDates } from "~/domain/reports/queries.server";
import { REPORT_DUE_KIND_LABELS, REPORT_STATUS_LABELS } from "~/domain/reports/report-constants";
import { isOverdue as reportOverdue } from "~/domain/reports/report-rules";

export const meta: MetaFunction = () => [{ title: "Forside · Puljeportal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const db = await getDb();
  switch (audienceOf(actor)) {
    case "ministry": {
      const [start, overdue] = await Promise.all([ministryStart(db), appNow(db).then((now) => overdueMilestones(db, copenhagenDateString(now)))]);
      return { kind: "ministry" as const, name: actor.name, ...start, overdue };
    }
    case "municipality": {
      // The due dates do not wait for the clock and the start page's reads (issue 19).
      const [{ now, start }, dueDates] = await Promise.all([
        appNow(db).then(async (now) => ({ now, start: await municipalityStart(db, actor, now) })),
        openDueDates(db, actor),
      ]);
      const today = copenhagenDateString(now);
      const reports = dueDates.map((r) => ({
        key: r.dueDateId,
        grantId: r.grantId,
        reportId: r.reportId,
        label: r.label || REPORT_DUE_KIND_LABELS[r.kind],
        dueOn: r.dueOn,
        status: r.status ? REPORT_STATUS_LABELS[r.status] : "Ikke påbegyndt",
        overdue: reportOverdue(r.dueOn, r.status, today),
      }));
      // Labels decided on the server: the internal status never reaches a municipality's browser.
      return {
        kind: "municipality" as const,
        name: actor.name,
        municipality: actor.municipalityName,
        total: start.total,
        openCalls: start.openCalls.map(({ applicationStatus, ...c }) => ({
          ...c,
          applicationStatusLabel: applicationStatus ? statusLabelFor(applicationStatus, "municipality") : null,
        })),
        own: start.own.map(({ status, ...a }) => ({ ...a, statusLabel: statusLabelFor(status, "municipality") })),
        reports,
      };
    }
    case "advisor": {
      const today = copenhagenDateString(await appNow(db));
      const programmes = await listProgrammes(db, actor, today);
      return {
        kind: "advisor" as const,
        name: actor.name,
        agency: actor.agencyName,
        programmes: programmes.map((p) => ({
          id: p.id,
          municipalityName: p.municipalityName,
          period: `${formatDate(p.startsOn)} – ${formatDate(p.plannedEndOn)}`,
          done: p.done,
          milestones: p.milestones,
          overdue: p.overdue,
        })),
      };
    }
    default:
      return { kind: "none" as const, name: actor.name };
  }
}

export default function Index() {
  const data = useLoaderData<typeof loader>();
  switch (data.kind) {
    case "ministry":
      return <MinistryStart data={data} />;
    case "municipality":
      return <MunicipalityStart data={data} />;
    case "advisor":
      return (
        <>
          <h1>Velkommen, {data.name}</h1>
          <p className="font-lead">Rådgiver i {data.agency}</p>
          <h2>Dine rådgivningsforløb</h2>
          {data.programmes.length === 0 ? (
            <p>Du er ikke tilknyttet et rådgivningsforløb endnu. Når ministeriet tilknytter dig et forløb, vises det her med planen og milepælene.</p>
          ) : (
            <ul>
              {data.programmes.map((p) => (
                <li key={p.id}>
                  <Link to={`/programmes/${p.id}`}>{p.municipalityName}</Link> · {p.period} · {p.done} af {p.milestones} milepæle gennemført
                  {p.overdue > 0 ? <> · <span className="pp-badge pp-badge-bad">{p.overdue} overskredet</span></> : null}
                </li>
              ))}
            </ul>
          )}
        </>
      );
    default:
      return (
        <>
          <h1>Velkommen</h1>
          <p>Din bruger har ingen rolle i Puljeportal. Kontakt ministeriet.</p>
        </>
      );
  }
}

type MinistryData = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { kind: "ministry" }>;
function MinistryStart({ data }: { data: MinistryData }) {
  return (
    <>
      <h1>Velkommen, {data.name}</h1>
      <div className="pp-cards">
        {data.pools.map((p) => (
          <section className="pp-card" key={p.id} aria-labelledby={`pool-${p.id}`}>
            <h2 className="h3" id={`pool-${p.id}`}>{p.name}</h2>
            <p className="pp-muted">Finanslov {p.financeLine} · initiativet slutter {formatDate(p.endsOn)}</p>
            <dl>
              <dt>Puljens ramme</dt>
              <dd>{formatMillions(p.totalOre)} ({formatOre(p.totalOre)})</dd>
              <dt>Givet tilsagn om</dt>
              <dd>{formatOre(p.allocatedOre)}</dd>
              <dt>Ikke disponeret</dt>
              <dd>{formatOre(BigInt(p.totalOre) - BigInt(p.allocatedOre))}</dd>
            </dl>
            <p><Link to="/grants">Se tilsagn</Link></p>
          </section>
        ))}
      </div>
      <OverdueMilestones overdue={data.overdue} />
      <h2>Opslag</h2>
      {data.calls.length === 0 ? (
        <p>Der er ingen opslag endnu. <Link to="/calls/new">Opret et opslag</Link>.</p>
      ) : (
        <div className="pp-table-wrap">
          <table className="table table--zebra">
            <thead>
              <tr>
                <th scope="col">Opslag</th>
                <th scope="col">Frist</th>
                <th scope="col" className="pp-num">Indsendt</th>
                <th scope="col" className="pp-num">Afventer formalia</th>
                <th scope="col" className="pp-num">Kladder</th>
              </tr>
            </thead>
            <tbody>
              {data.calls.map((c) => (
                <tr key={c.id}>
                  <td><Link to={`/calls/${c.id}`}>{c.title}</Link>{c.status === "draft" ? " (kladde)" : ""}</td>
                  <td>{formatDeadline(c.deadline)}</td>
                  <td className="pp-num"><Link to={`/applications?call=${c.id}`}>{c.submitted}</Link></td>
                  <td className="pp-num">{c.awaitingFormalia}</td>
                  <td className="pp-num">{c.drafts}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function OverdueMilestones({ overdue }: { overdue: MinistryData["overdue"] }) {
  if (overdue.total === 0) return null;
  return (
    <section aria-labelledby="overdue-milestones" data-testid="overdue-milestones">
      <h2 id="overdue-milestones">Overskredne milepæle ({overdue.total})</h2>
      <p>Milepæle, hvis planlagte dato er passeret, uden at de er gennemført eller aflyst. De tilknyttede rådgivere får én påmindelse pr. milepæl og dato.</p>
      <ul>
        {overdue.rows.map((m) => (
          <li key={m.id}>
            <Link to={`/programmes/${m.programmeId}`}>{m.municipalityName}: {m.title}</Link> · planlagt {formatDate(m.plannedOn)} · {m.statusLabel}
          </li>
        ))}
      </ul>
      {overdue.total > overdue.rows.length ? <p>Og {overdue.total - overdue.rows.length} flere.</p> : null}
      <p><Link to="/programmes/timeline">Se alle forløb på tidslinjen</Link></p>
    </section>
  );
}

type MunicipalityData = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { kind: "municipality" }>;
function MunicipalityStart({ data }: { data: MunicipalityData }) {
  return (
    <>
      <h1>Velkommen, {data.name}</h1>
      <p className="font-lead">{data.municipality}</p>
      <h2>Åbne opslag</h2>
      {data.openCalls.length === 0 ? (
        <p>Der er ingen åbne opslag, som jeres kommune kan søge lige nu.</p>
      ) : (
        <ul className="nobullet-list">
          {data.openCalls.map((c) => (
            <li key={c.id} className="pp-card">
              <h3 className="h4"><Link to={`/calls/${c.id}`}>{c.title}</Link></h3>
              <p>Ansøgningsfrist: {formatDeadline(c.deadline)}</p>
              {c.applicationId ? (
                <p>
                  Jeres ansøgning: {c.applicationStatusLabel} · <Link to={`/applications/${c.applicationId}`}>Åbn ansøgningen</Link>
                </p>
              ) : (
                <p><Link to={`/calls/${c.id}`}>Læs opslaget og start en ansøgning</Link></p>
              )}
            </li>
          ))}
        </ul>
      )}
      <h2>Jeres ansøgninger</h2>
      {data.own.length === 0 ? (
        <p>I har ingen ansøgninger endnu.</p>
      ) : (
        <table className="table table--zebra">
          <thead>
            <tr>
              <th scope="col">Opslag</th>
              <th scope="col">Status</th>
              <th scope="col" className="pp-num">Ansøgt beløb</th>
              <th scope="col">Senest ændret</th>
            </tr>
          </thead>
          <tbody>
            {data.own.map((a) => (
              <tr key={a.id}>
                <td><Link to={`/applications/${a.id}`}>{a.callTitle}</Link></td>
                <td>{a.statusLabel}</td>
                <td className="pp-num">{formatOre(a.requestedOre)}</td>
                <td>{formatDateTime(a.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Jeres statusrapporter</h2>
      {data.reports.length === 0 ? (
        <p>I har ingen statusrapporter, der venter.</p>
      ) : (
        <ul>
          {data.reports.map((r) => (
            <li key={r.key}>
              <Link to={r.reportId ? `/reports/${r.reportId}` : `/grants/${r.grantId}/reports`}>{r.label}</Link> · frist {formatDate(r.dueOn)} · {r.status}
              {r.overdue ? <strong> (overskredet)</strong> : null}
            </li>
          ))}
        </ul>
      )}
      <p><Link to="/reports">Alle jeres statusrapporter</Link></p>
    </>
  );
}
