// Advisory programmes (rådgivningsforløb): the ministry sees all, an advisor their assigned
// ones, a municipality its own (the scope in the query decides).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { appNow } from "~/domain/clock/clock.server";
import { INTENSITY_LABELS, PROGRAMME_STATUS_LABELS } from "~/domain/programmes/programme-constants";
import { listProgrammes } from "~/domain/programmes/queries.server";
import { audienceOf, can } from "~/policy/permissions";
import { copenhagenDateString, formatDate } from "~/utils/dates";

export const meta: MetaFunction = () => [{ title: "Rådgivningsforløb · Puljeportal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "programme:read");
  const db = await getDb();
  const today = copenhagenDateString(await appNow(db));
  const rows = await listProgrammes(db, actor, today);
  return {
    audience: audienceOf(actor),
    canCreate: can(actor, "programme:create"),
    rows: rows.map((r) => ({
      ...r,
      period: `${formatDate(r.startsOn)} – ${formatDate(r.plannedEndOn)}`,
      intensity: INTENSITY_LABELS[r.intensity],
      status: PROGRAMME_STATUS_LABELS[r.status],
    })),
  };
}

const headings = { ministry: "Rådgivningsforløb", advisor: "Mine rådgivningsforløb", municipality: "Vores rådgivningsforløb", none: "Rådgivningsforløb" };

export default function Programmes() {
  const { audience, canCreate, rows } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{headings[audience]}</h1>
      <p>
        Skræddersyede rådgivningsforløb for kommunerne med tilsagn, leveret af Social- og Boligstyrelsen og Ankestyrelsen.{" "}
        <Link to="/programmes/sessions">Tværkommunale læringsseminarer</Link>
      </p>
      {canCreate ? (
        <p>
          <Link className="button button-secondary" to="/programmes/new">
            Opret rådgivningsforløb
          </Link>
        </p>
      ) : null}
      {rows.length === 0 ? (
        <p>{audience === "advisor" ? "Du er ikke tilknyttet et rådgivningsforløb endnu." : "Der er ingen rådgivningsforløb endnu."}</p>
      ) : (
        <div className="pp-table-wrap">
          <table className="table table--zebra table--compact">
            <caption className="sr-only">Rådgivningsforløb</caption>
            <thead>
              <tr>
                <th scope="col">Kommune</th>
                <th scope="col">Periode</th>
                <th scope="col">Styrelser</th>
                <th scope="col">Rådgivere</th>
                <th scope="col">Intensitet</th>
                <th scope="col">Status</th>
                <th scope="col" className="pp-num">Milepæle gennemført</th>
                <th scope="col" className="pp-num">Overskredne</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <Link to={`/programmes/${r.id}`}>{r.municipalityName}</Link>
                  </th>
                  <td>{r.period}</td>
                  <td>
                    {r.leadAgency} (ledende), {r.partnerAgency}
                  </td>
                  <td>{r.advisors.join(", ")}</td>
                  <td>{r.intensity}</td>
                  <td>{r.status}</td>
                  <td className="pp-num">
                    {r.done} af {r.milestones}
                  </td>
                  <td className="pp-num">{r.overdue > 0 ? <span className="pp-badge pp-badge-bad">{r.overdue}</span> : "0"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
