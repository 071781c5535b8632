// Form schemas for the advisory programmes, shared by the browser (useValidatedForm) and
// the server (parseForm). Free text goes through `text` (no CPR numbers, no control characters).
import { MAX_LONG, text, z } from "~/utils/validation";
import { isCalendarDate } from "~/domain/calls/call-schema";
import { ATTENDANCE_STATUSES, INTENSITIES, MILESTONE_STATUSES, PARTICIPANT_ROLES, THEMES } from "./programme-constants";

const date = (label: string) =>
  z
    .string({ error: `Udfyld ${label}.` })
    .trim()
    .min(1, `Udfyld ${label}.`)
    .refine((v) => isCalendarDate(v) && v >= "2000-01-01" && v <= "2100-12-31", `Skriv ${label} som en gyldig dato.`);
const optionalDate = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => v ?? "")
    .refine((v) => v === "" || (isCalendarDate(v) && v >= "2000-01-01" && v <= "2100-12-31"), `Skriv ${label} som en gyldig dato.`)
    .transform((v) => (v === "" ? null : v));
const id = (label: string) => z.coerce.number({ error: `Vælg ${label}.` }).int(`Vælg ${label}.`).positive(`Vælg ${label}.`);
const list = <T extends z.ZodType>(inner: T) =>
  z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(inner).max(50));
const count = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => v ?? "")
    .refine((v) => v === "" || /^\d{1,4}$/.test(v), `${label} skal være et helt tal mellem 0 og 9999.`)
    .transform((v) => (v === "" ? 0 : Number(v)));

/** Optional free text: a field the form did not send reads as empty. */
const optionalText = (label: string, max: number) => z.preprocess((v) => v ?? "", text(label, { max, optional: true }));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const createProgrammeSchema = z.strictObject({
  grantId: id("et tilsagn"),
  templateId: id("en skabelon"),
  leadAgencyId: id("den ledende styrelse"),
  partnerAgencyId: id("den samarbejdende styrelse"),
  startsOn: date("startdatoen"),
  plannedEndOn: date("den planlagte slutdato"),
  intensity: z.enum(INTENSITIES, { error: "Vælg intensiteten." }),
  lengthReason: optionalText("begrundelsen for længden", 2000),
  "advisorIds[]": list(z.string().regex(UUID, "Vælg rådgivere fra listen.")).refine((v) => v.length >= 2, "Vælg mindst to rådgivere: en fra hver styrelse."),
  "focusAreaIds[]": list(z.coerce.number().int().positive()),
  newFocusArea: optionalText("det nye fokusområde", 100),
  "newFocusAreaThemes[]": list(z.enum(THEMES)),
});
export type CreateProgrammeInput = z.output<typeof createProgrammeSchema>;

const participantFields = Object.fromEntries(PARTICIPANT_ROLES.map((r) => [`participants_${r}`, count("Antallet")])) as Record<
  `participants_${(typeof PARTICIPANT_ROLES)[number]}`,
  ReturnType<typeof count>
>;
const reviewFields = Object.fromEntries(
  THEMES.flatMap((t) => [
    [`review_${t}_reviewed`, count("Antal gennemgåede sager")],
    [`review_${t}_adequate`, count("Antal sager, der levede op til kravene")],
    [`review_${t}_findings`, optionalText("fundene", 4000)],
  ]),
) as Record<string, z.ZodType>;

export const logMilestoneSchema = z.strictObject({
  intent: z.literal("log"),
  version: z.coerce.number().int().positive(),
  status: z.enum(MILESTONE_STATUSES, { error: "Vælg en status." }),
  plannedOn: date("den planlagte dato"),
  actualOn: optionalDate("den faktiske dato"),
  statusReason: optionalText("begrundelsen", 2000),
  note: optionalText("noten", MAX_LONG),
  ...participantFields,
  ...reviewFields,
});
export type LogMilestoneInput = z.output<typeof logMilestoneSchema>;

export const commentSchema = z.strictObject({
  intent: z.literal("comment"),
  body: text("kommentaren", { max: 4000 }),
});

export const attendanceSchema = z.strictObject({
  intent: z.literal("attendance"),
  sessionId: z.coerce.number().int().positive(),
  attendance: z.enum(ATTENDANCE_STATUSES).refine((v) => v !== "invited", "Vælg om I deltager."),
  participants: count("Antal deltagere"),
});

export const createSessionSchema = z.strictObject({
  intent: z.literal("create"),
  title: text("titlen", { max: 200 }),
  description: optionalText("beskrivelsen", 4000),
  heldOn: date("datoen"),
  location: optionalText("stedet", 200),
  "municipalityCodes[]": list(z.string().regex(/^\d{3,4}$/)).refine((v) => v.length >= 2, "Invitér mindst to kommuner."),
  "themes[]": list(z.enum(THEMES)),
});
