// Re-plan a grant's unpaid payments from the budget version in force. Called when a grant
// gets its plan, by budget changes (new version) and by anything that changes what is
// committed. Approved and paid payments are fixed (paid rows are frozen by a trigger);
// planned and prepared rows are updated in place, added or cancelled. One audit row.
import { and, eq, ne } from "drizzle-orm";
import type { Tx } from "#db/client";
import { grants, payments } from "#db/schema";
import { notFound, ok, type Result } from "~/domain/result";
import { audit, type AuditActor } from "~/utils/audit.server";
import { copenhagenDateString } from "~/utils/dates";
import { versionInForce } from "./budget-queries.server";
import { planPayments, quarterBudgets, type PaymentPlan } from "./payment-plan";

export type ReplanOutcome = { plan: PaymentPlan; budgetVersionId: number | null; changed: number };

/**
 * Replace the grant's planned/prepared payments with the plan from the budget version in
 * force. Runs in the caller's transaction (`tx`). A prepared payment whose amount or due
 * date changes goes back to planned (it must be prepared again, by someone who sees the
 * new amount).
 */
export async function replanUnpaidPayments(tx: Tx, actor: AuditActor, grantId: number): Promise<Result<ReplanOutcome>> {
  // The grant row is the lock every payment command takes first (then the payment rows).
  const [grant] = await tx.select().from(grants).where(eq(grants.id, grantId)).for("update");
  if (!grant) return notFound("Tilsagnet findes ikke.");

  const inForce = await versionInForce(tx, grantId);
  const lines = inForce?.lines ?? [];

  const existing = await tx
    .select()
    .from(payments)
    .where(and(eq(payments.grantId, grantId), ne(payments.status, "cancelled")))
    .orderBy(payments.quarter);
  const fixed = existing
    .filter((p) => p.status === "approved" || p.status === "paid")
    .map((p) => ({ quarter: p.quarter, amountOre: p.amountOre, status: p.status as "approved" | "paid" }));
  const open = existing.filter((p) => p.status === "planned" || p.status === "prepared");

  const plan = planPayments({
    budget: quarterBudgets(lines),
    committedOre: grant.committedOre,
    paidOre: grant.paidOre,
    fixed,
    acceptedOn: grant.acceptedAt ? copenhagenDateString(grant.acceptedAt) : null,
  });

  const budgetVersionId = inForce?.id ?? null;
  const wanted = new Map(plan.payments.map((p) => [p.quarter, p]));
  let changed = 0;
  for (const row of open) {
    const next = wanted.get(row.quarter);
    if (!next) {
      await tx
        .update(payments)
        .set({ status: "cancelled", version: row.version + 1, updatedAt: new Date() })
        .where(eq(payments.id, row.id));
      changed++;
      continue;
    }
    wanted.delete(row.quarter);
    const same = next.amountOre === row.amountOre && next.dueOn === row.dueOn;
    if (same && row.budgetVersionId === budgetVersionId) continue;
    await tx
      .update(payments)
      .set({
        amountOre: next.amountOre,
        dueOn: next.dueOn,
        budgetVersionId,
        ...(same ? {} : { status: "planned" as const, preparedBy: null, preparedAt: null }),
        version: row.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(payments.id, row.id));
    changed++;
  }
  const toInsert = [...wanted.values()];
  if (toInsert.length) {
    await tx.insert(payments).values(
      toInsert.map((p) => ({ grantId, quarter: p.quarter, dueOn: p.dueOn, amountOre: p.amountOre, budgetVersionId })),
    );
    changed += toInsert.length;
  }

  if (changed > 0) {
    await audit(tx, actor, {
      action: "payments.replanned",
      entityType: "grant",
      entityId: grantId,
      before: { payments: open.map((p) => ({ quarter: p.quarter, amountOre: p.amountOre, status: p.status })) },
      after: {
        budgetVersionId,
        payments: plan.payments,
        rounding: plan.rounding,
        unplacedOre: plan.unplacedOre,
      },
    });
  }
  return ok({ plan, budgetVersionId, changed });
}

