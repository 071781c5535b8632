// The allocation round: a caseworker proposes, an admin who did not propose approves, in
// one transaction that creates grants (deadlines, ledger entry, budget version 1) and
// rejections; a round the pool cannot carry rolls back completely.
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  allocationRounds,
  applicationBudgetLines,
  applications,
  auditLog,
  budgetVersionLines,
  budgetVersions,
  callCostCategories,
  calls,
  grants,
  payments,
  pools,
} from "#db/schema";
import { acceptGrant } from "~/domain/grants/acceptance.server";
import type { BoardLine } from "~/domain/grants/allocation";
import { ALREADY_APPROVED, approveRound, FOUR_EYES, POOL_SHORT, saveRound } from "~/domain/grants/allocation.server";
import { createUser, type TestUser } from "../fixtures";
import { createTestDb, type TestDb } from "../setup/test-db";
import { appRow, makeApplication, makeAssessmentCall } from "./assessment-fixtures";
import { expectLedgerConsistent } from "./grant-fixtures";

let t: TestDb;
let caseworker: TestUser;
let admin: TestUser;
let admin2: TestUser;
const DECIDED = new Date("2022-12-15T09:00:00Z"); // 10:00 in Copenhagen

beforeAll(async () => {
  t = await createTestDb();
  await makeAssessmentCall(t.db); // reference data
  caseworker = await createUser(t.db, "caseworker");
  admin = await createUser(t.db, "admin");
  admin2 = await createUser(t.db, "admin");
}, 60_000);
afterAll(async () => {
  await t.close();
  await t.dropDatabase();
});

async function poolOf(totalOre: bigint) {
  const [pool] = await t.db
    .insert(pools)
    .values({ name: `Testpulje ${Math.random()}`, financeLine: "§ 15.26.35.10", totalOre, startsOn: "2022-01-01", endsOn: "2025-09-30" })
    .returning();
  return pool!.id;
}

async function callOn(poolId: number, municipalities: Record<string, bigint>) {
  const { call } = await makeAssessmentCall(t.db, { title: `Opslag ${Math.random()}` });
  await t.db.update(calls).set({ poolId }).where(eq(calls.id, call.id));
  const [cat] = await t.db.insert(callCostCategories).values({ callId: call.id, label: "Vikardækning", sortOrder: 1 }).returning();
  const apps: Record<string, { id: number; requestedOre: bigint }> = {};
  for (const [code, requestedOre] of Object.entries(municipalities)) {
    const a = await makeApplication(t.db, call.id, code, { status: "assessed", requestedOre });
    // Three quarters, uneven, summing to the requested amount.
    const q1 = requestedOre / 3n + 1n;
    const q2 = requestedOre / 3n;
    await t.db.insert(applicationBudgetLines).values([
      { applicationId: a.id, categoryId: cat!.id, quarter: "2023-Q1", amountOre: q1 },
      { applicationId: a.id, categoryId: cat!.id, quarter: "2023-Q2", amountOre: q2 },
      { applicationId: a.id, categoryId: cat!.id, quarter: "2023-Q3", amountOre: requestedOre - q1 - q2 },
    ]);
    apps[code] = { id: a.id, requestedOre };
  }
  return { callId: call.id, apps };
}

const line = (a: { id: number; requestedOre: bigint }, decision: BoardLine["decision"], amountOre: bigint | null = null, reason = ""): BoardLine => ({
  applicationId: a.id,
  requestedOre: a.requestedOre,
  decision,
  amountOre,
  reason,
});

async function propose(callId: number, lines: BoardLine[], by: TestUser = caseworker) {
  const r = await saveRound(t.db, by, callId, { lines, version: null }, { propose: true });
  if (!r.ok) throw new Error(`${r.message} ${JSON.stringify(r.errors)}`);
  return r.value.roundId;
}

