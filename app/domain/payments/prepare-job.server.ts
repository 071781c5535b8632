// The job "prepare next quarter's payments": once a quarter, for every accepted grant that
// is not held, the planned payments up to and including next quarter are prepared by the
// system (a ministry user then approves them: four-eyes holds, since the system is not
// that user). A grant with no plan yet gets one first. Catches up: an earlier quarter's
// payment still planned is prepared too.
import { and, asc, eq, isNull, lte, ne, sql } from "drizzle-orm";
import type { Tx } from "#db/client";
import { grants, payments } from "#db/schema";
import { audit } from "~/utils/audit.server";
import { copenhagenDateString } from "~/utils/dates";
import { nextQuarter, quarterOf } from "~/domain/grants/payment-plan";
import { replanUnpaidPayments } from "~/domain/grants/payment-replan.server";

const JOB_ACTOR = { userId: null, role: "system", requestId: "job:prepare-payments" } as const;

/** The quarter the job prepares during `now`'s quarter: the next one. */
export function preparationQuarter(now: Date) {
  return nextQuarter(quarterOf(copenhagenDateString(now)));
}

export async function prepareNextQuarterPayments(tx: Tx, now: Date) {
  const target = preparationQuarter(now);
  const eligible = await tx
    .select({ id: grants.id })
    .from(grants)
    .where(and(eq(grants.status, "accepted"), isNull(grants.paymentHoldReason)))
    .orderBy(asc(grants.id))
    .for("update");
  let planned = 0;
  let prepared = 0;
  for (const g of eligible) {
    const [has] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(payments)
      .where(and(eq(payments.grantId, g.id), ne(payments.status, "cancelled")));
    if (Number(has?.n ?? 0) === 0) {
      const r = await replanUnpaidPayments(tx, JOB_ACTOR, g.id);
      if (r.ok && r.value.changed > 0) planned++;
    }
    const moved = await tx
      .update(payments)
      .set({ status: "prepared", preparedAt: now, preparedBy: null, version: sql`${payments.version} + 1`, updatedAt: now })
      .where(and(eq(payments.grantId, g.id), eq(payments.status, "planned"), lte(payments.quarter, target)))
      .returning({ id: payments.id, quarter: payments.quarter, amountOre: payments.amountOre });
    for (const p of moved) {
      await audit(tx, JOB_ACTOR, {
        action: "payment.prepared",
        entityType: "payment",
        entityId: p.id,
        before: { status: "planned" },
        after: { status: "prepared", quarter: p.quarter, amountOre: p.amountOre, grantId: g.id, by: "job" },
      });
    }
    prepared += moved.length;
  }
  return { quarter: target, grants: eligible.length, plansCreated: planned, prepared };
}

