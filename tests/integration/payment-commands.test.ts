import { and, eq, ne } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, grantLedgerEntries, grants, payments } from "#db/schema";
import { postLedgerEntry } from "~/domain/grants/ledger.server";
import {
  approvePayment,
  correctPayment,
  markPaymentPaid,
  preparePayment,
  returnPayment,
  setPaymentHold,
} from "~/domain/payments/commands.server";
import { FOUR_EYES_MESSAGE } from "~/domain/payments/payment-status";
import { replanUnpaidPayments } from "~/domain/grants/payment-replan.server";
import { createUser, seedBase, type TestUser } from "../fixtures";
import { createTestDb, type TestDb } from "../setup/test-db";
import { expectLedgerConsistent, grantRow, systemActor } from "./grant-fixtures";
import { makePayableGrant } from "./payment-fixtures";

let t: TestDb;
let caseworker: TestUser;
let second: TestUser;
let admin: TestUser;
let municipal: TestUser;
beforeAll(async () => {
  t = await createTestDb();
  await seedBase(t.db);
  caseworker = await createUser(t.db, "caseworker");
  second = await createUser(t.db, "caseworker");
  admin = await createUser(t.db, "admin");
  municipal = await createUser(t.db, "municipality", { municipalityCode: "0360" });
}, 60_000);
afterAll(async () => {
  await t.close();
  await t.dropDatabase();
});

async function plannedGrant(opts: Parameters<typeof makePayableGrant>[1] = {}) {
  const g = await makePayableGrant(t.db, opts);
  const r = await t.db.transaction((tx) => replanUnpaidPayments(tx, systemActor, g.grant.id));
  expect(r.ok).toBe(true);
  const rows = await t.db
    .select()
    .from(payments)
    .where(and(eq(payments.grantId, g.grant.id), ne(payments.status, "cancelled")))
    .orderBy(payments.quarter);
  return { ...g, rows };
}
const paymentRow = async (id: number) => (await t.db.select().from(payments).where(eq(payments.id, id)))[0]!;
const paidEntries = (paymentId: number) =>
  t.db.select().from(grantLedgerEntries).where(and(eq(grantLedgerEntries.paymentId, paymentId), eq(grantLedgerEntries.kind, "paid")));

