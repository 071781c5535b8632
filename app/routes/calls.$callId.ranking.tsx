import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { found, requirePermission } from "~/auth/guards.server";
import { idParam } from "~/utils/params.server";
import { FormaliaBadge, StatusBadge } from "~/components/assessment-badges";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { Alert } from "~/components/form";
import { getDb } from "~/db.server";
import { getCallRanking } from "~/domain/assessment/ranking.server";
import { cutoffText, formatNeedIndex, formatScore, rankingAgainstPool } from "~/domain/assessment/scoring";
import { formatDeadline } from "~/utils/dates";
import { formatMillions, formatOre } from "~/utils/money";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: `Rangering${d ? ` · ${d.call.title}` : ""} · Puljeportal` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "application:read:any");
  const ranking = found(await getCallRanking(await getDb(), idParam(params.callId)));
  const pool = rankingAgainstPool(ranking.rows, ranking.call.poolTotalOre);
  return { call: ranking.call, ...pool, unranked: ranking.rows.filter((r) => r.rank === null).length };
}

export default function Ranking() {
  const { call, lines, cutoffIndex, totalOre, unranked } = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumbs trail={[{ to: "/calls", label: "Opslag" }, { to: `/calls/${call.id}`, label: call.title }]} current="Rangering" />
      <h1>Rangering: {call.title}</h1>
      <p>
        Indsendte ansøgninger ordnet efter behovsindeks (rang 1 = størst behov), derefter vægtet score. Ansøgningsfrist{" "}
        {formatDeadline(call.deadline)}.
      </p>
      <ul>
        <li>
          Puljens ramme: <strong>{formatOre(call.poolTotalOre)}</strong> ({formatMillions(call.poolTotalOre)})
        </li>
        <li>
          Ansøgt i alt (uden indstillinger til afslag): <strong>{formatOre(totalOre)}</strong>
        </li>
      </ul>
      <p className="pp-actions">
        <Link to={`/applications?call=${call.id}`}>Se opslagets ansøgninger i listen</Link>
        <Link to={`/calls/${call.id}/allocation`}>Fordel puljen</Link>
        <a href={`/calls/${call.id}/ranking.xlsx`} download>
          Eksportér rangeringen til Excel
        </a>
      </p>
      {unranked > 0 ? (
        <Alert kind="warning" heading="Ansøgninger uden behovsindeks">
          {unranked === 1 ? "1 ansøgning" : `${unranked} ansøgninger`} har ingen værdi i opslagets behovsindeks og står sidst uden rang.
          Importér behovsindekset på opslaget for at rangere dem.
        </Alert>
      ) : null}
      {lines.length === 0 ? (
        <p>Der er ingen indsendte ansøgninger på opslaget endnu.</p>
      ) : (
        <TableScroll label="Rangering">
          <table className="table table--zebra table--compact">
            <caption className="sr-only">Rangering efter behovsindeks</caption>
            <thead>
              <tr>
                <th scope="col" className="pp-num">Rang</th>
                <th scope="col">Kommune</th>
                <th scope="col" className="pp-num">Behovsindeks</th>
                <th scope="col" className="pp-num">Vægtet score</th>
                <th scope="col">Formalia</th>
                <th scope="col">Status</th>
                <th scope="col" className="pp-num">Ansøgt beløb</th>
                <th scope="col" className="pp-num">Akkumuleret</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((r, i) => (
                <Fragment key={r.id}>
                  {i === cutoffIndex ? (
                    <tr className="pp-cutoff">
                      <td colSpan={8} style={{ borderTop: "3px solid #b0000b", fontWeight: 600 }}>
                        {cutoffText(call.poolTotalOre)}
                      </td>
                    </tr>
                  ) : null}
                  <tr>
                    <td className="pp-num">{r.rank ?? "–"}</td>
                    <td>
                      <Link to={`/applications/${r.id}/assessment`}>{r.municipalityName}</Link>
                    </td>
                    <td className="pp-num">{r.needIndex === null ? "Mangler" : formatNeedIndex(r.needIndex)}</td>
                    <td className="pp-num">{formatScore(r.score.tenths)}</td>
                    <td>
                      <FormaliaBadge state={r.formalia} />
                    </td>
                    <td>
                      <StatusBadge status={r.status} />
                    </td>
                    <td className="pp-num">{formatOre(r.requestedOre)}</td>
                    <td className="pp-num">
                      {r.counted ? formatOre(r.cumulativeOre) : <span className="pp-muted">tælles ikke med</span>}
                    </td>
                  </tr>
                </Fragment>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
