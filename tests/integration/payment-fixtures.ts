// A grant with a budget version (lines per category per quarter) on a pool of its own,
// ready for payments. The ledger is append-only, so each test makes its own pool.
import { eq } from "drizzle-orm";
import type { Database } from "#db/client";
import { budgetVersionLines, budgetVersions, callCostCategories, calls, grants, pools } from "#db/schema";
import { makeAssessmentCall } from "./assessment-fixtures";
import { makeGrant } from "./grant-fixtures";

export const QUARTERS = ["2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4", "2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"];

export async function freshPoolAndCall(db: Database) {
  const { call } = await makeAssessmentCall(db);
  const [pool] = await db
    .insert(pools)
    .values({ name: `Testpulje ${call.id}`, financeLine: "§ 15.26.35.10", totalOre: 1_430_000_000n, startsOn: "2022-01-01", endsOn: "2025-09-30" })
    .returning();
  await db.update(calls).set({ poolId: pool!.id }).where(eq(calls.id, call.id));
  const cats = await db
    .insert(callCostCategories)
    .values([
      { callId: call.id, label: "Vikardækning", sortOrder: 1 },
      { callId: call.id, label: "Efteruddannelse", sortOrder: 2 },
    ])
    .returning();
  return { callId: call.id, poolId: pool!.id, categoryIds: cats.map((c) => c.id) };
}

/** Per quarter: category 1 gets `perQuarter[i]`, category 2 gets 1.000,01 kr. Total = sum + 8 × 100001. */
export async function makePayableGrant(
  db: Database,
  opts: { municipalityCode?: string; perQuarterOre?: bigint[]; awardedOre?: bigint; accepted?: boolean } = {},
) {
  const { callId, poolId, categoryIds } = await freshPoolAndCall(db);
  const perQuarter = opts.perQuarterOre ?? QUARTERS.map((_, i) => 10_000_000n + BigInt(i) * 1_000_000n);
  const lines = QUARTERS.flatMap((quarter, i) => [
    { categoryId: categoryIds[0]!, quarter, amountOre: perQuarter[i]! },
    { categoryId: categoryIds[1]!, quarter, amountOre: 100_001n },
  ]);
  const budgetOre = lines.reduce((s, l) => s + l.amountOre, 0n);
  const awardedOre = opts.awardedOre ?? budgetOre;
  const { grant } = await makeGrant(db, callId, opts.municipalityCode ?? "0360", { awardedOre, poolId });
  if (opts.accepted !== false) {
    await db
      .update(grants)
      .set({ status: "accepted", acceptedAt: new Date("2023-01-12T10:00:00Z") })
      .where(eq(grants.id, grant.id));
  }
  const [version] = await db.insert(budgetVersions).values({ grantId: grant.id, version: 1, note: "Tilsagn" }).returning();
  await db.insert(budgetVersionLines).values(lines.map((l) => ({ ...l, budgetVersionId: version!.id })));
  return { grant, poolId, callId, categoryIds, budgetOre, awardedOre, versionId: version!.id, lines };
}

export async function addBudgetVersion(db: Database, grantId: number, version: number, lines: { categoryId: number; quarter: string; amountOre: bigint }[]) {
  const [v] = await db.insert(budgetVersions).values({ grantId, version, note: "Budgetændring" }).returning();
  await db.insert(budgetVersionLines).values(lines.map((l) => ({ ...l, budgetVersionId: v!.id })));
  return v!.id;
}
