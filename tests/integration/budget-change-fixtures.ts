// A grant with a budget to change: its own pool (the ledger cannot be emptied), a call with
// two cost categories over 2023–2024, the grant accepted, and budget version 1.
import { eq } from "drizzle-orm";
import type { Database } from "#db/client";
import { applications, budgetVersionLines, budgetVersions, callCostCategories, calls, grants, pools } from "#db/schema";
import { budgetKey, type BudgetLine } from "~/domain/applications/budget";
import { quartersBetween } from "~/utils/dates";
import { oreToInput } from "~/utils/money";
import { makeAssessmentCall } from "./assessment-fixtures";
import { makeGrant } from "./grant-fixtures";

export const QUARTERS = quartersBetween("2023-01-01", "2024-12-31");
export const KR = 100n;

export async function makeBudgetGrant(db: Database, municipalityCode = "0360", opts: { assignedTo?: string } = {}) {
  const { call } = await makeAssessmentCall(db);
  const [pool] = await db
    .insert(pools)
    .values({ name: `Testpulje ${call.id}`, financeLine: "§ 15.26.35.10", totalOre: 1_430_000_000n, startsOn: "2022-01-01", endsOn: "2025-09-30" })
    .returning();
  await db.update(calls).set({ poolId: pool!.id }).where(eq(calls.id, call.id));
  const [a, b] = await db
    .insert(callCostCategories)
    .values([
      { callId: call.id, label: "Vikardækning", sortOrder: 1 },
      { callId: call.id, label: "Efteruddannelse", sortOrder: 2 },
    ])
    .returning();
  // 1.000.000 kr.: each category 62.500 kr. a quarter for eight quarters (500.000 kr. a line).
  const { grant, application } = await makeGrant(db, call.id, municipalityCode, { awardedOre: 1_000_000n * KR, poolId: pool!.id });
  if (opts.assignedTo) {
    await db.update(applications).set({ assignedTo: opts.assignedTo }).where(eq(applications.id, application.id));
  }
  await db.update(grants).set({ status: "accepted", acceptedAt: new Date("2023-01-05T10:00:00Z") }).where(eq(grants.id, grant.id));
  const lines: BudgetLine[] = [a!, b!].flatMap((c) => QUARTERS.map((quarter) => ({ categoryId: c.id, quarter, amountOre: 62_500n * KR })));
  const [v1] = await db.insert(budgetVersions).values({ grantId: grant.id, version: 1, note: "Budget ved tilsagn" }).returning();
  await db.insert(budgetVersionLines).values(lines.map((l) => ({ budgetVersionId: v1!.id, ...l })));
  return { callId: call.id, poolId: pool!.id, grant, application, categories: [a!, b!], lines, version1Id: v1!.id };
}

/** Move `ore` from the first category to the second in one quarter. */
export function moved(lines: BudgetLine[], fromId: number, toId: number, ore: bigint, quarter = "2023-Q3"): BudgetLine[] {
  return lines.map((l) =>
    l.quarter !== quarter ? l : l.categoryId === fromId ? { ...l, amountOre: l.amountOre - ore } : l.categoryId === toId ? { ...l, amountOre: l.amountOre + ore } : l,
  );
}

/** The form the page would post: every cell as typed text, the reason, the version it was filled from. */
export function changeForm(lines: BudgetLine[], reason = "Vi har brug for flere vikartimer i efteråret.", fromVersion = 1): Record<string, string> {
  const out: Record<string, string> = { reason, fromVersion: String(fromVersion) };
  for (const l of lines) out[budgetKey(l.categoryId, l.quarter)] = l.amountOre === 0n ? "" : oreToInput(l.amountOre);
  return out;
}