describe("allocation round", () => {
  it("approves in one transaction: full and reduced grants with deadlines, ledger and budget version 1; a rejection with its reason", async () => {
    const poolId = await poolOf(1_430_000_000n);
    const { callId, apps } = await callOn(poolId, { "0360": 200_000_000n, "0482": 150_000_099n, "0320": 120_000_000n });
    const roundId = await propose(callId, [
      line(apps["0360"]!, "full"),
      line(apps["0482"]!, "reduced", 100_000_000n, "Budgettet til efteruddannelse er for højt."),
      line(apps["0320"]!, "none", null, "Lavere på behovsindekset."),
    ]);
    const result = await approveRound(t.db, admin, roundId, DECIDED);
    expect(result).toMatchObject({ ok: true, value: { rejected: 1 } });
    await expectLedgerConsistent(t.db);

    const rows = await t.db.select().from(grants).where(eq(grants.callId, callId));
    expect(rows.map((g) => [g.municipalityCode, g.awardedOre, g.committedOre]).sort()).toEqual([
      ["0360", 200_000_000n, 200_000_000n],
      ["0482", 100_000_000n, 100_000_000n],
    ]);
    const [pool] = await t.db.select().from(pools).where(eq(pools.id, poolId));
    expect(pool!.allocatedOre).toBe(300_000_000n);
    // Call defaults 14 days / 6 months / 3 months: end of 29.12.2022 in Copenhagen (22:59:59 UTC).
    const g = rows[0]!;
    expect(g.acceptanceDeadline.toISOString()).toBe("2022-12-29T22:59:59.000Z");
    expect(g.latestStartOn).toBe("2023-06-15");
    expect(g.accountsDueOn).toBe("2025-03-31");
    expect(g.decidedBy).toBe(admin.userId);

    // Budget version 1 sums exactly to each grant; the reduced one is scaled, not cut.
    for (const grant of rows) {
      const lines = await t.db
        .select({ quarter: budgetVersionLines.quarter, amountOre: budgetVersionLines.amountOre })
        .from(budgetVersionLines)
        .innerJoin(budgetVersions, eq(budgetVersions.id, budgetVersionLines.budgetVersionId))
        .where(and(eq(budgetVersions.grantId, grant.id), eq(budgetVersions.version, 1)));
      expect(lines).toHaveLength(3);
      expect(lines.reduce((s, l) => s + l.amountOre, 0n)).toBe(grant.awardedOre);
      if (grant.municipalityCode === "0482") expect(lines.every((l) => l.amountOre < 40_000_000n && l.amountOre > 30_000_000n)).toBe(true);
    }

    expect((await appRow(t.db, apps["0360"]!.id)).status).toBe("granted");
    const rejected = await appRow(t.db, apps["0320"]!.id);
    expect(rejected.status).toBe("rejected");
    expect(rejected.rejectionReason).toBe("Lavere på behovsindekset.");
    const actions = (await t.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.requestId, admin.requestId))).map((a) => a.action);
    for (const a of ["allocation.approved", "grant.created", "ledger.committed", "application.granted", "application.rejected"]) expect(actions).toContain(a);
  });

  it("plans the payments at approval (one per budget quarter, summing to the grant) and moves a begun quarter's due date at acceptance", async () => {
    const poolId = await poolOf(1_000_000_000n);
    const { callId, apps } = await callOn(poolId, { "0360": 90_000_001n, "0482": 80_000_000n });
    const roundId = await propose(callId, [line(apps["0360"]!, "full"), line(apps["0482"]!, "reduced", 50_000_000n, "Efteruddannelsen er dyr.")]);
    const r = await approveRound(t.db, admin, roundId, DECIDED);
    if (!r.ok) throw new Error(r.message);
    for (const grantId of r.value.grantIds) {
      const [grant] = await t.db.select().from(grants).where(eq(grants.id, grantId));
      const plan = await t.db.select().from(payments).where(eq(payments.grantId, grantId)).orderBy(payments.quarter);
      expect(plan.map((p) => [p.quarter, p.dueOn, p.status])).toEqual([
        ["2023-Q1", "2023-01-01", "planned"],
        ["2023-Q2", "2023-04-01", "planned"],
        ["2023-Q3", "2023-07-01", "planned"],
      ]);
      expect(plan.reduce((s, p) => s + p.amountOre, 0n)).toBe(grant!.awardedOre);
    }
    const [replanned] = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(and(eq(auditLog.action, "payments.replanned"), eq(auditLog.requestId, admin.requestId)));
    expect(replanned!.n).toBeGreaterThanOrEqual(2);

    // Accepted on 10 February 2023 (deadline moved for the test): the first quarter had begun, so it is due that day.
    const [lolland] = await t.db.select().from(grants).where(and(eq(grants.callId, callId), eq(grants.municipalityCode, "0360")));
    await t.db.update(grants).set({ acceptanceDeadline: new Date("2023-03-01T00:00:00Z") }).where(eq(grants.id, lolland!.id));
    const municipality = await createUser(t.db, "municipality", { municipalityCode: "0360" });
    expect((await acceptGrant(t.db, municipality, lolland!.id, new Date("2023-02-10T10:00:00Z"))).ok).toBe(true);
    const after = await t.db.select().from(payments).where(eq(payments.grantId, lolland!.id)).orderBy(payments.quarter);
    expect(after.map((p) => p.dueOn)).toEqual(["2023-02-10", "2023-04-01", "2023-07-01"]);
    await expectLedgerConsistent(t.db);
  });

  it("refuses the proposer as approver (four-eyes), on the server and in the database", async () => {
    const poolId = await poolOf(1_000_000_000n);
    const { callId, apps } = await callOn(poolId, { "0360": 100_000_000n });
    const roundId = await propose(callId, [line(apps["0360"]!, "full")], admin);
    expect(await approveRound(t.db, admin, roundId, DECIDED)).toMatchObject({ ok: false, kind: "refused", message: FOUR_EYES });
    // The CHECK constraint allocation_rounds_four_eyes behind the server check.
    await expect(
      t.db.update(allocationRounds).set({ status: "approved", approvedBy: admin.userId }).where(eq(allocationRounds.id, roundId)),
    ).rejects.toThrow();
    const [round] = await t.db.select().from(allocationRounds).where(eq(allocationRounds.id, roundId));
    expect(round!.status).toBe("proposed");
    expect(await t.db.select().from(grants).where(eq(grants.callId, callId))).toEqual([]);
    // A caseworker may not approve at all; another admin may.
    expect(await approveRound(t.db, caseworker, roundId, DECIDED)).toMatchObject({ ok: false, kind: "refused" });
    expect((await approveRound(t.db, admin2, roundId, DECIDED)).ok).toBe(true);
    expect(await approveRound(t.db, admin2, roundId, DECIDED)).toMatchObject({ ok: false, message: ALREADY_APPROVED });
    await expectLedgerConsistent(t.db);
  });

  it("requires a reason for reduced and none, a reduced amount below the requested, and the round within the pool", async () => {
    const poolId = await poolOf(150_000_000n);
    const { callId, apps } = await callOn(poolId, { "0360": 100_000_000n, "0482": 100_000_000n });
    const r = await saveRound(
      t.db,
      caseworker,
      callId,
      { lines: [line(apps["0360"]!, "reduced", 100_000_000n), line(apps["0482"]!, "none")], version: null },
      { propose: true },
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors ?? {}).sort()).toEqual([`amount_${apps["0360"]!.id}`, `reason_${apps["0360"]!.id}`, `reason_${apps["0482"]!.id}`].sort());
    const over = await saveRound(t.db, caseworker, callId, { lines: [line(apps["0360"]!, "full"), line(apps["0482"]!, "full")], version: null }, { propose: true });
    expect(over).toMatchObject({ ok: false, errors: { round: expect.stringContaining("over det, der er tilbage i puljen") } });
    // A draft may be saved over the pool (the board shows by how much).
    expect((await saveRound(t.db, caseworker, callId, { lines: [line(apps["0360"]!, "full"), line(apps["0482"]!, "full")], version: null })).ok).toBe(true);
  });

  it("rolls back the whole round when the pool runs out at approval, with a Danish message", async () => {
    const poolId = await poolOf(300_000_000n);
    const a = await callOn(poolId, { "0360": 200_000_000n });
    const b = await callOn(poolId, { "0482": 50_000_000n, "0320": 150_000_000n });
    const roundA = await propose(a.callId, [line(a.apps["0360"]!, "full")]);
    const roundB = await propose(b.callId, [line(b.apps["0482"]!, "full"), line(b.apps["0320"]!, "full")]);
    expect((await approveRound(t.db, admin, roundA, DECIDED)).ok).toBe(true);
    const result = await approveRound(t.db, admin2, roundB, DECIDED);
    expect(result).toMatchObject({ ok: false, kind: "conflict" });
    if (result.ok) return;
    expect(result.message).toMatch(/^Der er ikke penge nok tilbage i puljen/);
    expect(result.message.startsWith(POOL_SHORT)).toBe(true);
    // Nothing of round B: not even the first line that fitted.
    expect(await t.db.select().from(grants).where(eq(grants.callId, b.callId))).toEqual([]);
    expect((await appRow(t.db, b.apps["0482"]!.id)).status).toBe("assessed");
    const [round] = await t.db.select().from(allocationRounds).where(eq(allocationRounds.id, roundB));
    expect(round!.status).toBe("proposed");
    const [pool] = await t.db.select().from(pools).where(eq(pools.id, poolId));
    expect(pool!.allocatedOre).toBe(200_000_000n);
    await expectLedgerConsistent(t.db);
    const [n] = await t.db.select({ n: sql<number>`count(*)::int` }).from(applications).where(eq(applications.status, "granted"));
    expect(n!.n).toBeGreaterThan(0);
  });
});
