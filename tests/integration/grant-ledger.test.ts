import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { calls, grantLedgerEntries, pools } from "#db/schema";
import { postLedgerEntry, runLedgerCommand, GRANT_BOUND, POOL_EXHAUSTED } from "~/domain/grants/ledger.server";
import { createTestDb, type TestDb } from "../setup/test-db";
import { makeAssessmentCall } from "./assessment-fixtures";
import { expectLedgerConsistent, grantRow, makeGrant, systemActor } from "./grant-fixtures";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.close();
  await t.dropDatabase();
});

// The ledger cannot be emptied (append-only), so each test gets a pool and a call of its own.
async function freshPoolAndCall() {
  const { call } = await makeAssessmentCall(t.db);
  const [pool] = await t.db
    .insert(pools)
    .values({ name: `Testpulje ${call.id}`, financeLine: "§ 15.26.35.10", totalOre: 1_430_000_000n, startsOn: "2022-01-01", endsOn: "2025-09-30" })
    .returning();
  await t.db.update(calls).set({ poolId: pool!.id }).where(eq(calls.id, call.id));
  return { callId: call.id, poolId: pool!.id };
}

describe("grant ledger", () => {
  let callId: number;
  let poolId: number;
  beforeEach(async () => {
    ({ callId, poolId } = await freshPoolAndCall());
  });

  it("moves the pool and the grant counters with each entry, and they equal the ledger's sums", async () => {
    const { grant } = await makeGrant(t.db, callId, "0360", { awardedOre: 200_000_000n, poolId });
    await t.db.transaction(async (tx) => {
      const paid = await postLedgerEntry(tx, systemActor, { grantId: grant.id, kind: "paid", paidDeltaOre: 50_000_000n, bookedOn: "2023-01-02" });
      expect(paid.ok).toBe(true);
    });
    const row = await grantRow(t.db, grant.id);
    expect(row.committedOre).toBe(200_000_000n);
    expect(row.paidOre).toBe(50_000_000n);
    const [pool] = await t.db.select().from(pools).where(eq(pools.id, poolId));
    expect(pool!.allocatedOre).toBe(200_000_000n);
    await expectLedgerConsistent(t.db);
  });

  it("refuses a commitment beyond what is left in the pool, and leaves nothing behind", async () => {
    const [pool] = await t.db.select().from(pools).where(eq(pools.id, poolId));
    await makeGrant(t.db, callId, "0360", { awardedOre: pool!.totalOre - 100n, poolId });
    const { grant } = await makeGrant(t.db, callId, "0482", { awardedOre: 200n, poolId, commit: false });
    const result = await t.db.transaction((tx) =>
      postLedgerEntry(tx, systemActor, { grantId: grant.id, kind: "committed", committedDeltaOre: 200n, bookedOn: "2022-12-15" }),
    );
    expect(result).toMatchObject({ ok: false, kind: "conflict", message: POOL_EXHAUSTED });
    expect((await t.db.select().from(grantLedgerEntries).where(eq(grantLedgerEntries.grantId, grant.id))).length).toBe(0);
    await expectLedgerConsistent(t.db);
  });

  it("refuses paying more than the grant, rolling back the whole command", async () => {
    const { grant } = await makeGrant(t.db, callId, "0360", { awardedOre: 1_000n, poolId });
    const result = await runLedgerCommand(() =>
      t.db.transaction(async (tx) => {
        const first = await postLedgerEntry(tx, systemActor, { grantId: grant.id, kind: "paid", paidDeltaOre: 600n, bookedOn: "2023-01-02" });
        expect(first.ok).toBe(true);
        return postLedgerEntry(tx, systemActor, { grantId: grant.id, kind: "paid", paidDeltaOre: 600n, bookedOn: "2023-04-02" });
      }),
    );
    expect(result).toMatchObject({ ok: false, kind: "conflict", message: GRANT_BOUND });
    expect((await grantRow(t.db, grant.id)).paidOre).toBe(0n);
    await expectLedgerConsistent(t.db);
  });

  it("releases a commitment back to the pool (lapse) but never below what was paid", async () => {
    const { grant } = await makeGrant(t.db, callId, "0360", { awardedOre: 1_000n, poolId });
    const lapse = await runLedgerCommand(() =>
      t.db.transaction((tx) =>
        postLedgerEntry(tx, systemActor, { grantId: grant.id, kind: "lapsed", committedDeltaOre: -1_000n, bookedOn: "2023-01-16" }),
      ),
    );
    expect(lapse.ok).toBe(true);
    const [pool] = await t.db.select().from(pools).where(eq(pools.id, poolId));
    expect(pool!.allocatedOre).toBe(0n);
    await expectLedgerConsistent(t.db);
  });

  it("is append-only: the database refuses to change or delete an entry", async () => {
    await makeGrant(t.db, callId, "0360", { awardedOre: 1_000n, poolId });
    await expect(t.db.update(grantLedgerEntries).set({ note: "x" })).rejects.toThrow();
    await expect(t.db.delete(grantLedgerEntries)).rejects.toThrow();
  });
});
