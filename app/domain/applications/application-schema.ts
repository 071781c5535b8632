// The application form's two zod schemas, shared by the browser (react-hook-form)
// and the server (parseForm): a draft accepts anything left empty but checks every
// value that is there; a submission needs every field and a budget within the call's
// maximum. The grid (categories × quarters) and the maximum are data, so both are built.
import { THEMES, type Theme } from "~/domain/applications/application-constants";
import { containsCpr, CPR_MESSAGE } from "~/utils/cpr";
import { issuesToErrors } from "~/utils/form-errors";
import { formatOre, oreToInput } from "~/utils/money";
import { amount, email, MAX_LONG, text, z } from "~/utils/validation";
import { budgetKeys, linesFromParsed, linesToInputs, parseBudgetKey, type BudgetGrid, type BudgetLine } from "./budget";

// The labels live in a zod-free module: the form page renders them before (or without) loading
// these schemas (decision 039).
export { fieldLabels, themeLabels } from "./application-labels";

/** One cell may hold at most 100 mia. kr.; keeps sums far from the bigint column's limit. */
export const MAX_CELL_ORE = 10_000_000_000_000n;


export type ApplicationContent = {
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  signatoryName: string;
  signatoryTitle: string;
  challenge: string;
  activities: string;
  expectedEffect: string;
  themes: Theme[];
  budget: BudgetLine[];
};

const EMAIL_MESSAGE = "Skriv en gyldig e-mailadresse, fx navn@kommune.dk.";
const PHONE_PATTERN = /^(\+\d{1,3} ?)?\d[\d -]{5,18}\d$/;
const PHONE_MESSAGE = "Skriv et gyldigt telefonnummer, fx 12 34 56 78.";
const THEME_MESSAGE = "Vælg mindst ét af de fire temaer.";

function draftEmail() {
  return z
    .string()
    .trim()
    .max(254, "E-mailadressen er for lang.")
    .refine((v) => v === "" || z.email().safeParse(v).success, EMAIL_MESSAGE)
    .transform((v) => v.toLowerCase());
}

function phone(required: boolean) {
  return z
    .string({ error: "Udfyld kontaktpersonens telefonnummer." })
    .trim()
    .max(30, "Telefonnummeret må højst være 30 tegn.")
    .refine((v) => !required || v !== "", "Udfyld kontaktpersonens telefonnummer.")
    .refine((v) => v === "" || PHONE_PATTERN.test(v), PHONE_MESSAGE)
    .refine((v) => !containsCpr(v), CPR_MESSAGE);
}

// A checkbox group arrives as nothing, one value or several (FormData), or as an
// array or false (react-hook-form).
const themeList = z
  .union([z.array(z.string()), z.string(), z.literal(false)])
  .optional()
  .transform((v, ctx) => {
    const list = v === undefined || v === false ? [] : Array.isArray(v) ? v : [v];
    const out: Theme[] = [];
    for (const t of list) {
      if (!(THEMES as readonly string[]).includes(t)) {
        ctx.addIssue({ code: "custom", message: "Vælg blandt de fire temaer." });
        return z.NEVER;
      }
      if (!out.includes(t as Theme)) out.push(t as Theme);
    }
    return out;
  });

function budgetCell() {
  return amount("beløbet", { optional: true, max: MAX_CELL_ORE }).optional();
}

function shape(grid: BudgetGrid, required: boolean) {
  const opt = !required;
  const base = {
    contactName: text("kontaktpersonens navn", { optional: opt }),
    contactEmail: required ? email("kontaktpersonens e-mailadresse").refine((v) => !containsCpr(v), CPR_MESSAGE) : draftEmail(),
    contactPhone: phone(required),
    signatoryName: text("navnet på den underskriftsberettigede", { optional: opt }),
    signatoryTitle: text("den underskriftsberettigedes stilling", { optional: opt }),
    challenge: text("beskrivelsen af udfordringen", { max: MAX_LONG, optional: opt }),
    activities: text("de planlagte aktiviteter", { max: MAX_LONG, optional: opt }),
    expectedEffect: text("den forventede effekt", { max: MAX_LONG, optional: opt }),
  };
  // Drafts may leave out any field; a submission names every required one.
  const fields = Object.fromEntries(
    Object.entries(base).map(([k, s]) => [k, required ? s : s.optional()]),
  ) as unknown as { [K in keyof typeof base]: z.ZodType<string | undefined, unknown> };
  const cells = Object.fromEntries(budgetKeys(grid).map((k) => [k, budgetCell()]));
  return { ...fields, themes: themeList, ...cells };
}

