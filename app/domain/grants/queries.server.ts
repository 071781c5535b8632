// Reading grants: the list (filters in SQL, paging) and one grant with its ledger. Every
// query is scoped by grantScope, so a grant the actor may not see is simply not found.
import { and, asc, count, desc, eq, ilike, sql, sum, type SQL } from "drizzle-orm";
import type { Executor } from "#db/client";
import { applications, calls, grantLedgerEntries, grants, municipalities, pools, users } from "#db/schema";
import { grantScope, type ScopeActor } from "~/policy/scopes.server";
import { referenceNumber } from "~/domain/applications/reference";
import { pageWindow } from "~/utils/paging";
import { GRANT_STATUSES, type GrantStatus } from "./grant-constants";
import { withRunningBalance } from "./grant-labels";

export const GRANT_PAGE_SIZE = 25;

export type GrantFilters = { q: string; status: GrantStatus | null; callId: number | null; page: number };

export function parseGrantFilters(params: URLSearchParams): GrantFilters {
  const status = params.get("status") ?? "";
  const call = Number(params.get("call") ?? "");
  const page = Number(params.get("page") ?? "1");
  return {
    q: (params.get("q") ?? "").trim().slice(0, 100),
    status: (GRANT_STATUSES as readonly string[]).includes(status) ? (status as GrantStatus) : null,
    callId: Number.isSafeInteger(call) && call > 0 && call < 2 ** 31 ? call : null,
    page: Number.isSafeInteger(page) && page > 0 && page <= 100_000 ? page : 1,
  };
}

function escapeLike(s: string) {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function listGrants(db: Executor, actor: ScopeActor, f: GrantFilters) {
  const conditions: (SQL | undefined)[] = [grantScope(actor)];
  if (f.status) conditions.push(eq(grants.status, f.status));
  if (f.callId) conditions.push(eq(grants.callId, f.callId));
  if (f.q) conditions.push(ilike(municipalities.name, `%${escapeLike(f.q)}%`));
  const where = and(...conditions);
  const [totals] = await db
    .select({ n: count(), awarded: sum(grants.awardedOre), committed: sum(grants.committedOre), paid: sum(grants.paidOre) })
    .from(grants)
    .innerJoin(municipalities, eq(municipalities.code, grants.municipalityCode))
    .where(where);
  const total = Number(totals?.n ?? 0);
  const w = pageWindow(total, f.page, GRANT_PAGE_SIZE);
  const rows = await db
    .select({
      id: grants.id,
      municipalityName: municipalities.name,
      callTitle: calls.title,
      status: grants.status,
      awardedOre: grants.awardedOre,
      committedOre: grants.committedOre,
      paidOre: grants.paidOre,
      decidedAt: grants.decidedAt,
      acceptanceDeadline: grants.acceptanceDeadline,
    })
    .from(grants)
    .innerJoin(municipalities, eq(municipalities.code, grants.municipalityCode))
    .innerJoin(calls, eq(calls.id, grants.callId))
    .where(where)
    .orderBy(desc(grants.decidedAt), asc(municipalities.sortKey), asc(grants.id)) // Danish order on both databases (decision 028)
    .limit(w.limit)
    .offset(w.offset);
  return {
    rows,
    total,
    page: w.page,
    pages: w.pageCount,
    awardedSumOre: BigInt(totals?.awarded ?? 0),
    committedSumOre: BigInt(totals?.committed ?? 0),
    paidSumOre: BigInt(totals?.paid ?? 0),
  };
}

/** The calls that have grants the actor may see (for the filter). */
export async function grantCallOptions(db: Executor, actor: ScopeActor) {
  return db
    .selectDistinct({ id: calls.id, title: calls.title })
    .from(grants)
    .innerJoin(calls, eq(calls.id, grants.callId))
    .where(grantScope(actor))
    .orderBy(asc(calls.title));
}

/** A ledger entry as the grant's statement returns it (JSON: amounts as text). */
type LedgerJson = { id: number; kind: (typeof grantLedgerEntries.$inferSelect)["kind"]; committedDeltaOre: string; paidDeltaOre: string; bookedOn: string; note: string };

/**
 * One grant with its ledger (running balances), or null when it does not exist or is out of
 * scope. One statement: the ledger comes along as a JSON array (issue 19: every statement
 * costs the page Node CPU in the driver and the query builder, decision 041).
 */
export async function getGrant(db: Executor, actor: ScopeActor, id: number) {
  const [row] = await db
    .select({
      grant: grants,
      municipalityName: municipalities.name,
      municipalityOfficialName: municipalities.officialName,
      callTitle: calls.title,
      poolName: pools.name,
      // The pool's close-out, so the grant page needs no statement of its own for it.
      poolClosedAt: pools.closedAt,
      poolClosedByName: sql<string | null>`(select u.name from users u where u.id = ${pools.closedBy})`,
      application: { id: applications.id, submittedAt: applications.submittedAt, createdAt: applications.createdAt },
      decidedByName: users.name,
      ledger: sql<LedgerJson[]>`coalesce((select json_agg(json_build_object('id', e.id, 'kind', e.kind, 'committedDeltaOre', e.committed_delta_ore::text,
        'paidDeltaOre', e.paid_delta_ore::text, 'bookedOn', e.booked_on, 'note', e.note) order by e.id)
        from grant_ledger_entries e where e.grant_id = ${grants.id}), '[]'::json)`,
    })
    .from(grants)
    .innerJoin(municipalities, eq(municipalities.code, grants.municipalityCode))
    .innerJoin(calls, eq(calls.id, grants.callId))
    .innerJoin(pools, eq(pools.id, grants.poolId))
    .innerJoin(applications, eq(applications.id, grants.applicationId))
    .leftJoin(users, eq(users.id, grants.decidedBy))
    .where(and(eq(grants.id, id), grantScope(actor)));
  if (!row) return null;
  const { ledger, ...rest } = row;
  return {
    ...rest,
    applicationReference: referenceNumber(row.application),
    ledger: withRunningBalance(ledger.map((e) => ({ ...e, committedDeltaOre: BigInt(e.committedDeltaOre), paidDeltaOre: BigInt(e.paidDeltaOre) }))),
  };
}
