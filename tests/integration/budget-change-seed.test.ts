// The demo's historical budget change: approved in June 2023 on a 2022 grant, measured by
// the real rule (over 100.000 kr., so it needed approval), the total unchanged, version 2.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { budgetChanges } from "#db/schema";
import { versionInForce } from "~/domain/grants/budget-queries.server";
import { copenhagenDateString } from "~/utils/dates";
import { seedDemoBudgetChange } from "#db/seed/demo-budget-change";
import { createTestDb, type TestDb } from "../setup/test-db";
import { KR, makeBudgetGrant } from "./budget-change-fixtures";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
}, 60_000);
afterAll(async () => {
  await t.close();
  await t.dropDatabase();
});

describe("demo budget change", () => {
  it("makes an approved 2023 change and version 2 on the grant, the total unchanged", async () => {
    const g = await makeBudgetGrant(t.db, "0741");
    const r = await t.db.transaction((tx) => seedDemoBudgetChange(tx, { callId: g.callId, municipalityCode: "0741", requestedBy: null, decidedBy: null }));
    expect(r).toEqual({ grantId: g.grant.id, changeId: expect.any(Number) });
    const [change] = await t.db.select().from(budgetChanges).where(eq(budgetChanges.id, r!.changeId));
    expect(change).toMatchObject({ status: "approved", needsApproval: true });
    expect(copenhagenDateString(change!.decidedAt!)).toBe("2023-06-20");
    expect(change!.ruleExplanation).toContain("Vikardækning: 500.000,00 kr. → 380.000,00 kr. (−120.000,00 kr., −24,0 %) – over 10 % og over 100.000,00 kr.");
    const v = await versionInForce(t.db, g.grant.id);
    expect(v!.version).toBe(2);
    expect(v!.lines.reduce((s, l) => s + l.amountOre, 0n)).toBe(1_000_000n * KR);
  });

  it("does nothing without such a grant (the grants are seeded by the allocation)", async () => {
    const g = await makeBudgetGrant(t.db, "0360");
    expect(await t.db.transaction((tx) => seedDemoBudgetChange(tx, { callId: g.callId, municipalityCode: "0741", requestedBy: null, decidedBy: null }))).toBeNull();
  });
});
