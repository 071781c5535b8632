// The call (opslag) form: one strict schema for the browser and the server, plus the
// plain rules the commands and pages share (publishing, deadline countdown).
// Repeated rows arrive as parallel arrays (`categories[]`, `criterionWeight[]` …), the
// way a plain HTML form posts them; the output is shaped for the commands.
import { containsCpr, CPR_MESSAGE } from "~/utils/cpr";
import { copenhagenDateString, copenhagenInstant, copenhagenTimeString, formatDeadline } from "~/utils/dates";
import { oreToInput, parseDanishAmount } from "~/utils/money";
import { projectPeriodOutsidePool } from "./call-period";
import { amount, MAX_LONG, text, z } from "~/utils/validation";

export const DEFAULT_COST_CATEGORIES = ["Vikardækning", "Efteruddannelse", "Midlertidig ekstra bemanding"];
export const MUNICIPALITY_COUNT = 98;
const CATEGORY_MAX = 120;
const CRITERION_LABEL_MAX = 200;
const CRITERION_DESCRIPTION_MAX = 1000;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isCalendarDate(v: string) {
  const m = DATE_RE.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Years a call's dates may lie in: a typo such as 9999 gave an application form with 63 784 fields. */
export const CALL_YEARS = { min: 2000, max: 2100 } as const;
/** The longest project period, in years (the budget grid has a column per quarter). */
export const MAX_PROJECT_YEARS = 10;
/** The largest maximum amount per application: 1 mia. kr. (the column is bigint øre; far larger values gave a 500). */
export const MAX_CALL_AMOUNT_ORE = 100_000_000_000n;

const dateField = (label: string) =>
  z
    .string({ error: `Udfyld ${label}.` })
    .trim()
    .min(1, `Udfyld ${label}.`)
    .refine((v) => v === "" || isCalendarDate(v), `Skriv ${label} som en gyldig dato.`)
    .refine((v) => {
      const year = Number(v.slice(0, 4));
      return !isCalendarDate(v) || (year >= CALL_YEARS.min && year <= CALL_YEARS.max);
    }, `${label.charAt(0).toUpperCase()}${label.slice(1)} skal ligge mellem år ${CALL_YEARS.min} og ${CALL_YEARS.max}.`);

/** Each row may be blank (an unused empty row); filled rows are checked one by one. */
const rowText = (max: number, tooLong: string) =>
  z
    .string()
    .trim()
    .max(max, tooLong)
    .refine((v) => !containsCpr(v), CPR_MESSAGE);

const list = <T extends z.ZodType>(item: T) => z.array(item).optional().default([]);

function parseWholeNumber(v: string): number | null {
  return /^\d{1,6}$/.test(v.trim()) ? Number(v.trim()) : null;
}

type CriterionRow = { id: string; label: string; description: string; weight: string };

function criterionRows(v: {
  "criterionId[]": string[];
  "criterionLabel[]": string[];
  "criterionDescription[]": string[];
  "criterionWeight[]": string[];
}): (CriterionRow & { index: number })[] {
  const n = Math.max(v["criterionLabel[]"].length, v["criterionWeight[]"].length);
  const rows: (CriterionRow & { index: number })[] = [];
  for (let i = 0; i < n; i++) {
    const row = {
      index: i,
      id: (v["criterionId[]"][i] ?? "").trim(),
      label: (v["criterionLabel[]"][i] ?? "").trim(),
      description: (v["criterionDescription[]"][i] ?? "").trim(),
      weight: (v["criterionWeight[]"][i] ?? "").trim(),
    };
    if (row.label || row.weight || row.description) rows.push(row);
  }
  return rows;
}

const always = { when: () => true };

export const callFormSchema = z
  .strictObject({
    poolId: z.string({ error: "Vælg puljen." }).trim().regex(/^\d+$/, "Vælg puljen."),
    title: text("titlen", { max: 200 }),
    purpose: text("formålet", { max: MAX_LONG }),
    "categoryId[]": list(z.string().trim().regex(/^\d*$/, "Ugyldig kategori.")),
    "categories[]": list(rowText(CATEGORY_MAX, `En kategori må højst være ${CATEGORY_MAX} tegn.`)),
    projectStart: dateField("projektperiodens start"),
    projectEnd: dateField("projektperiodens slut"),
    deadlineDate: dateField("fristens dato"),
    deadlineTime: z
      .string({ error: "Udfyld fristens klokkeslæt." })
      .trim()
      .regex(TIME_RE, "Skriv klokkeslættet som tt:mm, fx 12:00."),
    expectedGrants: z
      .string({ error: "Udfyld det forventede antal tilsagn." })
      .trim()
      .refine((v) => {
        const n = parseWholeNumber(v);
        return n !== null && n >= 1 && n <= MUNICIPALITY_COUNT;
      }, `Skriv det forventede antal tilsagn som et helt tal mellem 1 og ${MUNICIPALITY_COUNT}.`),
    maxAmount: z
      .string()
      .trim()
      .optional()
      .default("")
      // amount() reads "" as 0 kr.; an explicit 0 is a mistake, a blank field means no maximum.
      .refine((v) => v === "" || parseDanishAmount(v) !== 0n, "Maksimumbeløbet skal være større end 0.")
      .pipe(amount("maksimumbeløbet", { optional: true, max: MAX_CALL_AMOUNT_ORE })),
    "criterionId[]": list(z.string().trim().regex(/^\d*$/, "Ugyldigt kriterium.")),
    "criterionLabel[]": list(rowText(CRITERION_LABEL_MAX, `Et kriterium må højst være ${CRITERION_LABEL_MAX} tegn.`)),
    "criterionDescription[]": list(
      rowText(CRITERION_DESCRIPTION_MAX, `Beskrivelsen må højst være ${CRITERION_DESCRIPTION_MAX} tegn.`),
    ),
    "criterionWeight[]": list(z.string().trim().max(10, "Skriv vægten som et helt tal.")),
    eligibility: z.enum(["all", "selected"], { error: "Vælg hvilke kommuner der kan søge." }),
    "municipalities[]": list(z.string().trim().regex(/^\d{4}$/, "Ugyldig kommunekode.")),
  })
  .superRefine((v, ctx) => {
    const categories = v["categories[]"] ?? [];
    const categoryIds = v["categoryId[]"] ?? [];
    if (categoryIds.length > 0 && categoryIds.length !== categories.length) {
      ctx.addIssue({ code: "custom", path: ["form"], message: "Kategorilisten er ufuldstændig. Indlæs siden igen." });
    }
    const filled = categories.map((c) => (c ?? "").trim()).filter(Boolean);
    if (filled.length === 0) {
      ctx.addIssue({ code: "custom", path: ["categories[]"], message: "Angiv mindst én støtteberettiget udgiftskategori." });
    }
    const seen = new Set<string>();
    for (const label of filled) {
      const key = label.toLocaleLowerCase("da");
      if (seen.has(key)) {
        ctx.addIssue({ code: "custom", path: ["categories[]"], message: `Kategorien „${label}“ står to gange.` });
        break;
      }
      seen.add(key);
    }
  }, always)
  .superRefine((v, ctx) => {
    const start = v.projectStart;
    const end = v.projectEnd;
    if (isCalendarDate(start ?? "") && isCalendarDate(end ?? "") && end <= start) {
      ctx.addIssue({ code: "custom", path: ["projectEnd"], message: "Projektperiodens slut skal ligge efter starten." });
    } else if (isCalendarDate(start ?? "") && isCalendarDate(end ?? "") && Number(end.slice(0, 4)) - Number(start.slice(0, 4)) >= MAX_PROJECT_YEARS) {
      ctx.addIssue({ code: "custom", path: ["projectEnd"], message: `Projektperioden må højst vare ${MAX_PROJECT_YEARS} år.` });
    }
  }, always)
  .superRefine((v, ctx) => {
    const rows = criterionRows({
      "criterionId[]": v["criterionId[]"] ?? [],
      "criterionLabel[]": v["criterionLabel[]"] ?? [],
      "criterionDescription[]": v["criterionDescription[]"] ?? [],
      "criterionWeight[]": v["criterionWeight[]"] ?? [],
    });
    if (rows.length === 0) {
      ctx.addIssue({ code: "custom", path: ["criteria"], message: "Angiv mindst ét vurderingskriterium med en vægt." });
      return;
    }
    let sum = 0;
    let allWeightsValid = true;
    for (const row of rows) {
      if (!row.label) {
        ctx.addIssue({ code: "custom", path: [`criterionLabel[].${row.index}`], message: "Udfyld kriteriets navn." });
      }
      const w = parseWholeNumber(row.weight);
      if (w === null || w > 100) {
        allWeightsValid = false;
        ctx.addIssue({
          code: "custom",
          path: [`criterionWeight[].${row.index}`],
          message: "Skriv vægten som et helt tal mellem 0 og 100.",
        });
      } else sum += w;
    }
    if (allWeightsValid && sum !== 100) {
      ctx.addIssue({
        code: "custom",
        path: ["criteria"],
        message: `Vægtene skal tilsammen give 100. Nu giver de ${sum}.`,
      });
    }
  }, always)
  .superRefine((v, ctx) => {
    if (v.eligibility === "selected" && (v["municipalities[]"] ?? []).length === 0) {
      ctx.addIssue({ code: "custom", path: ["municipalities[]"], message: "Vælg mindst én kommune, der kan søge." });
    }
  }, always)
  .transform((v) => {
    const ids = v["categoryId[]"];
    const categories = v["categories[]"]
      .map((label, i) => ({ id: ids[i] ? Number(ids[i]) : null, label: label.trim() }))
      .filter((c) => c.label !== "");
    const criteria = criterionRows(v).map((r) => ({
      id: r.id ? Number(r.id) : null,
      label: r.label,
      description: r.description,
      weight: Number(r.weight),
    }));
    return {
      poolId: Number(v.poolId),
      title: v.title,
      purpose: v.purpose,
      categories,
      projectStart: v.projectStart,
      projectEnd: v.projectEnd,
      deadline: copenhagenInstant(v.deadlineDate, v.deadlineTime),
      expectedGrants: Number(v.expectedGrants),
      maxAmountOre: v.maxAmount === 0n ? null : v.maxAmount,
      criteria,
      eligibility: v.eligibility,
      municipalityCodes: v.eligibility === "all" ? [] : [...new Set(v["municipalities[]"])],
    };
  });

export type CallInput = z.output<typeof callFormSchema>;
/** What the form posts (and gets back after an error): strings and string arrays. */
export type CallFormValues = Record<string, string | string[]>;

export function emptyCallFormValues(poolId: number | null): CallFormValues {
  return {
    poolId: poolId === null ? "" : String(poolId),
    title: "",
    purpose: "",
    "categoryId[]": DEFAULT_COST_CATEGORIES.map(() => ""),
    "categories[]": [...DEFAULT_COST_CATEGORIES],
    projectStart: "",
    projectEnd: "",
    deadlineDate: "",
    deadlineTime: "12:00",
    expectedGrants: "",
    maxAmount: "",
    "criterionId[]": [],
    "criterionLabel[]": [],
    "criterionDescription[]": [],
    "criterionWeight[]": [],
    eligibility: "all",
    "municipalities[]": [],
  };
}

export type StoredCall = {
  poolId: number;
  title: string;
  purpose: string;
  projectStart: string;
  projectEnd: string;
  deadline: Date;
  expectedGrants: number | null;
  maxAmountOre: bigint | null;
  categories: { id: number; label: string }[];
  criteria: { id: number; label: string; description: string; weight: number }[];
  eligibleCodes: string[];
};

/** A stored call as the form's values, for the edit page. */
export function callToFormValues(call: StoredCall): CallFormValues {
  const all = call.eligibleCodes.length >= MUNICIPALITY_COUNT;
  return {
    poolId: String(call.poolId),
    title: call.title,
    purpose: call.purpose,
    "categoryId[]": call.categories.map((c) => String(c.id)),
    "categories[]": call.categories.map((c) => c.label),
    projectStart: call.projectStart,
    projectEnd: call.projectEnd,
    deadlineDate: copenhagenDateString(call.deadline),
    deadlineTime: copenhagenTimeString(call.deadline),
    expectedGrants: call.expectedGrants === null ? "" : String(call.expectedGrants),
    maxAmount: call.maxAmountOre === null ? "" : oreToInput(call.maxAmountOre),
    "criterionId[]": call.criteria.map((c) => String(c.id)),
    "criterionLabel[]": call.criteria.map((c) => c.label),
    "criterionDescription[]": call.criteria.map((c) => c.description),
    "criterionWeight[]": call.criteria.map((c) => String(c.weight)),
    eligibility: all ? "all" : "selected",
    "municipalities[]": all ? [] : [...call.eligibleCodes],
  };
}

/** Why a draft cannot be published yet (empty when it can). */
export function publishProblems(call: { categoryCount: number; weights: number[]; eligibleCount: number }): string[] {
  const problems: string[] = [];
  if (call.categoryCount === 0) problems.push("Opslaget skal have mindst én støtteberettiget udgiftskategori.");
  const sum = call.weights.reduce((a, b) => a + b, 0);
  if (call.weights.length === 0) problems.push("Opslaget skal have mindst ét vurderingskriterium.");
  else if (sum !== 100) problems.push(`Kriteriernes vægte skal give 100 tilsammen (nu ${sum}).`);
  if (call.eligibleCount === 0) problems.push("Mindst én kommune skal kunne søge.");
  return problems;
}

/**
 * What time says against publishing: a deadline already passed (municipalities would be
 * told they can apply when they cannot), or a project period outside the pool's.
 */
export function publishTimingProblems(
  call: { deadline: Date; projectStart: string; projectEnd: string },
  pool: { startsOn: string; endsOn: string } | null,
  now: Date,
): string[] {
  const problems: string[] = [];
  if (call.deadline.getTime() <= now.getTime()) {
    problems.push(`Ansøgningsfristen (${formatDeadline(call.deadline)}) er allerede overskredet. Ret fristen først.`);
  }
  // Create and edit refuse this already; a call saved before that rule, or a pool
  // shortened since, still cannot be published.
  const outside = pool ? Object.values(projectPeriodOutsidePool(call, pool)) : [];
  if (outside.length) problems.push(outside[0]);
  return problems;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** "Frist i dag", "Frist i morgen", "Frist om 12 dage", counted in Copenhagen calendar days. */
export function deadlineCountdown(deadline: Date, now: Date): string {
  if (now.getTime() > deadline.getTime()) return "Fristen er overskredet";
  const dayNumber = (d: Date) => Date.parse(`${copenhagenDateString(d)}T00:00:00Z`) / DAY_MS;
  const days = Math.round(dayNumber(deadline) - dayNumber(now));
  const at = `kl. ${copenhagenTimeString(deadline)}`;
  if (days === 0) return `Frist i dag ${at}`;
  if (days === 1) return `Frist i morgen ${at}`;
  return `Frist om ${days} dage`;
}
