// The demo payments on accepted grants: paid through 3. kvt. 2024 through the ledger, the
// last quarter approved (or left planned on a grant already on hold, which keeps its reason).
import { and, eq, ne } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grantLedgerEntries, grants, payments } from "#db/schema";
import { seedDemoPayments } from "#db/seed/demo-payments";
import { createUser, seedBase } from "../fixtures";
import { createTestDb, type TestDb } from "../setup/test-db";
import { expectLedgerConsistent, grantRow } from "./grant-fixtures";
import { makePayableGrant } from "./payment-fixtures";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  await seedBase(t.db);
}, 60_000);
afterAll(async () => {
  await t.close();
  await t.dropDatabase();
});

describe("demo payments", () => {
  it("pays 2023 – 3. kvt. 2024 through the ledger, approves the last quarter, and leaves it planned on a held grant", async () => {
    const caseworker = await createUser(t.db, "caseworker");
    const admin = await createUser(t.db, "admin");
    const held = await makePayableGrant(t.db, { municipalityCode: "0482" });
    const open = await makePayableGrant(t.db, { municipalityCode: "0360" });
    // The demo reports hold Langeland's grant (an overdue status report) before the payments are seeded.
    const reason = "Statusrapport 3 med frist 30.06.2024 er ikke modtaget.";
    await t.db.update(grants).set({ paymentHoldReason: reason, paymentHoldSource: "report" }).where(eq(grants.id, held.grant.id));
    for (const g of [held, open]) {
      await t.db.transaction((tx) => seedDemoPayments(tx, { callId: g.callId, preparedBy: caseworker.userId, approvedBy: admin.userId }));
    }
    await expectLedgerConsistent(t.db);
    const rows = async (id: number) =>
      t.db.select().from(payments).where(and(eq(payments.grantId, id), ne(payments.status, "cancelled"))).orderBy(payments.quarter);
    const h = await rows(held.grant.id);
    expect(h.slice(0, 7).every((p) => p.status === "paid")).toBe(true);
    expect(h[7]!.status).toBe("planned");
    expect((await grantRow(t.db, held.grant.id)).paymentHoldReason).toBe(reason);
    const o = await rows(open.grant.id);
    expect(o[7]!.status).toBe("approved");
    const g = await grantRow(t.db, open.grant.id);
    expect(g.paidOre).toBe(o.slice(0, 7).reduce((s, p) => s + p.amountOre, 0n));
    const entries = await t.db.select().from(grantLedgerEntries).where(and(eq(grantLedgerEntries.grantId, open.grant.id), eq(grantLedgerEntries.kind, "paid")));
    expect(entries).toHaveLength(7);
    const [row] = await t.db.select().from(grants).where(eq(grants.id, open.grant.id));
    expect(row!.paymentHoldReason).toBeNull();
  });
});
