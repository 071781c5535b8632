// The one place money moves. Each entry is inserted together with the guarded counters it
// changes, in the caller's transaction: the pool's allocated_ore (the committed total of
// active grants) and the grant's committed_ore / paid_ore. Each counter is moved by a
// conditional UPDATE that refuses to cross its bound, so concurrent commands cannot
// overspend (see ../shared/stack-notes.md: "sum, compare, insert" over-allocates at READ
// COMMITTED); the CHECK constraints stand behind it. Lock order: pool, then grant.
import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "#db/client";
import { grantLedgerEntries, grants, pools } from "#db/schema";
import { conflict, notFound, ok, type Result } from "~/domain/result";
import { audit, type AuditActor } from "~/utils/audit.server";
import type { LedgerKind } from "./grant-constants";

export type LedgerMovement = {
  grantId: number;
  kind: LedgerKind;
  /** Change to what the grant (and the pool) has committed: + on award, − on lapse/cancel/repay. */
  committedDeltaOre?: bigint;
  /** Change to what has been paid out: + on payment, − on repayment. */
  paidDeltaOre?: bigint;
  paymentId?: number | null;
  repaymentClaimId?: number | null;
  note?: string;
  /** The booking date (Copenhagen calendar date, YYYY-MM-DD). */
  bookedOn: string;
};

export const POOL_EXHAUSTED = "Der er ikke penge nok tilbage i puljen til dette beløb.";
export const GRANT_BOUND = "Beløbet ligger uden for tilsagnet: der kan ikke udbetales eller frigives mere end tilsagnet.";

export async function postLedgerEntry(
  tx: Tx,
  actor: AuditActor & { userId: string | null },
  movement: LedgerMovement,
): Promise<Result<{ entryId: number; poolAllocatedOre: bigint; grantCommittedOre: bigint; grantPaidOre: bigint }>> {
  const committed = movement.committedDeltaOre ?? 0n;
  const paid = movement.paidDeltaOre ?? 0n;
  if (committed === 0n && paid === 0n) return conflict("En postering skal flytte et beløb.");

  const [grant] = await tx.select({ poolId: grants.poolId }).from(grants).where(eq(grants.id, movement.grantId));
  if (!grant) return notFound("Tilsagnet findes ikke.");

  let poolAllocatedOre: bigint;
  if (committed !== 0n) {
    const [pool] = await tx
      .update(pools)
      .set({ allocatedOre: sql`${pools.allocatedOre} + ${committed}` })
      .where(
        and(
          eq(pools.id, grant.poolId),
          sql`${pools.allocatedOre} + ${committed} BETWEEN 0 AND ${pools.totalOre}`,
        ),
      )
      .returning({ allocatedOre: pools.allocatedOre });
    if (!pool) return conflict(committed > 0n ? POOL_EXHAUSTED : "Puljens disponerede beløb kan ikke blive negativt.");
    poolAllocatedOre = BigInt(pool.allocatedOre);
  } else {
    const [pool] = await tx.select({ allocatedOre: pools.allocatedOre }).from(pools).where(eq(pools.id, grant.poolId));
    poolAllocatedOre = BigInt(pool!.allocatedOre);
  }

  const [updated] = await tx
    .update(grants)
    .set({
      committedOre: sql`${grants.committedOre} + ${committed}`,
      paidOre: sql`${grants.paidOre} + ${paid}`,
      updatedAt: sql`now()`,
    })
    .where(
      and(
        eq(grants.id, movement.grantId),
        sql`${grants.committedOre} + ${committed} BETWEEN 0 AND ${grants.awardedOre}`,
        sql`${grants.paidOre} + ${paid} BETWEEN 0 AND ${grants.committedOre} + ${committed}`,
      ),
    )
    .returning({ committedOre: grants.committedOre, paidOre: grants.paidOre });
  // The pool moved already: the caller's transaction must roll back, which a failure does.
  if (!updated) throw new LedgerBoundError(GRANT_BOUND);

  const [entry] = await tx
    .insert(grantLedgerEntries)
    .values({
      grantId: movement.grantId,
      poolId: grant.poolId,
      kind: movement.kind,
      committedDeltaOre: committed,
      paidDeltaOre: paid,
      paymentId: movement.paymentId ?? null,
      repaymentClaimId: movement.repaymentClaimId ?? null,
      note: movement.note ?? "",
      bookedOn: movement.bookedOn,
      createdBy: actor.userId,
    })
    .returning({ id: grantLedgerEntries.id });

  await audit(tx, actor, {
    action: `ledger.${movement.kind}`,
    entityType: "grant",
    entityId: movement.grantId,
    after: { entryId: entry!.id, committedDeltaOre: committed, paidDeltaOre: paid, note: movement.note ?? "" },
  });

  return ok({
    entryId: entry!.id,
    poolAllocatedOre,
    grantCommittedOre: BigInt(updated.committedOre),
    grantPaidOre: BigInt(updated.paidOre),
  });
}

/**
 * Thrown (not returned) when the grant's own bound refuses after the pool moved, so the
 * transaction rolls back both. Commands check the bound first and return a Result; this
 * is the guard behind that check. `runLedgerCommand` turns it into a conflict.
 */
export class LedgerBoundError extends Error {}

/** Run a money command; a ledger bound hit anywhere inside rolls it all back as a conflict. */
export async function runLedgerCommand<T>(
  run: () => Promise<Result<T>>,
): Promise<Result<T>> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof LedgerBoundError) return conflict(error.message);
    if (error instanceof RollbackWith) return error.failure as Result<T>;
    throw error;
  }
}

/**
 * A failure after some writes in the transaction: throw it to roll back, and
 * `runLedgerCommand` (outside the transaction) returns it as the command's answer.
 */
export class RollbackWith extends Error {
  constructor(readonly failure: Exclude<Result<never>, { ok: true }>) {
    super(failure.message);
  }
}
