// Demo: one historical budget change (approved in June 2023) on one of the nine 2022
// grants, measured by the same rule as a real request. It runs after the grants are seeded
// and does nothing while there is no such grant with budget version 1.
import { and, eq } from "drizzle-orm";
import type { Tx } from "../client";
import { budgetChangeLines, budgetChanges, budgetVersionLines, budgetVersions, grants, payments } from "../schema";
import type { BudgetLine } from "../../app/domain/applications/budget";
import { decideBudgetChange } from "../../app/domain/grants/budget-change-rule";
import { grantBudgetContext, versionInForce } from "../../app/domain/grants/budget-queries.server";
import { replanUnpaidPayments } from "../../app/domain/grants/payment-replan.server";
import { copenhagenInstant } from "../../app/utils/dates";

const MOVE_ORE = 12_000_000n; // 120.000,00 kr.: over the pool's 100.000 kr., so it needed approval

/** Move up to 120.000 kr. from the first category to the last, from 3. kvt. 2023 on. */
export function demoChangeLines(lines: BudgetLine[], categoryIds: number[]): BudgetLine[] {
  const from = categoryIds[0]!;
  const to = categoryIds[categoryIds.length - 1]!;
  const out = lines.map((l) => ({ ...l }));
  let left = MOVE_ORE;
  for (const l of out.filter((x) => x.categoryId === from && x.quarter >= "2023-Q3").sort((a, b) => a.quarter.localeCompare(b.quarter))) {
    const m = left < l.amountOre ? left : l.amountOre;
    if (m <= 0n) continue;
    l.amountOre -= m;
    left -= m;
    const target = out.find((x) => x.categoryId === to && x.quarter === l.quarter);
    if (target) target.amountOre += m;
    else out.push({ categoryId: to, quarter: l.quarter, amountOre: m });
  }
  return out;
}

export async function seedDemoBudgetChange(
  tx: Tx,
  opts: { callId: number; municipalityCode: string; requestedBy: string | null; decidedBy: string | null },
) {
  const [grant] = await tx
    .select({ id: grants.id })
    .from(grants)
    .where(and(eq(grants.callId, opts.callId), eq(grants.municipalityCode, opts.municipalityCode), eq(grants.status, "accepted")));
  if (!grant) return null;
  const current = await versionInForce(tx, grant.id);
  const ctx = await grantBudgetContext(tx, { role: "admin", municipalityCode: null, agencyId: null }, grant.id);
  if (!current || current.version !== 1 || !ctx || ctx.categories.length < 2) return null;

  const proposed = demoChangeLines(current.lines, ctx.categories.map((c) => c.id));
  const verdict = decideBudgetChange({
    current: current.lines,
    proposed,
    thresholds: ctx.thresholds,
    committedOre: ctx.grant.committedOre,
    categories: ctx.categories,
  });
  // A demo budget too small to move 120.000 kr. gets no historical change rather than a wrong one.
  if (!verdict.ok || !verdict.needsApproval) return null;

  const requestedAt = copenhagenInstant("2023-06-02", "10:15");
  const decidedAt = copenhagenInstant("2023-06-20", "13:40");
  const [version] = await tx
    .insert(budgetVersions)
    .values({ grantId: grant.id, version: 2, note: "Godkendt budgetændring", createdBy: opts.decidedBy, createdAt: decidedAt })
    .returning({ id: budgetVersions.id });
  const kept = proposed.filter((l) => l.amountOre > 0n);
  await tx.insert(budgetVersionLines).values(kept.map((l) => ({ budgetVersionId: version!.id, ...l })));
  const [change] = await tx
    .insert(budgetChanges)
    .values({
      grantId: grant.id,
      fromVersionId: current.id,
      toVersionId: version!.id,
      status: "approved",
      needsApproval: true,
      ruleExplanation: verdict.explanation,
      reason:
        "Færre vikartimer end ventet i efteråret 2023; midlerne bruges i stedet på midlertidig ekstra bemanding, " +
        "så sagsbehandlerne kan følge op på handleplanerne. (Demodata.)",
      decisionNote: "Godkendt. Flytningen understøtter opfølgningen og ligger inden for tilsagnets formål. (Demodata.)",
      requestedBy: opts.requestedBy,
      requestedAt,
      decidedBy: opts.decidedBy,
      decidedAt,
    })
    .returning({ id: budgetChanges.id });
  await tx.insert(budgetChangeLines).values(kept.map((l) => ({ budgetChangeId: change!.id, ...l })));
  await tx.update(budgetVersions).set({ budgetChangeId: change!.id }).where(eq(budgetVersions.id, version!.id));
  // Payments already seeded follow the new version (paid ones stay); without any, the
  // payment plan is made later from the version in force.
  const [anyPayment] = await tx.select({ id: payments.id }).from(payments).where(eq(payments.grantId, grant.id)).limit(1);
  if (anyPayment) {
    const r = await replanUnpaidPayments(tx, { userId: null, role: "system", requestId: "seed" }, grant.id);
    if (!r.ok) throw new Error(r.message);
  }
  return { grantId: grant.id, changeId: change!.id };
}
