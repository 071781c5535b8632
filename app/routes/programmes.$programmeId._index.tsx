// One advisory programme: its plan (period, intensity, agencies, advisors, focus areas with
// themes) and its milestones, flagged when overdue or after the initiative's end.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { found, requirePermission } from "~/auth/guards.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { Alert } from "~/components/form";
import { MilestoneBadge } from "~/components/programmes/milestone-badge";
import { getDb } from "~/db.server";
import { appNow } from "~/domain/clock/clock.server";
import { INTENSITY_LABELS, PROGRAMME_STATUS_LABELS, THEME_LABELS, type Theme } from "~/domain/programmes/programme-constants";
import { lengthInMonths } from "~/domain/programmes/programme-rules";
import { getProgramme } from "~/domain/programmes/queries.server";
import { can } from "~/policy/permissions";
import { ClosedPoolNotice } from "~/components/pools/closed-pool-notice";
import { closedPoolOf } from "~/domain/pools/close-out.server";
import { copenhagenDateString, formatDate } from "~/utils/dates";
import { idParam } from "~/utils/params.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Rådgivningsforløb ${data?.municipalityName ?? ""} · Puljeportal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "programme:read");
  const db = await getDb();
  const today = copenhagenDateString(await appNow(db));
  const p = found(await getProgramme(db, actor, idParam(params.programmeId), today), "Rådgivningsforløbet findes ikke.");
  const closed = await closedPoolOf(db, "programme", p.programme.id);
  const themes = (list: string[]) => list.map((t) => THEME_LABELS[t as Theme] ?? t).join(", ");
  return {
    id: p.programme.id,
    municipalityName: p.municipalityName,
    period: `${formatDate(p.programme.startsOn)} – ${formatDate(p.programme.plannedEndOn)}`,
    months: lengthInMonths(p.programme.startsOn, p.programme.plannedEndOn),
    lengthReason: p.programme.lengthReason,
    intensity: INTENSITY_LABELS[p.programme.intensity],
    status: PROGRAMME_STATUS_LABELS[p.programme.status],
    leadAgency: p.leadAgency,
    partnerAgency: p.partnerAgency,
    templateName: p.templateName,
    initiativeEndsOn: p.initiativeEndsOn ? formatDate(p.initiativeEndsOn) : null,
    grantId: p.programme.grantId,
    showGrant: can(actor, "grant:read"),
    canLog: can(actor, "milestone:log") && !closed,
    closed,
    advisors: p.advisors.map((a) => ({ id: a.userId, name: a.name, agency: a.agency })),
    focusAreas: p.focusAreas.map((f) => ({ id: f.id, name: f.name, themes: themes(f.themes) })),
    milestones: p.milestones.map((m) => ({
      id: m.id,
      title: m.title,
      themes: themes(m.themes),
      plannedOn: formatDate(m.plannedOn),
      actualOn: m.actualOn ? formatDate(m.actualOn) : "",
      status: m.status,
      statusReason: m.statusReason,
      overdue: m.overdue,
      afterInitiativeEnd: m.afterInitiativeEnd,
      comments: m.comments,
    })),
    overdue: p.milestones.filter((m) => m.overdue).length,
  };
}

export default function Programme() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumbs trail={[{ to: "/programmes", label: "Rådgivningsforløb" }]} current={d.municipalityName} />
      <h1>Rådgivningsforløb: {d.municipalityName}</h1>
      <ClosedPoolNotice closed={d.closed} />
      {d.overdue > 0 ? (
        <Alert kind="warning" heading="Overskredne milepæle">
          <p>
            {d.overdue === 1 ? "1 milepæl" : `${d.overdue} milepæle`} har passeret den planlagte dato uden at være gennemført eller aflyst.
          </p>
        </Alert>
      ) : null}
      <dl className="pp-facts">
        <dt>Periode</dt>
        <dd>
          {d.period} (ca. {d.months} måneder)
        </dd>
        {d.lengthReason ? (
          <>
            <dt>Begrundelse for længden</dt>
            <dd>{d.lengthReason}</dd>
          </>
        ) : null}
        <dt>Intensitet</dt>
        <dd>{d.intensity}</dd>
        <dt>Status</dt>
        <dd>{d.status}</dd>
        <dt>Ledende styrelse</dt>
        <dd>{d.leadAgency}</dd>
        <dt>Samarbejdende styrelse</dt>
        <dd>{d.partnerAgency}</dd>
        <dt>Rådgivere</dt>
        <dd>{d.advisors.map((a) => `${a.name} (${a.agency})`).join(", ")}</dd>
        {d.templateName ? (
          <>
            <dt>Skabelon</dt>
            <dd>{d.templateName}</dd>
          </>
        ) : null}
        {d.initiativeEndsOn ? (
          <>
            <dt>Initiativet slutter</dt>
            <dd>{d.initiativeEndsOn}</dd>
          </>
        ) : null}
        {d.showGrant ? (
          <>
            <dt>Tilsagn</dt>
            <dd>
              <Link to={`/grants/${d.grantId}`}>Se tilsagnet</Link>
            </dd>
          </>
        ) : null}
      </dl>

      <h2>Fokusområder</h2>
      <ul>
        {d.focusAreas.map((f) => (
          <li key={f.id}>
            <strong>{f.name}</strong>
            {f.themes ? <span className="pp-muted"> – temaer: {f.themes}</span> : null}
          </li>
        ))}
      </ul>

      <h2 id="milepaele">Milepæle</h2>
      <div className="pp-table-wrap">
        <table className="table table--zebra table--compact">
          <caption className="sr-only">Milepæle i forløbet</caption>
          <thead>
            <tr>
              <th scope="col">Milepæl</th>
              <th scope="col">Planlagt</th>
              <th scope="col">Faktisk</th>
              <th scope="col">Status</th>
              <th scope="col">Temaer</th>
              <th scope="col" className="pp-num">Kommentarer</th>
            </tr>
          </thead>
          <tbody>
            {d.milestones.map((m) => (
              <tr key={m.id}>
                <th scope="row">
                  <Link to={`/programmes/${d.id}/milestones/${m.id}`}>{m.title}</Link>
                </th>
                <td>{m.plannedOn}</td>
                <td>{m.actualOn}</td>
                <td>
                  <MilestoneBadge status={m.status} overdue={m.overdue} afterInitiativeEnd={m.afterInitiativeEnd} />
                  {m.statusReason ? <div className="pp-muted">{m.statusReason}</div> : null}
                </td>
                <td>{m.themes}</td>
                <td className="pp-num">{m.comments}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <Link to="/programmes/sessions">Tværkommunale læringsseminarer</Link>
      </p>
    </>
  );
}
