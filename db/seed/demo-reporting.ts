// Demo: the reporting plans. Each pool gets the four numeric indicators the ministry follows;
// each of the nine 2022 grants a half-yearly plan with a final report (from the template) and
// all four indicators. The reports themselves are seeded elsewhere (reminders, demo reports).
import { inArray } from "drizzle-orm";
import type { Tx } from "../client";
import { grantReportDueDates, grantReportIndicators, grants, reportIndicators } from "../schema";
import type { IndicatorUnit } from "../../app/domain/reports/report-constants";
import { planDueDates } from "../../app/domain/reports/report-rules";

export const DEMO_INDICATORS: { label: string; unit: IndicatorUnit; description: string }[] = [
  { label: "Andel børnesamtaler før afgørelse", unit: "percent", description: "Andel af afgørelser i perioden, hvor der forinden er holdt en børnesamtale." },
  { label: "Sager gennemgået i ledelsestilsyn", unit: "count", description: "Antal sager, ledelsen har gennemgået i ledelsestilsynet i perioden." },
  { label: "Overholdelse af frister", unit: "percent", description: "Andel af børnefaglige undersøgelser afsluttet inden for fristen på fire måneder." },
  { label: "Medarbejdere uddannet", unit: "count", description: "Antal medarbejdere, der har gennemført forløbets uddannelsesdel (akkumuleret)." },
];

export async function seedDemoReportingPlans(tx: Tx, opts: { poolIds: number[]; grantIds: number[]; createdBy: string }) {
  const indicatorIds = new Map<number, number[]>();
  for (const poolId of opts.poolIds) {
    const rows = await tx
      .insert(reportIndicators)
      .values(DEMO_INDICATORS.map((d, i) => ({ ...d, poolId, sortOrder: i + 1, createdBy: opts.createdBy })))
      .returning({ id: reportIndicators.id });
    indicatorIds.set(poolId, rows.map((r) => r.id));
  }
  if (opts.grantIds.length === 0) return { indicators: DEMO_INDICATORS.length * opts.poolIds.length, dueDates: 0 };
  const rows = await tx.select().from(grants).where(inArray(grants.id, opts.grantIds));
  let dueDates = 0;
  for (const g of rows) {
    const planned = planDueDates(g.projectStart, g.projectEnd, 6);
    await tx.insert(grantReportDueDates).values(planned.map((p) => ({ grantId: g.id, ...p })));
    dueDates += planned.length;
    const ids = indicatorIds.get(g.poolId) ?? [];
    if (ids.length) await tx.insert(grantReportIndicators).values(ids.map((indicatorId) => ({ grantId: g.id, indicatorId })));
  }
  return { indicators: DEMO_INDICATORS.length * opts.poolIds.length, dueDates };
}