describe("payment flow", () => {
  it("prepare → approve by another person → paid with a date writes the ledger's paid entry, all audited", async () => {
    const { grant, rows } = await plannedGrant();
    const q1 = rows[0]!;
    expect(await preparePayment(t.db, caseworker, q1.id)).toMatchObject({ ok: true });
    await expectLedgerConsistent(t.db);
    expect(await approvePayment(t.db, second, q1.id)).toMatchObject({ ok: true });
    await expectLedgerConsistent(t.db);
    expect(await markPaymentPaid(t.db, caseworker, q1.id, "2023-01-16")).toMatchObject({ ok: true });
    await expectLedgerConsistent(t.db);
    const after = await paymentRow(q1.id);
    expect(after).toMatchObject({ status: "paid", paidOn: "2023-01-16", preparedBy: caseworker.userId, approvedBy: second.userId, paidBy: caseworker.userId });
    const entries = await paidEntries(q1.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ paidDeltaOre: q1.amountOre, bookedOn: "2023-01-16", grantId: grant.id });
    expect((await grantRow(t.db, grant.id)).paidOre).toBe(q1.amountOre);
    const actions = (await t.db.select().from(auditLog).where(eq(auditLog.entityId, String(q1.id)))).filter((a) => a.entityType === "payment").map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["payment.prepared", "payment.approved", "payment.paid"]));
  });

  it("four-eyes: the preparer cannot approve (server check), and the database refuses it too (CHECK payments_four_eyes)", async () => {
    const { rows } = await plannedGrant();
    const q1 = rows[0]!;
    await preparePayment(t.db, caseworker, q1.id);
    expect(await approvePayment(t.db, caseworker, q1.id)).toMatchObject({ ok: false, kind: "refused", message: FOUR_EYES_MESSAGE });
    expect((await paymentRow(q1.id)).status).toBe("prepared");
    // Straight at the table, past the server check: the constraint holds.
    const error = await t.db
      .update(payments)
      .set({ status: "approved", approvedBy: caseworker.userId })
      .where(eq(payments.id, q1.id))
      .then(() => null, (e: unknown) => e as Error & { cause?: unknown });
    expect(error).not.toBeNull();
    expect(String((error as { cause?: unknown }).cause ?? error)).toContain("payments_four_eyes");
    expect((await paymentRow(q1.id)).approvedBy).toBeNull();
    await expectLedgerConsistent(t.db);
  });

  it("only ministry users may prepare or approve; a municipality user is refused and the payment is untouched", async () => {
    const { rows } = await plannedGrant();
    expect(await preparePayment(t.db, municipal, rows[0]!.id)).toMatchObject({ ok: false, kind: "refused" });
    expect(await markPaymentPaid(t.db, municipal, rows[0]!.id, "2023-01-16")).toMatchObject({ ok: false, kind: "refused" });
    expect((await paymentRow(rows[0]!.id)).status).toBe("planned");
  });

  it("refuses steps out of order: approve a planned payment, pay a prepared one", async () => {
    const { rows } = await plannedGrant();
    expect(await approvePayment(t.db, second, rows[0]!.id)).toMatchObject({ ok: false, kind: "conflict" });
    await preparePayment(t.db, caseworker, rows[0]!.id);
    expect(await markPaymentPaid(t.db, caseworker, rows[0]!.id, "2023-01-16")).toMatchObject({ ok: false, kind: "conflict" });
    expect(await returnPayment(t.db, second, rows[0]!.id)).toMatchObject({ ok: true });
    expect((await paymentRow(rows[0]!.id)).status).toBe("planned");
    expect(await paidEntries(rows[0]!.id)).toHaveLength(0);
    await expectLedgerConsistent(t.db);
  });

  it("a hold refuses prepare and approve with the reason; released, the flow goes on", async () => {
    const { grant, rows } = await plannedGrant();
    await preparePayment(t.db, caseworker, rows[0]!.id);
    expect(await setPaymentHold(t.db, caseworker, grant.id, "Statusrapporten for 2. kvt. mangler")).toMatchObject({ ok: true });
    const approve = await approvePayment(t.db, second, rows[0]!.id);
    expect(approve).toMatchObject({ ok: false, kind: "conflict" });
    expect(!approve.ok && approve.message).toContain("Statusrapporten for 2. kvt. mangler");
    expect(await preparePayment(t.db, caseworker, rows[1]!.id)).toMatchObject({ ok: false, kind: "conflict" });
    expect(await setPaymentHold(t.db, municipal, grant.id, null)).toMatchObject({ ok: false, kind: "refused" });
    expect(await setPaymentHold(t.db, admin, grant.id, null)).toMatchObject({ ok: true });
    expect((await grantRow(t.db, grant.id)).paymentHoldReason).toBeNull();
    expect(await approvePayment(t.db, second, rows[0]!.id)).toMatchObject({ ok: true });
    const held = await t.db.select().from(auditLog).where(and(eq(auditLog.entityId, String(grant.id)), eq(auditLog.action, "payment.held")));
    expect(held).toHaveLength(1);
  });

  it("never pays more than is committed: a payment approved before the grant was reduced is refused, nothing booked", async () => {
    const { grant, rows } = await plannedGrant();
    // Pay everything but the last quarter, then approve the last one.
    for (const p of rows.slice(0, -1)) {
      await preparePayment(t.db, caseworker, p.id);
      await approvePayment(t.db, second, p.id);
      expect(await markPaymentPaid(t.db, caseworker, p.id, "2023-06-01")).toMatchObject({ ok: true });
    }
    const last = rows.at(-1)!;
    await preparePayment(t.db, caseworker, last.id);
    await approvePayment(t.db, second, last.id);
    // The commitment is reduced by 1 øre through the ledger (e.g. a partial cancellation).
    await t.db.transaction((tx) => postLedgerEntry(tx, systemActor, { grantId: grant.id, kind: "cancelled", committedDeltaOre: -1n, bookedOn: "2024-09-01" }));
    const r = await markPaymentPaid(t.db, caseworker, last.id, "2024-10-01");
    expect(r).toMatchObject({ ok: false, kind: "conflict" });
    expect((await paymentRow(last.id)).status).toBe("approved");
    expect(await paidEntries(last.id)).toHaveLength(0);
    const g = await grantRow(t.db, grant.id);
    expect(g.paidOre).toBeLessThanOrEqual(g.committedOre);
    await expectLedgerConsistent(t.db);
  });

  it("a paid payment is corrected by a new ledger entry with a reason; the unpaid ones are re-planned to the commitment", async () => {
    const { grant, rows, budgetOre } = await plannedGrant();
    const q1 = rows[0]!;
    await preparePayment(t.db, caseworker, q1.id);
    await approvePayment(t.db, second, q1.id);
    await markPaymentPaid(t.db, caseworker, q1.id, "2023-01-16");
    // 1.000,00 kr. too little went out: the finance system paid 1.000,00 kr. more afterwards.
    expect(await correctPayment(t.db, caseworker, q1.id, { deltaOre: 100_000n, bookedOn: "2023-01-20", reason: "Efterbetaling af fejl i beløb" })).toMatchObject({ ok: true });
    await expectLedgerConsistent(t.db);
    const corrected = await t.db.select().from(grantLedgerEntries).where(and(eq(grantLedgerEntries.paymentId, q1.id), eq(grantLedgerEntries.kind, "corrected")));
    expect(corrected).toHaveLength(1);
    expect(corrected[0]).toMatchObject({ paidDeltaOre: 100_000n, note: "Efterbetaling af fejl i beløb" });
    expect(await paymentRow(q1.id)).toMatchObject({ status: "paid", amountOre: q1.amountOre }); // the row itself is untouched
    const active = await t.db.select().from(payments).where(and(eq(payments.grantId, grant.id), ne(payments.status, "cancelled")));
    const g = await grantRow(t.db, grant.id);
    const unpaid = active.filter((p) => p.status !== "paid").reduce((s, p) => s + p.amountOre, 0n);
    expect(g.paidOre + unpaid).toBe(budgetOre);
    // A correction cannot make a payment negative.
    expect(await correctPayment(t.db, caseworker, q1.id, { deltaOre: -(q1.amountOre + 100_001n), bookedOn: "2023-01-21", reason: "For meget" })).toMatchObject({ ok: false, kind: "conflict" });
    // Only paid payments are corrected.
    expect(await correctPayment(t.db, caseworker, rows[1]!.id, { deltaOre: 100n, bookedOn: "2023-01-21", reason: "x" })).toMatchObject({ ok: false, kind: "conflict" });
    await expectLedgerConsistent(t.db);
  });

  it("two 'mark paid' at the same time on the same payment: exactly one ledger entry", async () => {
    const { grant, rows } = await plannedGrant();
    const q1 = rows[0]!;
    await preparePayment(t.db, caseworker, q1.id);
    await approvePayment(t.db, second, q1.id);
    const results = await Promise.all([
      markPaymentPaid(t.db, caseworker, q1.id, "2023-01-16"),
      markPaymentPaid(t.db, admin, q1.id, "2023-01-17"),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)[0]).toMatchObject({ kind: "conflict" });
    expect(await paidEntries(q1.id)).toHaveLength(1);
    expect((await grantRow(t.db, grant.id)).paidOre).toBe(q1.amountOre);
    await expectLedgerConsistent(t.db);
  });

  it("a municipality user cannot stop another municipality's payments", async () => {
    const { rows } = await plannedGrant({ municipalityCode: "0482" });
    expect(await setPaymentHold(t.db, municipal, rows[0]!.grantId, "x")).toMatchObject({ ok: false });
    const [g] = await t.db.select().from(grants).where(eq(grants.id, rows[0]!.grantId));
    expect(g!.paymentHoldReason).toBeNull();
  });
});
