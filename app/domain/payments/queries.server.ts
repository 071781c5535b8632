// Reading payments: one grant's plan, the ministry's work list and the export rows. Every
// query is scoped by grantScope (a payment is visible exactly when its grant is).
import { aliasedTable, and, asc, count, eq, ilike, inArray, lte, ne, sql, type SQL } from "drizzle-orm";
import type { Executor } from "#db/client";
import { applications, grants, municipalities, payments, users } from "#db/schema";
import { referenceNumber } from "~/domain/applications/reference";
import { grantScope, type ScopeActor } from "~/policy/scopes.server";
import { formatDate } from "~/utils/dates";
import { pageWindow } from "~/utils/paging";
import { nextQuarter, quarterOf } from "~/domain/grants/payment-plan";

const preparer = aliasedTable(users, "preparer");
const approver = aliasedTable(users, "approver");

/** The grant's payments (cancelled ones left out) with who did what, or null when the grant is not visible. */
export async function grantPayments(db: Executor, actor: ScopeActor, grantId: number) {
  const [grant] = await db
    .select({ id: grants.id, status: grants.status, holdReason: grants.paymentHoldReason, committedOre: grants.committedOre, paidOre: grants.paidOre })
    .from(grants)
    .where(and(eq(grants.id, grantId), grantScope(actor)));
  if (!grant) return null;
  return { grant, rows: await paymentRows(db, grantId) };
}

/**
 * A grant's payments (cancelled ones left out), for a caller that has already read the grant in
 * the actor's scope: the grant page reads them beside its other sections (issue 19).
 */
export async function paymentRows(db: Executor, grantId: number) {
  const rows = await db
    .select({
      id: payments.id,
      quarter: payments.quarter,
      dueOn: payments.dueOn,
      amountOre: payments.amountOre,
      status: payments.status,
      preparedBy: payments.preparedBy,
      preparedByName: preparer.name,
      approvedByName: approver.name,
      paidOn: payments.paidOn,
      correctedOre: sql<string>`coalesce((select sum(e.paid_delta_ore) from grant_ledger_entries e where e.payment_id = ${payments.id} and e.kind = 'corrected'), 0)`,
    })
    .from(payments)
    .leftJoin(preparer, eq(preparer.id, payments.preparedBy))
    .leftJoin(approver, eq(approver.id, payments.approvedBy))
    .where(and(eq(payments.grantId, grantId), ne(payments.status, "cancelled")))
    .orderBy(asc(payments.quarter));
  return rows.map((r) => ({ ...r, amountOre: BigInt(r.amountOre), correctedOre: BigInt(r.correctedOre) }));
}

export const PAYMENT_VIEWS = ["due", "awaiting", "approved", "held", "all"] as const;
export type PaymentView = (typeof PAYMENT_VIEWS)[number];
export const PAYMENT_PAGE_SIZE = 25;

export type PaymentFilters = { view: PaymentView; q: string; page: number };

export function parsePaymentFilters(params: URLSearchParams): PaymentFilters {
  const view = params.get("view") ?? "due";
  const page = Number(params.get("page") ?? "1");
  return {
    view: (PAYMENT_VIEWS as readonly string[]).includes(view) ? (view as PaymentView) : "due",
    q: (params.get("q") ?? "").trim().slice(0, 100),
    page: Number.isSafeInteger(page) && page > 0 && page <= 100_000 ? page : 1,
  };
}

