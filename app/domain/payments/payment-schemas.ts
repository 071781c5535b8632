// Form schemas for the payment forms (shared by the page and the server).
import { amount, text, z } from "~/utils/validation";

const isoDate = (label: string) =>
  z
    .string({ error: `Udfyld ${label}.` })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Skriv ${label} som en dato.`)
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), `Skriv ${label} som en gyldig dato.`);

const paymentId = z.coerce.number().int().positive().max(2 ** 31 - 1);

export const paymentActionSchema = z.discriminatedUnion("intent", [
  z.strictObject({ intent: z.literal("prepare"), paymentId }),
  z.strictObject({ intent: z.literal("approve"), paymentId }),
  z.strictObject({ intent: z.literal("return"), paymentId }),
  z.strictObject({ intent: z.literal("markPaid"), paymentId, paidOn: isoDate("udbetalingsdatoen") }),
  z.strictObject({
    intent: z.literal("correct"),
    paymentId,
    direction: z.enum(["more", "less"], { error: "Vælg om der er udbetalt mere eller mindre." }),
    correctionAmount: amount("beløbet", { min: 1n }),
    bookedOn: isoDate("bogføringsdatoen"),
    reason: text("begrundelsen", { max: 1000 }),
  }),
  z.strictObject({ intent: z.literal("hold"), holdReason: text("begrundelsen for stop", { max: 500 }) }),
  z.strictObject({ intent: z.literal("release") }),
]);
export type PaymentAction = z.output<typeof paymentActionSchema>;
