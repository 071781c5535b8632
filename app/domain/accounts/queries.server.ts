// Reads for the accounts page and the statement download, scoped in the WHERE: a grant the
// actor may not see finds nothing (404).
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import {
  callCostCategories,
  calls,
  grantAccountLines,
  grantAccounts,
  grantFiles,
  grants,
  municipalities,
  pools,
  repaymentClaims,
} from "#db/schema";
import { appNow } from "~/domain/clock/clock.server";
import { versionInForce } from "~/domain/grants/budget-queries.server";
import type { AccountsStatus, RepaymentStatus } from "~/domain/grants/grant-constants";
import { grantScope, type ScopeActor } from "~/policy/scopes.server";
import { copenhagenDateString } from "~/utils/dates";
import { accountsOpen, accountsOpenFrom, settle } from "./settlement";

export async function grantVisible(db: Executor, actor: ScopeActor, grantId: number) {
  const [row] = await db.select({ id: grants.id }).from(grants).where(and(eq(grants.id, grantId), grantScope(actor)));
  return Boolean(row);
}

export async function getAccountsView(db: Executor, actor: ScopeActor, grantId: number) {
  const [head] = await db
    .select({
      id: grants.id,
      status: grants.status,
      municipalityCode: grants.municipalityCode,
      municipalityName: municipalities.officialName,
      callId: grants.callId,
      callTitle: calls.title,
      awardedOre: grants.awardedOre,
      committedOre: grants.committedOre,
      paidOre: grants.paidOre,
      projectStart: grants.projectStart,
      projectEnd: grants.projectEnd,
      accountsDueOn: grants.accountsDueOn,
      repaymentMinOre: pools.repaymentMinOre,
    })
    .from(grants)
    .innerJoin(municipalities, eq(municipalities.code, grants.municipalityCode))
    .innerJoin(calls, eq(calls.id, grants.callId))
    .innerJoin(pools, eq(pools.id, grants.poolId))
    .where(and(eq(grants.id, grantId), grantScope(actor)));
  if (!head) return null;

  const categories = await db
    .select({ id: callCostCategories.id, label: callCostCategories.label })
    .from(callCostCategories)
    .where(eq(callCostCategories.callId, head.callId))
    .orderBy(asc(callCostCategories.sortOrder), asc(callCostCategories.id));

  // The budget in force, summed per category over the quarters.
  const version = await versionInForce(db, grantId);
  const budgetBy = new Map<number, bigint>();
  for (const l of version?.lines ?? []) budgetBy.set(l.categoryId, (budgetBy.get(l.categoryId) ?? 0n) + l.amountOre);

  const [accounts] = await db.select().from(grantAccounts).where(eq(grantAccounts.grantId, grantId));
  const lines = accounts ? await db.select().from(grantAccountLines).where(eq(grantAccountLines.accountsId, accounts.id)) : [];
  const lineBy = new Map(lines.map((l) => [l.categoryId, l]));
  const [statement] = accounts?.auditorStatementFileId
    ? await db
        .select({ id: grantFiles.id, filename: grantFiles.filename, sizeBytes: grantFiles.sizeBytes, uploadedAt: grantFiles.uploadedAt })
        .from(grantFiles)
        .where(and(eq(grantFiles.id, accounts.auditorStatementFileId), isNull(grantFiles.deletedAt)))
    : [];
  const claims = await db
    .select()
    .from(repaymentClaims)
    .where(eq(repaymentClaims.grantId, grantId))
    .orderBy(asc(repaymentClaims.id));

  const today = copenhagenDateString(await appNow(db));
  const rows = categories.map((c) => {
    const l = lineBy.get(c.id);
    return {
      categoryId: c.id,
      label: c.label,
      budgetOre: budgetBy.get(c.id) ?? null,
      spentOre: l ? BigInt(l.spentOre) : null,
      ineligibleOre: l ? BigInt(l.ineligibleOre) : 0n,
      note: l?.note ?? "",
    };
  });
  const settlement =
    accounts && lines.length > 0
      ? settle({
          paidOre: BigInt(head.paidOre),
          committedOre: BigInt(head.committedOre),
          lines: lines.map((l) => ({ spentOre: BigInt(l.spentOre), ineligibleOre: BigInt(l.ineligibleOre) })),
          repaymentMinOre: BigInt(head.repaymentMinOre),
        })
      : null;

  return {
    grant: head,
    budgetVersion: version?.version ?? null,
    accounts: accounts ?? null,
    rows,
    statement: statement ?? null,
    claims,
    settlement,
    open: accountsOpen(head.projectEnd, today),
    openFrom: accountsOpenFrom(head.projectEnd),
    today,
  };
}

export type AccountsView = NonNullable<Awaited<ReturnType<typeof getAccountsView>>>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The grant's current auditor's statement, for everyone who may see the grant; null otherwise. */
export async function getAuditorStatement(db: Executor, actor: ScopeActor, grantId: number, fileId: string) {
  if (!UUID.test(fileId)) return null;
  const [row] = await db
    .select({ file: grantFiles })
    .from(grantFiles)
    .innerJoin(grants, eq(grants.id, grantFiles.grantId))
    .where(
      and(
        eq(grantFiles.id, fileId),
        eq(grantFiles.grantId, grantId),
        eq(grantFiles.kind, "auditor_statement"),
        isNull(grantFiles.deletedAt),
        grantScope(actor),
      ),
    );
  return row?.file ?? null;
}

/** For the grant page's accounts section: the accounts' status and the repayment claims. */
export async function getAccountsSummary(db: Executor, grantId: number) {
  // One statement for both (issue 19, decision 041): the claims come along as JSON.
  const [row] = await db
    .select({
      status: sql<AccountsStatus | null>`(select a.status from ${grantAccounts} a where a.grant_id = ${grantId})`,
      claims: sql<{ amountOre: string; status: RepaymentStatus; paidOn: string | null }[]>`coalesce((select json_agg(json_build_object('amountOre', c.amount_ore::text,
        'status', c.status, 'paidOn', c.paid_on) order by c.id) from ${repaymentClaims} c where c.grant_id = ${grantId}), '[]'::json)`,
    })
    .from(sql`(select 1) as one`);
  return { status: row?.status ?? null, claims: (row?.claims ?? []).map((c) => ({ ...c, amountOre: BigInt(c.amountOre) })) };
}
