// The pool overview (puljeoverblik): every sum is computed in SQL from the append-only
// ledger (GROUP BY pool, GROUP BY grant), in integer øre, never from the counters it is
// meant to explain. The pool row's allocated_ore is shown beside it so a difference would
// be visible; the ledger test proves they agree after every command.
// Ministry only: the loaders require `pool:read` (pools have no narrower scope).
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import type { Executor } from "#db/client";
import { calls, grantLedgerEntries, grants, municipalities, pools } from "#db/schema";
import type { GrantStatus } from "~/domain/grants/grant-constants";

/** The ledger's movements, split by kind. Signs: what a reader expects (all ≥ 0 but `corrected` and the nets). */
export type LedgerSums = {
  /** What was committed by decisions (committed entries). */
  grantedOre: bigint;
  /** Released by lapse (bortfald). */
  lapsedOre: bigint;
  /** Released by cancellation, incl. unpaid money released when accounts are approved. */
  cancelledOre: bigint;
  /** Paid out (paid entries and paid corrections). */
  paidOre: bigint;
  /** Paid back (repaid entries). */
  repaidOre: bigint;
  /** Net of corrections to the commitment (rare; shown when not 0). */
  correctedCommittedOre: bigint;
  /** Committed now: the sum of every committed delta. */
  committedOre: bigint;
  /** Paid net of repayments: the sum of every paid delta. */
  netPaidOre: bigint;
  /** Committed and not (yet) paid: committed − net paid. */
  outstandingOre: bigint;
};

const e = grantLedgerEntries;
const sumWhere = (column: SQL | typeof e.committedDeltaOre | typeof e.paidDeltaOre, where?: SQL) =>
  where
    ? sql<string>`coalesce(sum(${column}) filter (where ${where}), 0)::text`
    : sql<string>`coalesce(sum(${column}), 0)::text`;

/** The ledger summed per kind: one definition for the pool overview and the status pack. */
export const ledgerColumns = {
  granted: sumWhere(e.committedDeltaOre, sql`${e.kind} = 'committed'`),
  lapsed: sumWhere(e.committedDeltaOre, sql`${e.kind} = 'lapsed'`),
  cancelled: sumWhere(e.committedDeltaOre, sql`${e.kind} = 'cancelled'`),
  correctedCommitted: sumWhere(e.committedDeltaOre, sql`${e.kind} = 'corrected'`),
  paid: sumWhere(e.paidDeltaOre, sql`${e.kind} <> 'repaid'`),
  repaid: sumWhere(e.paidDeltaOre, sql`${e.kind} = 'repaid'`),
  committed: sumWhere(e.committedDeltaOre),
  netPaid: sumWhere(e.paidDeltaOre),
};

type LedgerRow = { [K in keyof typeof ledgerColumns]: string };

function toSums(r: LedgerRow): LedgerSums {
  const committedOre = BigInt(r.committed);
  const netPaidOre = BigInt(r.netPaid);
  return {
    grantedOre: BigInt(r.granted),
    lapsedOre: -BigInt(r.lapsed),
    cancelledOre: -BigInt(r.cancelled),
    paidOre: BigInt(r.paid),
    repaidOre: -BigInt(r.repaid),
    correctedCommittedOre: BigInt(r.correctedCommitted),
    committedOre,
    netPaidOre,
    outstandingOre: committedOre - netPaidOre,
  };
}

export type PoolSummary = LedgerSums & {
  id: number;
  name: string;
  financeLine: string;
  startsOn: string;
  endsOn: string;
  totalOre: bigint;
  /** The pool row's guarded counter (must equal committedOre). */
  allocatedOre: bigint;
  /** total − committed. */
  uncommittedOre: bigint;
  grantCount: number;
};

/** Every pool (or one) with its ledger sums, one GROUP BY over the ledger. */
export async function listPoolSummaries(db: Executor, poolId?: number): Promise<PoolSummary[]> {
  const rows = await db
    .select({
      id: pools.id,
      name: pools.name,
      financeLine: pools.financeLine,
      startsOn: pools.startsOn,
      endsOn: pools.endsOn,
      totalOre: pools.totalOre,
      allocatedOre: pools.allocatedOre,
      // Written out: inside a subquery drizzle would leave the outer column unqualified.
      grantCount: sql<number>`(select count(*) from "grants" g where g."pool_id" = "pools"."id")::int`,
      ...ledgerColumns,
    })
    .from(pools)
    .leftJoin(e, eq(e.poolId, pools.id))
    .where(poolId === undefined ? undefined : eq(pools.id, poolId))
    .groupBy(pools.id)
    .orderBy(asc(pools.startsOn), asc(pools.id));
  return rows.map((r) => {
    const sums = toSums(r);
    const totalOre = BigInt(r.totalOre);
    return {
      id: r.id,
      name: r.name,
      financeLine: r.financeLine,
      startsOn: r.startsOn,
      endsOn: r.endsOn,
      totalOre,
      allocatedOre: BigInt(r.allocatedOre),
      grantCount: Number(r.grantCount),
      ...sums,
      uncommittedOre: totalOre - sums.committedOre,
    };
  });
}

export type PoolGrantRow = LedgerSums & {
  grantId: number;
  municipalityCode: string;
  municipalityName: string;
  callTitle: string;
  status: GrantStatus;
  awardedOre: bigint;
};

/** The pool's grants, one row per grant (a municipality, a call), sums from its ledger entries. */
export async function listPoolGrants(db: Executor, poolId: number): Promise<PoolGrantRow[]> {
  const rows = await db
    .select({
      grantId: grants.id,
      municipalityCode: grants.municipalityCode,
      municipalityName: municipalities.name,
      callTitle: calls.title,
      status: grants.status,
      awardedOre: grants.awardedOre,
      ...ledgerColumns,
    })
    .from(grants)
    .innerJoin(municipalities, eq(municipalities.code, grants.municipalityCode))
    .innerJoin(calls, eq(calls.id, grants.callId))
    // A grant not yet committed has no entries: it shows with zeros.
    .leftJoin(e, and(eq(e.grantId, grants.id), eq(e.poolId, grants.poolId)))
    .where(eq(grants.poolId, poolId))
    .groupBy(grants.id, municipalities.name, municipalities.sortKey, calls.title)
    .orderBy(asc(municipalities.sortKey), asc(calls.title), asc(grants.id));
  return rows.map((r) => ({
    grantId: r.grantId,
    municipalityCode: r.municipalityCode,
    municipalityName: r.municipalityName,
    callTitle: r.callTitle,
    status: r.status,
    awardedOre: BigInt(r.awardedOre),
    ...toSums(r),
  }));
}

/** One pool with its grants, or null when there is no such pool. */
export async function getPoolOverview(db: Executor, poolId: number) {
  const [pool] = await listPoolSummaries(db, poolId);
  if (!pool) return null;
  return { pool, grants: await listPoolGrants(db, poolId) };
}

export type PoolOverview = NonNullable<Awaited<ReturnType<typeof getPoolOverview>>>;
