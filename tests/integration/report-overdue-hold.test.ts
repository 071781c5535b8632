// An overdue report stops the grant's payments (issue 18): the daily job sets the hold with a
// Danish reason naming the report and its due date, source 'report', audited in the same
// transaction; payments are then refused and the quarterly preparation skips the grant. A
// hold already set (by hand) is never overwritten; a received report holds nothing.
import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#db/client";
import { auditLog, grants, payments } from "#db/schema";
import { getDb } from "~/db.server";
import { preparePayment, setPaymentHold } from "~/domain/payments/commands.server";
import { prepareNextQuarterPayments } from "~/domain/payments/prepare-job.server";
import { replanUnpaidPayments } from "~/domain/grants/payment-replan.server";
import { holdGrantsWithOverdueReports } from "~/domain/reports/overdue-hold.server";
import { reportOverdueHoldsJob } from "~/jobs/registry.server";
import { createJobRunner } from "~/jobs/runner.server";
import { copenhagenInstant } from "~/utils/dates";
import { createUser, type TestUser } from "../fixtures";
import { addDueDates, setReportStatus } from "./reminder-fixtures";
import { makePayableGrant } from "./payment-fixtures";

let db: Database;
let caseworker: TestUser;
let overdue: { id: number; poolId: number; municipalityCode: string };
let manual: { id: number; poolId: number; municipalityCode: string };
let received: { id: number; poolId: number; municipalityCode: string };
let notYet: { id: number; poolId: number; municipalityCode: string };

const at = (date: string, time = "07:00") => copenhagenInstant(date, time);
const grantOf = async (id: number) => (await db.select().from(grants).where(eq(grants.id, id)))[0]!;
async function runJobAt(now: Date) {
  return createJobRunner({ db, jobs: [reportOverdueHoldsJob], clock: () => now, now: async () => now }).runOnce();
}

beforeAll(async () => {
  db = await getDb();
  const grantWith = async (municipalityCode: string, dueDates: Parameters<typeof addDueDates>[2]) => {
    const { grant } = await makePayableGrant(db, { municipalityCode });
    await addDueDates(db, grant, dueDates);
    const r = await db.transaction((tx) => replanUnpaidPayments(tx, { userId: null, role: "system", requestId: "test" }, grant.id));
    if (!r.ok) throw new Error(r.message);
    return grant;
  };
  overdue = await grantWith("0360", [
    { dueOn: "2024-06-30", label: "1. statusrapport", status: "draft" },
    { dueOn: "2024-12-31", label: "2. statusrapport" },
  ]);
  caseworker = await createUser(db, "caseworker"); // after the first call: it seeds the agencies
  manual = await grantWith("0320", [{ dueOn: "2024-06-30", label: "1. statusrapport" }]);
  received = await grantWith("0741", [{ dueOn: "2024-06-30", label: "1. statusrapport", status: "submitted" }]);
  notYet = await grantWith("0400", [{ dueOn: "2024-07-31", kind: "final_report" }]);
  expect(await setPaymentHold(db, caseworker, manual.id, "Kommunen har ikke indsendt revisorerklæring.")).toMatchObject({ ok: true });
}, 60_000);

