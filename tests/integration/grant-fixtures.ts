// A grant ready to move money on: an assessed application on the test call, the grant row
// and its committed entry through the ledger (the only way money moves).
import { eq, sql } from "drizzle-orm";
import type { Database } from "#db/client";
import { grants, pools } from "#db/schema";
import { postLedgerEntry } from "~/domain/grants/ledger.server";
import { makeApplication } from "./assessment-fixtures";

export const systemActor = { userId: null, role: "system", requestId: "test" } as const;

export async function makeGrant(
  db: Database,
  callId: number,
  municipalityCode: string,
  opts: { awardedOre?: bigint; poolId?: number; commit?: boolean } = {},
) {
  const application = await makeApplication(db, callId, municipalityCode, { status: "assessed" });
  const awardedOre = opts.awardedOre ?? 100_000_000n;
  const poolId = opts.poolId ?? (await db.select({ id: pools.id }).from(pools).limit(1))[0]!.id;
  const grant = await db.transaction(async (tx) => {
    const [g] = await tx
      .insert(grants)
      .values({
        applicationId: application.id,
        callId,
        poolId,
        municipalityCode,
        awardedOre,
        projectStart: "2023-01-01",
        projectEnd: "2024-12-31",
        acceptanceDeadline: new Date("2023-01-15T22:59:59Z"),
        latestStartOn: "2023-06-30",
        accountsDueOn: "2025-03-31",
      })
      .returning();
    if (opts.commit !== false) {
      const r = await postLedgerEntry(tx, systemActor, {
        grantId: g!.id,
        kind: "committed",
        committedDeltaOre: awardedOre,
        bookedOn: "2022-12-15",
      });
      if (!r.ok) throw new Error(r.message);
    }
    return g!;
  });
  return { application, grant };
}

/** The pool counter and the ledger's sum must always agree (and the grants' counters too). */
export async function ledgerInvariants(db: Database) {
  const poolRows = await db
    .select({
      id: pools.id,
      allocated: pools.allocatedOre,
      // Qualified by hand: inside a subquery drizzle leaves columns unqualified.
      ledger: sql<string>`coalesce((select sum(e.committed_delta_ore) from grant_ledger_entries e where e.pool_id = pools.id), 0)`,
    })
    .from(pools);
  const grantRows = await db
    .select({
      id: grants.id,
      committed: grants.committedOre,
      paid: grants.paidOre,
      ledgerCommitted: sql<string>`coalesce((select sum(e.committed_delta_ore) from grant_ledger_entries e where e.grant_id = grants.id), 0)`,
      ledgerPaid: sql<string>`coalesce((select sum(e.paid_delta_ore) from grant_ledger_entries e where e.grant_id = grants.id), 0)`,
    })
    .from(grants);
  return {
    pools: poolRows.map((p) => ({ id: p.id, counter: BigInt(p.allocated), ledger: BigInt(p.ledger) })),
    grants: grantRows.map((g) => ({
      id: g.id,
      committed: BigInt(g.committed),
      ledgerCommitted: BigInt(g.ledgerCommitted),
      paid: BigInt(g.paid),
      ledgerPaid: BigInt(g.ledgerPaid),
    })),
  };
}

export async function expectLedgerConsistent(db: Database) {
  const inv = await ledgerInvariants(db);
  for (const p of inv.pools) if (p.counter !== p.ledger) throw new Error(`pool ${p.id}: counter ${p.counter} ≠ ledger ${p.ledger}`);
  for (const g of inv.grants) {
    if (g.committed !== g.ledgerCommitted) throw new Error(`grant ${g.id}: committed ${g.committed} ≠ ledger ${g.ledgerCommitted}`);
    if (g.paid !== g.ledgerPaid) throw new Error(`grant ${g.id}: paid ${g.paid} ≠ ledger ${g.ledgerPaid}`);
  }
}

export async function grantRow(db: Database, id: number) {
  const [row] = await db.select().from(grants).where(eq(grants.id, id));
  return row!;
}
