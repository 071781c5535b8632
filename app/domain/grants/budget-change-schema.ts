// The budget change forms' zod schemas, shared by the browser (react-hook-form) and the
// server (the command parses the raw form with the same schema, since the grid and the
// committed amount are stored data).
import { MAX_CELL_ORE } from "~/domain/applications/application-schema";
import { budgetKeys, linesFromParsed, parseBudgetKey, type BudgetGrid, type BudgetLine } from "~/domain/applications/budget";
import { formatOre } from "~/utils/money";
import { amount, MAX_LONG, text, z } from "~/utils/validation";

export type BudgetChangeRequest = { reason: string; fromVersion: number; lines: BudgetLine[] };

function totalOf(v: Record<string, unknown>) {
  let total = 0n;
  for (const [k, value] of Object.entries(v)) if (parseBudgetKey(k) && typeof value === "bigint") total += value;
  return total;
}

/**
 * The request: the whole grid (each cell in kroner, empty = 0), the reason, and the budget
 * version the form was filled from (a hidden field: a change made meanwhile is a conflict).
 * The total must equal the grant's committed amount: a budget change only moves money.
 */
export function budgetChangeSchema(grid: BudgetGrid, committedOre: bigint) {
  const cells = Object.fromEntries(
    budgetKeys(grid).map((k) => [k, amount("beløbet", { optional: true, max: MAX_CELL_ORE }).optional()]),
  );
  return z
    .strictObject({
      reason: text("begrundelsen for ændringen", { max: MAX_LONG }),
      fromVersion: z.coerce
        .number({ error: "Siden er forældet. Hent den igen." })
        .int("Siden er forældet. Hent den igen.")
        .min(1, "Siden er forældet. Hent den igen.")
        .max(1_000_000, "Siden er forældet. Hent den igen."),
      ...cells,
    })
    .superRefine((v, ctx) => {
      const total = totalOf(v);
      if (total !== committedOre) {
        const diff = total - committedOre;
        ctx.addIssue({
          code: "custom",
          path: ["budget"],
          message: `Budgettet skal i alt være ${formatOre(committedOre)}, men er nu ${formatOre(total)} (${diff > 0n ? `${formatOre(diff)} for meget` : `${formatOre(-diff)} for lidt`}).`,
        });
      }
    })
    .transform((v): BudgetChangeRequest => ({ reason: v.reason, fromVersion: v.fromVersion, lines: linesFromParsed(v) }));
}

export const BUDGET_DECISIONS = ["approve", "reject"] as const;
export type BudgetDecision = (typeof BUDGET_DECISIONS)[number];

/** The ministry's decision: approve (a note is optional) or reject (the reason is required). */
export const budgetDecisionSchema = z
  .strictObject({
    decision: z.enum(BUDGET_DECISIONS, { error: "Vælg godkend eller afvis." }),
    note: text("begrundelsen", { max: MAX_LONG, optional: true }),
  })
  .superRefine((v, ctx) => {
    if (v.decision === "reject" && v.note === "") {
      ctx.addIssue({ code: "custom", path: ["note"], message: "Skriv en begrundelse for afvisningen. Kommunen får den at se." });
    }
  });
export type BudgetDecisionInput = z.output<typeof budgetDecisionSchema>;
