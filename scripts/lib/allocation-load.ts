// Load for the allocation rule: N proposed one-line rounds of `amountOre` each against a
// fresh pool, and a worker that approves a share of them concurrently over its own
// connection pool. Used by the concurrency test (two worker processes) and
// scripts/bench/allocate.ts.
import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { allocationLines, allocationRounds, applications, calls, memberships, municipalities, pools, users } from "../../db/schema";
import { seedReference } from "../../db/seed/reference";
import { approveRound } from "../../app/domain/grants/allocation.server";

export type Load = { poolId: number; roundIds: number[]; approverId: string };

export async function prepareCommitments(db: Database, opts: { count: number; amountOre: bigint; poolTotalOre: bigint }): Promise<Load> {
  await seedReference(db);
  const tag = randomBytes(4).toString("hex");
  const [proposer, approver] = await db
    .insert(users)
    .values([
      { email: `load-cw-${tag}@test.dk`, name: "Belastning sagsbehandler" },
      { email: `load-admin-${tag}@test.dk`, name: "Belastning administrator" },
    ])
    .returning({ id: users.id });
  await db.insert(memberships).values([
    { userId: proposer!.id, role: "caseworker" },
    { userId: approver!.id, role: "admin" },
  ]);
  const [pool] = await db
    .insert(pools)
    .values({ name: `Belastningspulje ${tag}`, financeLine: "§ 15.26.35.10", totalOre: opts.poolTotalOre, startsOn: "2022-01-01", endsOn: "2025-12-31" })
    .returning({ id: pools.id });
  const codes = (await db.select({ code: municipalities.code }).from(municipalities)).map((m) => m.code);
  const roundIds: number[] = [];
  let callId = 0;
  for (let i = 0; i < opts.count; i++) {
    if (i % codes.length === 0) {
      const [call] = await db
        .insert(calls)
        .values({
          poolId: pool!.id,
          title: `Belastning ${tag} ${i / codes.length + 1}`,
          purpose: "Belastningstest",
          projectStart: "2023-01-01",
          projectEnd: "2024-12-31",
          deadline: new Date("2022-11-07T11:00:00Z"),
          status: "published",
        })
        .returning({ id: calls.id });
      callId = call!.id;
    }
    const [app] = await db
      .insert(applications)
      .values({ callId, municipalityCode: codes[i % codes.length]!, status: "assessed", requestedOre: opts.amountOre, submittedAt: new Date("2022-11-01T09:00:00Z") })
      .returning({ id: applications.id });
    const [round] = await db
      .insert(allocationRounds)
      .values({ callId, status: "proposed", createdBy: proposer!.id, proposedBy: proposer!.id, proposedAt: new Date() })
      .returning({ id: allocationRounds.id });
    await db.insert(allocationLines).values({ roundId: round!.id, applicationId: app!.id, decision: "full", amountOre: opts.amountOre });
    roundIds.push(round!.id);
  }
  return { poolId: pool!.id, roundIds, approverId: approver!.id };
}

export type WorkerResult = { approved: number; refused: number; errors: number; messages: string[]; ms: number };

/** Approve the rounds with at most `concurrency` in flight; count what was approved and refused. */
export async function approveAll(db: Database, approverId: string, roundIds: number[], concurrency: number): Promise<WorkerResult> {
  const actor = { userId: approverId, role: "admin" as const, requestId: `load-${process.pid}`, municipalityCode: null, agencyId: null };
  const r: WorkerResult = { approved: 0, refused: 0, errors: 0, messages: [], ms: 0 };
  const queue = [...roundIds];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        try {
          const out = await approveRound(db, actor, id, new Date("2022-12-15T09:00:00Z"));
          if (out.ok) r.approved++;
          else {
            r.refused++;
            if (!r.messages.includes(out.message.slice(0, 60))) r.messages.push(out.message.slice(0, 60));
          }
        } catch (e) {
          r.errors++;
          if (r.messages.length < 5) r.messages.push(String(e).slice(0, 200));
        }
      }
    }),
  );
  r.ms = performance.now() - started;
  return r;
}

/** Counter vs ledger for one pool, and how far the counter is over the total (must be ≤ 0). */
export async function poolState(db: Database, poolId: number) {
  const [p] = await db
    .select({
      total: pools.totalOre,
      allocated: pools.allocatedOre,
      ledger: sql<string>`coalesce((select sum(e.committed_delta_ore) from grant_ledger_entries e where e.pool_id = ${poolId}), 0)::text`,
      grants: sql<number>`(select count(*) from grants g where g.pool_id = ${poolId})::int`,
    })
    .from(pools)
    .where(eq(pools.id, poolId));
  return { totalOre: p!.total, allocatedOre: p!.allocated, ledgerOre: BigInt(p!.ledger), grants: p!.grants };
}