function escapeLike(s: string) {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The last day of the quarter that `today` (YYYY-MM-DD) falls in. */
function quarterEnd(today: string) {
  const next = nextQuarter(quarterOf(today));
  const [y, q] = next.split("-Q").map(Number);
  const firstOfNext = new Date(Date.UTC(y!, (q! - 1) * 3, 1));
  return new Date(firstOfNext.getTime() - 86_400_000).toISOString().slice(0, 10);
}

function viewCondition(view: PaymentView, today: string): SQL | undefined {
  switch (view) {
    case "due": // not paid yet and due by the end of this quarter (overdue ones included)
      return and(inArray(payments.status, ["planned", "prepared", "approved"]), lte(payments.dueOn, quarterEnd(today)));
    case "awaiting":
      return eq(payments.status, "prepared");
    case "approved":
      return eq(payments.status, "approved");
    case "held":
      return and(sql`${grants.paymentHoldReason} IS NOT NULL`, inArray(payments.status, ["planned", "prepared", "approved"]));
    case "all":
      return ne(payments.status, "cancelled");
  }
}

/** The ministry's work list: payments across grants, filtered by view and municipality, paged. */
export async function listPayments(db: Executor, actor: ScopeActor, f: PaymentFilters, today: string) {
  const conditions: (SQL | undefined)[] = [grantScope(actor), viewCondition(f.view, today)];
  if (f.q) conditions.push(ilike(municipalities.name, `%${escapeLike(f.q)}%`));
  const where = and(...conditions);
  const [totals] = await db
    .select({ n: count(), sum: sql<string>`coalesce(sum(${payments.amountOre}), 0)` })
    .from(payments)
    .innerJoin(grants, eq(grants.id, payments.grantId))
    .innerJoin(municipalities, eq(municipalities.code, grants.municipalityCode))
    .where(where);
  const total = Number(totals?.n ?? 0);
  const w = pageWindow(total, f.page, PAYMENT_PAGE_SIZE);
  const rows = await db
    .select({
      id: payments.id,
      grantId: grants.id,
      municipalityName: municipalities.name,
      quarter: payments.quarter,
      dueOn: payments.dueOn,
      amountOre: payments.amountOre,
      status: payments.status,
      preparedByName: preparer.name,
      holdReason: grants.paymentHoldReason,
    })
    .from(payments)
    .innerJoin(grants, eq(grants.id, payments.grantId))
    .innerJoin(municipalities, eq(municipalities.code, grants.municipalityCode))
    .leftJoin(preparer, eq(preparer.id, payments.preparedBy))
    .where(where)
    .orderBy(asc(payments.dueOn), asc(municipalities.sortKey), asc(payments.id))
    .limit(w.limit)
    .offset(w.offset);
  return { rows, total, page: w.page, pages: w.pageCount, sumOre: BigInt(totals?.sum ?? 0) };
}

export const EXPORT_STATUSES = ["approved", "paid"] as const;
export type ExportStatusFilter = "approved" | "paid" | "both";

export function parseExportStatus(params: URLSearchParams): ExportStatusFilter {
  const s = params.get("status");
  return s === "approved" || s === "paid" ? s : "both";
}

/** Approved (and paid) payments for the finance system, one row per payment. */
export async function exportPayments(db: Executor, actor: ScopeActor, status: ExportStatusFilter) {
  const statuses = status === "both" ? [...EXPORT_STATUSES] : [status];
  const rows = await db
    .select({
      id: payments.id,
      grantId: grants.id,
      municipalityCode: municipalities.code,
      municipalityName: municipalities.officialName,
      quarter: payments.quarter,
      dueOn: payments.dueOn,
      amountOre: payments.amountOre,
      status: payments.status,
      paidOn: payments.paidOn,
      application: { id: applications.id, submittedAt: applications.submittedAt, createdAt: applications.createdAt },
    })
    .from(payments)
    .innerJoin(grants, eq(grants.id, payments.grantId))
    .innerJoin(municipalities, eq(municipalities.code, grants.municipalityCode))
    .innerJoin(applications, eq(applications.id, grants.applicationId))
    .where(and(grantScope(actor), inArray(payments.status, statuses)))
    .orderBy(asc(payments.dueOn), asc(municipalities.sortKey), asc(payments.id));
  return rows.map((r) => ({ ...r, amountOre: BigInt(r.amountOre), reference: referenceNumber(r.application) }));
}


/** The payments section of the grant page, ready to render (dates Danish). */
export async function grantPaymentsSection(db: Executor, actor: ScopeActor, grantId: number, manage: boolean) {
  const d = await grantPayments(db, actor, grantId);
  if (!d) return null;
  return paymentsSectionOf(grantId, d.grant.holdReason, d.rows, manage);
}

/** The payments section's props from rows already read (see paymentRows). */
export function paymentsSectionOf(grantId: number, holdReason: string | null, rows: Awaited<ReturnType<typeof paymentRows>>, manage: boolean) {
  return {
    grantId,
    holdReason,
    manage,
    rows: rows.map((r) => ({ ...r, dueOn: formatDate(r.dueOn), paidOn: r.paidOn ? formatDate(r.paidOn) : null })),
  };
}
