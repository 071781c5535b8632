// The accounts page's forms. The same schemas validate in the browser and on the server;
// the per-category fields are named after the category id.
import { isCalendarDate } from "~/domain/calls/call-schema";
import { amount, text, z } from "~/utils/validation";

export const spentField = (categoryId: number) => `spent_${categoryId}`;
export const ineligibleField = (categoryId: number) => `ineligible_${categoryId}`;
export const ineligibleNoteField = (categoryId: number) => `note_${categoryId}`;

/** Max for a single amount: 1 mia. kr., far above any grant, so junk cannot overflow. */
const MAX_LINE_ORE = 100_000_000_000n;

export function accountLinesSchema(categoryIds: number[]) {
  return z.strictObject({
    intent: z.literal("save"),
    ...Object.fromEntries(categoryIds.map((id) => [spentField(id), amount("det afholdte beløb", { max: MAX_LINE_ORE })])),
  });
}

export function linesFromForm(categoryIds: number[], value: Record<string, unknown>) {
  return categoryIds.map((id) => ({ categoryId: id, spentOre: value[spentField(id)] as bigint }));
}

export function ineligibleSchema(categoryIds: number[]) {
  return z.strictObject({
    intent: z.literal("ineligible"),
    ...Object.fromEntries(
      categoryIds.flatMap((id) => [
        [ineligibleField(id), amount("det ikke støtteberettigede beløb", { max: MAX_LINE_ORE, optional: true })],
        [ineligibleNoteField(id), text("bemærkningen", { max: 2000, optional: true })],
      ]),
    ),
  });
}

export function ineligibleFromForm(categoryIds: number[], value: Record<string, unknown>) {
  return categoryIds.map((id) => ({
    categoryId: id,
    ineligibleOre: value[ineligibleField(id)] as bigint,
    note: String(value[ineligibleNoteField(id)] ?? ""),
  }));
}

export const submitAccountsSchema = z.strictObject({ intent: z.literal("submit") });
export const approveAccountsSchema = z.strictObject({ intent: z.literal("approve") });
export const returnAccountsSchema = z.strictObject({
  intent: z.literal("return"),
  returnReason: text("begrundelsen", { max: 2000 }),
});

export const repaymentPaidSchema = z.strictObject({
  intent: z.literal("repaid"),
  claimId: z.coerce.number({ error: "Ukendt krav." }).int().positive(),
  paidOn: z.string({ error: "Skriv datoen." }).trim().refine(isCalendarDate, "Skriv datoen som åååå-mm-dd, fx 2025-05-01."),
});