describe("overdue report → payment hold", () => {
  it("holds nothing on the due date itself", async () => {
    expect(await db.transaction((tx) => holdGrantsWithOverdueReports(tx, at("2024-06-30", "23:30")))).toEqual({ held: 0, grantIds: [] });
  });

  it("holds the grant with an overdue report, names the report and its due date, audited", async () => {
    expect((await runJobAt(at("2024-07-01", "00:15"))).map((r) => r.outcome)).toEqual(["done"]);
    const g = await grantOf(overdue.id);
    expect(g.paymentHoldReason).toBe("1. statusrapport med frist 30.06.2024 er ikke modtaget.");
    expect(g.paymentHoldSource).toBe("report");
    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.action, "payment.held"), eq(auditLog.entityId, String(overdue.id))));
    expect(entry!.actorRole).toBe("system");
    expect(entry!.after).toMatchObject({ paymentHoldSource: "report", dueOn: "2024-06-30" });
    // A received report and a report not yet due hold nothing.
    expect((await grantOf(received.id)).paymentHoldReason).toBeNull();
    expect((await grantOf(notYet.id)).paymentHoldReason).toBeNull();
  });

  it("never overwrites a manual hold", async () => {
    const g = await grantOf(manual.id);
    expect(g.paymentHoldReason).toBe("Kommunen har ikke indsendt revisorerklæring.");
    expect(g.paymentHoldSource).toBe("manual");
    const held = await db.select().from(auditLog).where(and(eq(auditLog.action, "payment.held"), eq(auditLog.entityId, String(manual.id))));
    expect(held.map((h) => h.actorRole)).toEqual(["caseworker"]);
  });

  it("refuses payments to the held grant and the quarterly preparation skips it", async () => {
    const [p] = await db.select().from(payments).where(eq(payments.grantId, overdue.id)).orderBy(payments.quarter).limit(1);
    const r = await preparePayment(db, caseworker, p!.id, overdue.id);
    expect(r).toMatchObject({ ok: false, kind: "conflict", message: "Udbetalinger til tilsagnet er standset: 1. statusrapport med frist 30.06.2024 er ikke modtaget." });
    const prepared = await db.transaction((tx) => prepareNextQuarterPayments(tx, at("2024-07-02")));
    expect(prepared.prepared).toBeGreaterThan(0);
    const byGrant = await db
      .select({ grantId: payments.grantId, status: payments.status })
      .from(payments)
      .where(inArray(payments.grantId, [overdue.id, manual.id, received.id]));
    expect(byGrant.filter((x) => x.grantId === overdue.id).every((x) => x.status === "planned")).toBe(true);
    expect(byGrant.filter((x) => x.grantId === manual.id).every((x) => x.status === "planned")).toBe(true);
    expect(byGrant.some((x) => x.grantId === received.id && x.status === "prepared")).toBe(true);
  });

  it("runs again without a second hold or audit row; a released hold is set again while still overdue", async () => {
    expect(await db.transaction((tx) => holdGrantsWithOverdueReports(tx, at("2024-07-05")))).toEqual({ held: 0, grantIds: [] });
    // A final report past due holds that grant now.
    expect(await db.transaction((tx) => holdGrantsWithOverdueReports(tx, at("2024-08-01")))).toEqual({ held: 1, grantIds: [notYet.id] });
    expect((await grantOf(notYet.id)).paymentHoldReason).toBe("Slutrapport med frist 31.07.2024 er ikke modtaget.");
    // Submitted, then the hold released (the approval's job): nothing overdue, nothing held.
    await setReportStatus(db, overdue, (await dueDateOf(overdue.id, "2024-06-30"))!, "approved");
    await db.update(grants).set({ paymentHoldReason: null, paymentHoldSource: null }).where(eq(grants.id, overdue.id));
    expect(await db.transaction((tx) => holdGrantsWithOverdueReports(tx, at("2024-12-31")))).toEqual({ held: 0, grantIds: [] });
    // The next report is missed: held again, naming that one.
    expect(await db.transaction((tx) => holdGrantsWithOverdueReports(tx, at("2025-01-01")))).toEqual({ held: 1, grantIds: [overdue.id] });
    expect((await grantOf(overdue.id)).paymentHoldReason).toBe("2. statusrapport med frist 31.12.2024 er ikke modtaget.");
  });
});

async function dueDateOf(grantId: number, dueOn: string) {
  const { grantReportDueDates } = await import("#db/schema");
  const [d] = await db
    .select({ id: grantReportDueDates.id })
    .from(grantReportDueDates)
    .where(and(eq(grantReportDueDates.grantId, grantId), eq(grantReportDueDates.dueOn, dueOn)));
  return d?.id;
}
