// An overdue report stops the grant's payments (issue 18): the daily job sets the hold on
// every accepted grant with a report past its due date and not received (isOverdue), with a
// Danish reason naming the report and its due date and source 'report', audited in the same
// transaction. A grant already held (by hand, or for another report) is left as it is: a
// manual hold is never overwritten. Approving the report lifts a 'report' hold (the
// reporting commands do that).
import { and, asc, eq, isNull, lt, sql } from "drizzle-orm";
import type { Tx } from "#db/client";
import { grantReportDueDates, grants, progressReports } from "#db/schema";
import { audit } from "~/utils/audit.server";
import { copenhagenDateString, formatDate } from "~/utils/dates";
import { reportLabel } from "./reminders.server";

const holdActor = { userId: null, role: "system", requestId: "job-report-overdue-holds" } as const;

/** The hold's reason: "1. statusrapport med frist 30.06.2024 er ikke modtaget." */
export function overdueHoldReason(report: { label: string; kind: "status_report" | "final_report" }, dueOn: string) {
  return `${reportLabel(report)} med frist ${formatDate(dueOn)} er ikke modtaget.`;
}

export async function holdGrantsWithOverdueReports(tx: Tx, now: Date) {
  const today = copenhagenDateString(now);
  // The oldest overdue report per grant names the hold.
  const overdue = await tx
    .selectDistinctOn([grants.id], {
      grantId: grants.id,
      dueDateId: grantReportDueDates.id,
      kind: grantReportDueDates.kind,
      label: grantReportDueDates.label,
      dueOn: grantReportDueDates.dueOn,
      status: progressReports.status,
    })
    .from(grantReportDueDates)
    .innerJoin(grants, eq(grants.id, grantReportDueDates.grantId))
    .leftJoin(progressReports, eq(progressReports.dueDateId, grantReportDueDates.id))
    .where(
      and(
        eq(grants.status, "accepted"),
        isNull(grants.paymentHoldReason),
        lt(grantReportDueDates.dueOn, today),
        sql`coalesce(${progressReports.status}, 'draft') NOT IN ('submitted', 'approved')`,
      ),
    )
    .orderBy(asc(grants.id), asc(grantReportDueDates.dueOn), asc(grantReportDueDates.id));
  const held: number[] = [];
  for (const o of overdue) {
    const reason = overdueHoldReason(o, o.dueOn);
    // Only while no hold is set: a hold set meanwhile (by hand, by another run) stays.
    const [set] = await tx
      .update(grants)
      .set({ paymentHoldReason: reason, paymentHoldSource: "report", updatedAt: now })
      .where(and(eq(grants.id, o.grantId), eq(grants.status, "accepted"), isNull(grants.paymentHoldReason)))
      .returning({ id: grants.id });
    if (!set) continue;
    await audit(tx, holdActor, {
      action: "payment.held",
      entityType: "grant",
      entityId: o.grantId,
      before: { paymentHoldReason: null },
      after: { paymentHoldReason: reason, paymentHoldSource: "report", dueDateId: o.dueDateId, dueOn: o.dueOn, status: o.status },
    });
    held.push(o.grantId);
  }
  return { held: held.length, grantIds: held };
}
