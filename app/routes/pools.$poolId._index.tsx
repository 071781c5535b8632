// One pool's overview (ministry only): its figures from the ledger and a row per grant
// (municipality), each linking to the grant and its ledger; the same as XLSX.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { found, requirePermission } from "~/auth/guards.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { ClosedPoolNotice } from "~/components/pools/closed-pool-notice";
import { PoolFigures, PoolGrantTable } from "~/components/pools/pool-overview";
import { getDb } from "~/db.server";
import { Alert } from "~/components/form";
import { closedPoolOf } from "~/domain/pools/close-out.server";
import { getPoolOverview } from "~/domain/pools/overview.server";
import { can } from "~/policy/permissions";
import { formatDate } from "~/utils/dates";
import { idParam } from "~/utils/params.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.pool.name} · Puljeoverblik · Puljeportal` : "Puljeoverblik · Puljeportal" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "pool:read");
  const db = await getDb();
  const overview = found(await getPoolOverview(db, idParam(params.poolId)));
  return {
    ...overview,
    closed: await closedPoolOf(db, "pool", overview.pool.id),
    canClose: can(actor, "pool:close"),
    period: `${formatDate(overview.pool.startsOn)}–${formatDate(overview.pool.endsOn)}`,
  };
}

export default function PoolOverviewPage() {
  const { pool, grants, period, closed, canClose } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <>
      <Breadcrumbs trail={[{ to: "/pools", label: "Puljeoverblik" }]} current={pool.name} />
      <h1>{pool.name}</h1>
      {params.has("afsluttet") && closed ? <Alert kind="success">Puljen er afsluttet.</Alert> : null}
      <ClosedPoolNotice closed={closed} />
      <dl className="pp-facts">
        {grants.length > 0 && new Set(grants.map((g) => g.callTitle)).size === 1 ? (
          <>
            <dt>Opslag</dt>
            <dd>{grants[0]!.callTitle}</dd>
          </>
        ) : null}
        <dt>Finanslov</dt>
        <dd>{pool.financeLine}</dd>
        <dt>Periode</dt>
        <dd>{period}</dd>
      </dl>
      <PoolFigures p={pool} />
      <h2>Tilsagn pr. kommune</h2>
      {grants.length === 0 ? (
        <p>Der er endnu ingen tilsagn fra denne pulje.</p>
      ) : (
        <>
          <p>
            {grants.length === 1 ? "1 tilsagn" : `${grants.length} tilsagn`}. Beløbene er summer af hvert tilsagns posteringer;
            følg linket for at se posteringerne med løbende saldo.
          </p>
          <PoolGrantTable rows={grants} totals={pool} />
        </>
      )}
      <p>
        <a href={`/pools/${pool.id}/export.xlsx`}>Hent puljeoverblikket som Excel (XLSX)</a>
      </p>
      {canClose ? (
        <p>
          <a href={`/pools/${pool.id}/close`}>{closed ? "Afslutning og arkivudtræk" : "Afslut puljen (når initiativet er slut)"}</a>
        </p>
      ) : null}
    </>
  );
}
