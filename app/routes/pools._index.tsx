// The pool overview (puljeoverblik), ministry only: every pool with what is committed,
// paid, repaid and left, summed from the ledger.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { PoolTable } from "~/components/pools/pool-overview";
import { getDb } from "~/db.server";
import { listPoolSummaries } from "~/domain/pools/overview.server";
import { formatDate } from "~/utils/dates";

export const meta: MetaFunction = () => [{ title: "Puljeoverblik · Puljeportal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "pool:read");
  const pools = await listPoolSummaries(await getDb());
  return { pools: pools.map((p) => ({ ...p, period: `${formatDate(p.startsOn)}–${formatDate(p.endsOn)}` })) };
}

export default function Pools() {
  const { pools } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Puljeoverblik</h1>
      <p>
        Puljernes ramme, hvad der er disponeret i tilsagn, udbetalt og tilbagebetalt, og hvad der er tilbage. Alle beløb er
        summer af tilsagnenes posteringer.
      </p>
      {pools.length === 0 ? <p>Der er ingen puljer endnu.</p> : <PoolTable rows={pools} />}
    </>
  );
}