function toContent(v: Record<string, unknown>): ApplicationContent {
  const s = (k: string) => (typeof v[k] === "string" ? (v[k] as string) : "");
  return {
    contactName: s("contactName"),
    contactEmail: s("contactEmail"),
    contactPhone: s("contactPhone"),
    signatoryName: s("signatoryName"),
    signatoryTitle: s("signatoryTitle"),
    challenge: s("challenge"),
    activities: s("activities"),
    expectedEffect: s("expectedEffect"),
    themes: (v.themes as Theme[] | undefined) ?? [],
    budget: linesFromParsed(v),
  };
}

/** Saving a draft: everything optional, each value that is there validated. Strict. */
export function applicationDraftSchema(grid: BudgetGrid) {
  return z.strictObject(shape(grid, false)).transform(toContent);
}

function budgetTotalOf(v: Record<string, unknown>) {
  let total = 0n;
  for (const [k, value] of Object.entries(v)) if (parseBudgetKey(k) && typeof value === "bigint") total += value;
  return total;
}

/** Submitting: every field, at least one theme, 0 < budget total ≤ the call's maximum (when set). */
export function applicationSubmitSchema(grid: BudgetGrid, maxOre: bigint | null) {
  return z
    .strictObject(shape(grid, true))
    .superRefine((v, ctx) => {
      if (!Array.isArray(v.themes) || v.themes.length === 0) {
        ctx.addIssue({ code: "custom", path: ["themes"], message: THEME_MESSAGE });
      }
      const total = budgetTotalOf(v);
      if (total <= 0n) {
        ctx.addIssue({ code: "custom", path: ["budget"], message: "Udfyld budgettet: det samlede beløb skal være mere end 0 kr." });
      } else if (maxOre !== null && total > maxOre) {
        ctx.addIssue({
          code: "custom",
          path: ["budget"],
          message: `Budgettet er i alt ${formatOre(total)} – der kan højst søges ${formatOre(maxOre)}`,
        });
      }
    }, { when: () => true })
    .transform(toContent);
}

/** Stored content → the form's field texts (defaults, and re-checking a stored draft at submit). */
export function contentToFormValues(grid: BudgetGrid, c: ApplicationContent): Record<string, string | string[]> {
  const cells = linesToInputs(grid, c.budget, oreToInput);
  return {
    contactName: c.contactName,
    contactEmail: c.contactEmail,
    contactPhone: c.contactPhone,
    signatoryName: c.signatoryName,
    signatoryTitle: c.signatoryTitle,
    challenge: c.challenge,
    activities: c.activities,
    expectedEffect: c.expectedEffect,
    themes: [...c.themes],
    ...cells,
  };
}

export type SaveableDraft =
  | { ok: true; content: ApplicationContent; invalid: Record<string, string> }
  | { ok: false; errors: Record<string, string> };

/**
 * What a draft save stores when some fields are invalid: every valid value as typed,
 * and for each invalid field the stored value, so one mistyped cell does not stop the
 * rest of the draft from being saved. The invalid fields are returned to be marked.
 */
export function saveableDraft(
  grid: BudgetGrid,
  typed: Record<string, unknown>,
  stored: Record<string, string | string[]>,
): SaveableDraft {
  const schema = applicationDraftSchema(grid);
  const first = schema.safeParse(typed);
  if (first.success) return { ok: true, content: first.data, invalid: {} };
  const invalid: Record<string, string> = {};
  for (const issue of first.error.issues) {
    const key = issue.path.map(String).join(".");
    // Whole-form problems (unknown fields) are worded as everywhere else (issuesToErrors).
    if (!key) return { ok: false, errors: issuesToErrors([issue]) };
    invalid[key] ??= issue.message;
  }
  const merged: Record<string, unknown> = { ...typed };
  for (const key of Object.keys(invalid)) {
    const field = key.split(".")[0];
    merged[field] = stored[field] ?? "";
  }
  const second = schema.safeParse(merged);
  if (!second.success) return { ok: false, errors: invalid };
  return { ok: true, content: second.data, invalid };
}
