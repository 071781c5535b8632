// Close-out (afslutning) on the database: the facts the rule needs (close-out.ts), and the
// close command: admin only, after the initiative's end by appNow (the test clock moves it),
// with nothing unsettled; the pool row is locked, closed_at set and the audit row written in
// one transaction. From then on the triggers of migration 0015 refuse every write to the
// pool's data. There is no reopening (docs/decisions/026).
import { and, eq, notInArray, sql } from "drizzle-orm";
import { rowsOf, type Database, type Executor } from "#db/client";
import { applications, calls, grantAccounts, grants, municipalities, pools } from "#db/schema";
import type { Actor } from "~/auth/actor";
import { appNow } from "~/domain/clock/clock.server";
import { conflict, notFound, ok, refused, type Result } from "~/domain/result";
import { can } from "~/policy/permissions";
import { audit } from "~/utils/audit.server";
import { copenhagenDateString, formatDateTime } from "~/utils/dates";
import { POOL_CLOSED_MESSAGE } from "./closed";
import { closeOutVerdict, type CloseOutFacts, type CloseOutVerdict } from "./close-out";

export type CloseOutState = {
  pool: { id: number; name: string; closedAt: Date | null; closedByName: string | null; initiativeEndsOn: string | null; endsOn: string };
  facts: CloseOutFacts;
  verdict: CloseOutVerdict;
};

/** The pool's close-out state alone (no facts): for the pages and the archive. */
export async function loadPoolCloseState(db: Executor, poolId: number) {
  const [pool] = await db
    .select({
      id: pools.id,
      name: pools.name,
      closedAt: pools.closedAt,
      closedByName: sql<string | null>`(select u.name from users u where u.id = ${pools.closedBy})`,
    })
    .from(pools)
    .where(eq(pools.id, poolId));
  return pool ?? null;
}

/** Anything that belongs to a pool (the kinds of pool_of(), migration 0015). */
export type PoolMember = "pool" | "call" | "application" | "grant" | "programme" | "milestone" | "report" | "session";

/**
 * The closed pool a page's record belongs to, for its notice, or null while the pool is
 * open: the pages ask this instead of offering buttons the database would refuse.
 */
export async function closedPoolOf(db: Executor, kind: PoolMember, id: number): Promise<{ at: string; byName: string | null } | null> {
  const [row] = rowsOf<{ closedAt: Date | string | null; byName: string | null }>(
    await db.execute(sql`SELECT p.closed_at AS "closedAt", (SELECT u.name FROM users u WHERE u.id = p.closed_by) AS "byName"
      FROM pools p WHERE p.id = pool_of(${kind}, ${id}) AND p.closed_at IS NOT NULL`),
  );
  return closedNotice(row?.closedAt ?? null, row?.byName ?? null);
}

/** The closed-pool notice from a pool's closed_at and its closer's name, read with another statement (the grant page's getGrant). */
export function closedNotice(closedAt: Date | string | null, byName: string | null): { at: string; byName: string | null } | null {
  return closedAt ? { at: formatDateTime(new Date(closedAt)), byName } : null;
}

export async function loadCloseOutFacts(db: Executor, poolId: number, now: Date, { lock = false } = {}): Promise<CloseOutState | null> {
  const q = db
    .select({
      id: pools.id,
      name: pools.name,
      closedAt: pools.closedAt,
      closedByName: sql<string | null>`(select u.name from users u where u.id = ${pools.closedBy})`,
      initiativeEndsOn: pools.initiativeEndsOn,
      endsOn: pools.endsOn,
    })
    .from(pools)
    .where(eq(pools.id, poolId));
  const [pool] = lock ? await q.for("update") : await q;
  if (!pool) return null;
  const grantRows = await db
    .select({
      id: grants.id,
      municipalityName: municipalities.officialName,
      status: grants.status,
      accountsStatus: grantAccounts.status,
      openRepaymentOre: sql<string>`coalesce((select sum(r.amount_ore) from repayment_claims r where r.grant_id = ${grants.id} and r.status = 'claimed'), 0)::text`,
      paymentsInProgress: sql<number>`(select count(*) from payments p where p.grant_id = ${grants.id} and p.status in ('prepared', 'approved'))::int`,
      pendingBudgetChanges: sql<number>`(select count(*) from budget_changes b where b.grant_id = ${grants.id} and b.status = 'pending')::int`,
    })
    .from(grants)
    .innerJoin(municipalities, eq(municipalities.code, grants.municipalityCode))
    .leftJoin(grantAccounts, eq(grantAccounts.grantId, grants.id))
    .where(eq(grants.poolId, poolId))
    .orderBy(municipalities.officialName);
  const undecided = await db
    .select({ status: applications.status, count: sql<number>`count(*)::int` })
    .from(applications)
    .innerJoin(calls, eq(calls.id, applications.callId))
    .where(and(eq(calls.poolId, poolId), notInArray(applications.status, ["granted", "rejected"])))
    .groupBy(applications.status);
  const facts: CloseOutFacts = {
    today: copenhagenDateString(now),
    initiativeEndsOn: pool.initiativeEndsOn,
    endsOn: pool.endsOn,
    closedAt: pool.closedAt,
    grants: grantRows.map((g) => ({ ...g, openRepaymentOre: BigInt(g.openRepaymentOre), paymentsInProgress: Number(g.paymentsInProgress), pendingBudgetChanges: Number(g.pendingBudgetChanges) })),
    undecidedApplications: undecided.map((u) => ({ status: u.status, count: Number(u.count) })),
  };
  return { pool, facts, verdict: closeOutVerdict(facts) };
}

/** Close the pool: everything in it becomes read-only. Refused with the blocking list while anything is unsettled. */
export async function closePool(db: Database, actor: Actor, poolId: number, real = new Date()): Promise<Result<{ closedAt: Date }> & { blockers?: string[] }> {
  if (!can(actor, "pool:close")) return refused("Kun en administrator kan afslutte en pulje.");
  return db.transaction(async (tx) => {
    const state = await loadCloseOutFacts(tx, poolId, await appNow(tx, real), { lock: true });
    if (!state) return notFound("Puljen findes ikke.");
    if (state.pool.closedAt) return refused(POOL_CLOSED_MESSAGE);
    if (!state.verdict.mayClose) return { ...conflict(`Puljen kan ikke afsluttes endnu: ${state.verdict.blockers.join(" ")}`), blockers: state.verdict.blockers };
    // closed_at is when it really happened (like the audit row), not the test clock.
    await tx.update(pools).set({ closedAt: real, closedBy: actor.userId }).where(eq(pools.id, poolId));
    await audit(tx, actor, {
      action: "pool.closed",
      entityType: "pool",
      entityId: poolId,
      before: { closedAt: null },
      after: { closedAt: real.toISOString(), closedBy: actor.userId, grants: state.facts.grants.length },
    });
    return ok({ closedAt: real });
  });
}
