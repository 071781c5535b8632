// Form schemas for progress reports and reporting plans (server: parseForm). The report form's
// own fields (themes, indicators, spend per line) depend on the grant's plan and budget: the
// schema checks the intent and the version; the command reads the rest (parseReportForm).
import { isCalendarDate } from "~/domain/calls/call-schema";
import { text, z } from "~/utils/validation";
import { INDICATOR_UNITS, PLAN_TEMPLATES } from "./report-constants";

const version = z.coerce.number({ error: "Genindlæs siden, og prøv igen." }).int().positive();
const id = (label: string) => z.coerce.number({ error: `Vælg ${label}.` }).int(`Vælg ${label}.`).positive(`Vælg ${label}.`).max(2_147_483_647);
const optionalText = (label: string, max: number) => z.preprocess((v) => v ?? "", text(label, { max, optional: true }));
const list = <T extends z.ZodType>(inner: T) => z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(inner).max(50));
const fieldValue = z.string().max(10_000, "Feltet er for langt.");

/** Save or submit: the intent and the version; the report's own fields are read by the command. */
export const reportFormSchema = z.looseObject({ intent: z.enum(["save", "submit"], { error: "Ukendt handling." }), version }).catchall(fieldValue);

/** Approve or send back; `comment_<section>` per section (activities, theme:udredning, indicator:3, spend …). */
export const reviewFormSchema = z
  .looseObject({ intent: z.enum(["approve", "send_back"], { error: "Ukendt handling." }), version, note: optionalText("bemærkningen", 4000) })
  .catchall(fieldValue);

export const indicatorSchema = z.strictObject({
  label: text("indikatorens navn", { max: 120 }),
  unit: z.enum(INDICATOR_UNITS, { error: "Vælg en enhed." }),
  description: optionalText("beskrivelsen", 1000),
});

export const planSchema = z.strictObject({
  intent: z.literal("plan"),
  template: z.enum(PLAN_TEMPLATES, { error: "Vælg en skabelon." }),
  "indicatorIds[]": list(id("en indikator")),
});

export const dueDateSchema = z.strictObject({
  intent: z.literal("due"),
  dueDateId: id("en frist"),
  dueOn: z
    .string({ error: "Udfyld fristen." })
    .trim()
    .refine((v) => isCalendarDate(v) && v >= "2000-01-01" && v <= "2100-12-31", "Skriv fristen som en gyldig dato."),
  label: text("betegnelsen", { max: 120 }),
});

export const startSchema = z.strictObject({ intent: z.literal("start"), dueDateId: id("en frist") });

/** The comments a review form sent: `comment_<section>` → section. */
export function reviewComments(values: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if (k.startsWith("comment_") && typeof v === "string") out[k.slice("comment_".length)] = v;
  return out;
}
