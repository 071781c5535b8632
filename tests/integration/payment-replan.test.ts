import { and, eq, ne } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, grants, payments } from "#db/schema";
import { postLedgerEntry } from "~/domain/grants/ledger.server";
import { replanUnpaidPayments } from "~/domain/grants/payment-replan.server";
import { createTestDb, type TestDb } from "../setup/test-db";
import { expectLedgerConsistent, systemActor } from "./grant-fixtures";
import { addBudgetVersion, makePayableGrant, QUARTERS } from "./payment-fixtures";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
}, 60_000);
afterAll(async () => {
  await t.close();
  await t.dropDatabase();
});

const activePayments = (grantId: number) =>
  t.db.select().from(payments).where(and(eq(payments.grantId, grantId), ne(payments.status, "cancelled"))).orderBy(payments.quarter);
const sum = (xs: { amountOre: bigint }[]) => xs.reduce((a, b) => a + b.amountOre, 0n);
const replan = (grantId: number) => t.db.transaction((tx) => replanUnpaidPayments(tx, systemActor, grantId));

describe("replanUnpaidPayments", () => {
  it("plans one payment per budget quarter, in advance, summing exactly to the commitment, audited", async () => {
    const { grant, budgetOre } = await makePayableGrant(t.db);
    const r = await replan(grant.id);
    expect(r.ok).toBe(true);
    const rows = await activePayments(grant.id);
    expect(rows.map((p) => p.quarter)).toEqual(QUARTERS);
    expect(rows.every((p) => p.status === "planned")).toBe(true);
    expect(sum(rows)).toBe(budgetOre);
    expect(rows[0]!.dueOn).toBe("2023-01-12"); // accepted 12 January: Q1 had begun
    expect(rows[1]!.dueOn).toBe("2023-04-01");
    const audits = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "payments.replanned"), eq(auditLog.entityId, String(grant.id))));
    expect(audits).toHaveLength(1);
    // Running it again changes nothing and writes no second audit row.
    expect(await replan(grant.id)).toMatchObject({ ok: true, value: { changed: 0 } });
    await expectLedgerConsistent(t.db);
  });

  it("never touches paid or approved payments and spreads the rest over the unpaid quarters by the new version's weights", async () => {
    const { grant, budgetOre, categoryIds, lines } = await makePayableGrant(t.db);
    await replan(grant.id);
    const [q1, q2] = await activePayments(grant.id);
    // Q1 paid (through the ledger), Q2 approved.
    await t.db.transaction(async (tx) => {
      await tx.update(payments).set({ status: "paid", paidOn: "2023-01-13" }).where(eq(payments.id, q1!.id));
      const r = await postLedgerEntry(tx, systemActor, { grantId: grant.id, kind: "paid", paidDeltaOre: q1!.amountOre, paymentId: q1!.id, bookedOn: "2023-01-13" });
      expect(r.ok).toBe(true);
      await tx.update(payments).set({ status: "approved" }).where(eq(payments.id, q2!.id));
    });
    // Version 2 moves money from the later quarters into Q1 (already paid): the rest must be rescaled.
    const v2 = lines.map((l) => (l.quarter === "2023-Q1" && l.categoryId === categoryIds[0] ? { ...l, amountOre: l.amountOre + 3_333_333n } : l.quarter === "2024-Q4" && l.categoryId === categoryIds[0] ? { ...l, amountOre: l.amountOre - 3_333_333n } : l));
    await addBudgetVersion(t.db, grant.id, 2, v2);
    const r = await replan(grant.id);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const rows = await activePayments(grant.id);
    expect(rows[0]).toMatchObject({ id: q1!.id, status: "paid", amountOre: q1!.amountOre });
    expect(rows[1]).toMatchObject({ id: q2!.id, status: "approved", amountOre: q2!.amountOre });
    expect(sum(rows)).toBe(budgetOre); // exact: paid + approved + the new plan = committed
    expect(rows.slice(2).every((p) => p.status === "planned")).toBe(true);
    expect(r.value.plan.rounding).not.toBeNull();
    expect(rows.slice(2, -1).every((p) => p.amountOre % 100n === 0n)).toBe(true);
    await expectLedgerConsistent(t.db);
  });

  it("the database refuses to change or delete a paid payment", async () => {
    const { grant } = await makePayableGrant(t.db);
    await replan(grant.id);
    const [q1] = await activePayments(grant.id);
    await t.db.transaction(async (tx) => {
      await tx.update(payments).set({ status: "paid", paidOn: "2023-01-13" }).where(eq(payments.id, q1!.id));
      await postLedgerEntry(tx, systemActor, { grantId: grant.id, kind: "paid", paidDeltaOre: q1!.amountOre, paymentId: q1!.id, bookedOn: "2023-01-13" });
    });
    await expect(t.db.update(payments).set({ amountOre: 1n }).where(eq(payments.id, q1!.id))).rejects.toThrow();
    await expect(t.db.delete(payments).where(eq(payments.id, q1!.id))).rejects.toThrow();
    await expectLedgerConsistent(t.db);
  });

  it("shrinks the plan of a reduced grant to exactly what is still committed, and a prepared payment whose amount changed is planned again", async () => {
    const { grant, budgetOre } = await makePayableGrant(t.db);
    await replan(grant.id);
    const [q1, q2] = await activePayments(grant.id);
    await t.db.update(payments).set({ status: "prepared", preparedAt: new Date() }).where(eq(payments.id, q2!.id));
    // A partial cancellation of 100.000,01 kr. through the ledger.
    const reducedBy = 10_000_001n;
    await t.db.transaction(async (tx) => {
      const r = await postLedgerEntry(tx, systemActor, { grantId: grant.id, kind: "cancelled", committedDeltaOre: -reducedBy, bookedOn: "2023-02-01" });
      expect(r.ok).toBe(true);
    });
    expect((await replan(grant.id)).ok).toBe(true);
    const rows = await activePayments(grant.id);
    expect(sum(rows)).toBe(budgetOre - reducedBy);
    expect(rows.find((p) => p.id === q2!.id)?.status).toBe("planned");
    expect(rows[0]!.id).toBe(q1!.id); // updated in place, not replaced
    const [g] = await t.db.select().from(grants).where(eq(grants.id, grant.id));
    expect(sum(rows)).toBe(g!.committedOre);
    await expectLedgerConsistent(t.db);
  });
});
