// Demo: payments on the 2022 grants (once they are seeded): each accepted grant's plan
// from its budget version in force, quarters through 3. kvt. 2024 paid (prepared by the
// caseworker, approved by the admin, the ledger's paid entry on the first banking day),
// 4. kvt. 2024 approved on one grant and prepared on another. A grant already on hold (the
// demo reports hold Langeland's for a missed status report) keeps its last quarter planned.
// Does nothing while there are no accepted grants.
import { and, asc, eq } from "drizzle-orm";
import type { Tx } from "../client";
import { grants, payments } from "../schema";
import { postLedgerEntry } from "../../app/domain/grants/ledger.server";
import { replanUnpaidPayments } from "../../app/domain/grants/payment-replan.server";

const SEED_ACTOR = { userId: null, role: "system", requestId: "seed-demo" } as const;

export async function seedDemoPayments(
  tx: Tx,
  opts: { callId: number; preparedBy: string; approvedBy: string },
) {
  const rows = await tx
    .select({ id: grants.id, held: grants.paymentHoldReason })
    .from(grants)
    .where(and(eq(grants.callId, opts.callId), eq(grants.status, "accepted")))
    .orderBy(asc(grants.id));
  let paid = 0;
  for (const [i, g] of rows.entries()) {
    const plan = await replanUnpaidPayments(tx, SEED_ACTOR, g.id);
    if (!plan.ok) throw new Error(`demo payments: ${plan.message}`);
    const list = await tx.select().from(payments).where(and(eq(payments.grantId, g.id), eq(payments.status, "planned"))).orderBy(asc(payments.quarter));
    for (const p of list) {
      const paidOn = firstBankingDay(p.dueOn);
      const at = new Date(`${p.dueOn}T08:00:00Z`);
      if (p.quarter <= "2024-Q3") {
        await tx
          .update(payments)
          .set({ status: "paid", preparedBy: opts.preparedBy, preparedAt: at, approvedBy: opts.approvedBy, approvedAt: at, paidOn, paidBy: opts.preparedBy })
          .where(eq(payments.id, p.id));
        const entry = await postLedgerEntry(tx, SEED_ACTOR, { grantId: g.id, kind: "paid", paidDeltaOre: p.amountOre, paymentId: p.id, bookedOn: paidOn, note: `Udbetaling ${p.quarter}` });
        if (!entry.ok) throw new Error(`demo payments: ${entry.message}`);
        paid++;
      } else if (g.held === null && i % 3 === 0) {
        await tx.update(payments).set({ status: "approved", preparedBy: opts.preparedBy, preparedAt: at, approvedBy: opts.approvedBy, approvedAt: at }).where(eq(payments.id, p.id));
      } else if (g.held === null && i % 3 === 1) {
        await tx.update(payments).set({ status: "prepared", preparedBy: opts.preparedBy, preparedAt: at }).where(eq(payments.id, p.id));
      }
    }
  }
  return { grants: rows.length, paid };
}

/** Skip a weekend: a due date on Saturday or Sunday is paid the Monday after. */
function firstBankingDay(iso: string) {
  const d = new Date(`${iso}T00:00:00Z`);
  const day = d.getUTCDay();
  if (day === 6) d.setUTCDate(d.getUTCDate() + 2);
  if (day === 0) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
