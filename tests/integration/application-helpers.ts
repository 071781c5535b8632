// Shared setup for the application tests: a published call with two cost categories.
import { asc, eq } from "drizzle-orm";
import type { Database } from "#db/client";
import { applications, auditLog, callCostCategories, callEligibleMunicipalities, calls } from "#db/schema";
import { seedBase } from "../fixtures";

export async function makeCall(
  db: Database,
  opts: { deadline?: Date; maxAmountOre?: bigint | null; eligible?: string[]; status?: "draft" | "published" } = {},
) {
  const poolId = await seedBase(db);
  const [call] = await db
    .insert(calls)
    .values({
      poolId,
      title: "Ekstra hjælp til kommuner med mange børnesager – testopslag",
      purpose: "Test",
      projectStart: "2023-01-01",
      projectEnd: "2024-12-31",
      deadline: opts.deadline ?? new Date("2099-11-07T11:00:00Z"),
      maxAmountOre: opts.maxAmountOre === undefined ? 200_000_000n : opts.maxAmountOre,
      status: opts.status ?? "published",
    })
    .returning();
  const categories = await db
    .insert(callCostCategories)
    .values([
      { callId: call.id, label: "Vikardækning", sortOrder: 1 },
      { callId: call.id, label: "Efteruddannelse", sortOrder: 2 },
    ])
    .returning();
  const eligible = opts.eligible ?? ["0360", "0482"];
  if (eligible.length) {
    await db.insert(callEligibleMunicipalities).values(eligible.map((municipalityCode) => ({ callId: call.id, municipalityCode })));
  }
  return { call, categories };
}

/** A complete, valid submission form for the call (strings as typed in the browser). */
export function completeForm(categoryIds: number[], overrides: Record<string, string | string[]> = {}) {
  return {
    contactName: "Mette Hansen",
    contactEmail: "mette.hansen@lolland.dk",
    contactPhone: "54 67 67 67",
    signatoryName: "Lars Jensen",
    signatoryTitle: "Børne- og familiechef",
    challenge: "Mange børnesager pr. sagsbehandler og stor udskiftning.",
    activities: "Vikardækning mens rådgiverne efteruddannes i børneinddragelse.",
    expectedEffect: "Færre skift af sagsbehandler for det enkelte barn.",
    themes: ["udredning", "inddragelse"],
    [`budget_${categoryIds[0]}_2023-Q1`]: "125.000,00",
    [`budget_${categoryIds[1]}_2024-Q4`]: "1.234,50",
    ...overrides,
  };
}

export async function auditActions(db: Database, applicationId: number) {
  const rows = await db.select().from(auditLog).where(eq(auditLog.entityId, String(applicationId))).orderBy(asc(auditLog.id));
  return rows.filter((r) => r.entityType === "application").map((r) => r.action);
}

export async function appRow(db: Database, id: number) {
  const [row] = await db.select().from(applications).where(eq(applications.id, id));
  return row;
}
