// The budget section's data for the pages (components/grant/budget-data.ts), scoped reads
// from app/domain/grants/budget-queries.server.ts with dates formatted.
import type { Executor } from "#db/client";
import type { BudgetChangeView, GrantBudgetData } from "~/components/grant/budget-data";
import type { BudgetChangeRow } from "~/domain/grants/budget-queries.server";
import { budgetChangeDetail, grantBudget } from "~/domain/grants/budget-queries.server";
import { can, type PolicyUser } from "~/policy/permissions";
import { formatDate, formatDateTime } from "~/utils/dates";

export function changeView(c: BudgetChangeRow): BudgetChangeView {
  return {
    ...c,
    requestedAt: formatDateTime(c.requestedAt),
    decidedAt: c.decidedAt ? formatDateTime(c.decidedAt) : null,
  };
}

/** The grant page's budget section, or null when the grant is not in the actor's scope. */
export async function grantBudgetSection(ex: Executor, actor: PolicyUser, grantId: number, shownVersion: number | null): Promise<GrantBudgetData | null> {
  const b = await grantBudget(ex, actor, grantId);
  if (!b) return null;
  const latest = b.versions[b.versions.length - 1];
  const pending = b.changes.some((c) => c.status === "pending");
  return {
    grantId,
    categories: b.categories,
    quarters: b.quarters,
    versions: b.versions.map((v) => ({ version: v.version, createdAt: formatDate(v.createdAt), note: v.note, lines: v.lines })),
    changes: b.changes.map(changeView),
    canRequest: Boolean(latest) && !pending && b.grant.status === "accepted" && can(actor, "budget-change:request", b.grant),
    shownVersion: shownVersion && b.versions.some((v) => v.version === shownVersion) ? shownVersion : (latest?.version ?? 0),
  };
}

/** One change for its page: the change, what it proposed and the version it was measured against. */
export async function budgetChangePage(ex: Executor, actor: PolicyUser, grantId: number, changeId: number) {
  const d = await budgetChangeDetail(ex, actor, grantId, changeId);
  if (!d) return null;
  return {
    grantId,
    categories: d.categories,
    quarters: d.quarters,
    change: changeView(d.change),
    proposed: d.proposed,
    from: d.from,
    canDecide: d.change.status === "pending" && can(actor, "budget-change:decide"),
  };
}
