// What the status-pack form asks: the pool, the "as of" date and the purpose (a question
// from a committee of Folketinget with its number, or the annual status). Read from the
// URL (a GET form: the downloads are links with the same query). Pure.
import { z } from "zod";
import { isCalendarDate } from "./as-of";
import type { StatusPackPurpose } from "./figures";

export const PACK_FORMATS = ["docx", "pdf", "xlsx"] as const;
export type PackFormat = (typeof PACK_FORMATS)[number];

export const PACK_FIELDS = ["poolId", "asOf", "purpose", "committee", "questionNo"] as const;
export type PackField = (typeof PACK_FIELDS)[number];
export type PackValues = Record<PackField, string>;

export type PackRequest = { poolId: number; asOf: string; purpose: StatusPackPurpose };

const schema = z
  .object({
    poolId: z.string().regex(/^[1-9][0-9]{0,8}$/, "Vælg en pulje."),
    asOf: z
      .string()
      .trim()
      .refine(isCalendarDate, "Skriv datoen som åååå-mm-dd, fx 2024-04-30."),
    purpose: z.enum(["question", "annual"], { error: "Vælg, hvad materialet skal bruges til." }),
    committee: z.string().trim().max(80, "Udvalgets navn må højst være 80 tegn."),
    questionNo: z.string().trim().max(20, "Spørgsmålets nummer må højst være 20 tegn."),
  })
  .superRefine((v, ctx) => {
    if (v.purpose !== "question") return;
    if (!v.committee) ctx.addIssue({ code: "custom", path: ["committee"], message: "Skriv hvilket udvalg, der har stillet spørgsmålet." });
    if (!/^[0-9]{1,5}( ?[A-Za-zÆØÅæøå.-]{0,10})?$/.test(v.questionNo))
      ctx.addIssue({ code: "custom", path: ["questionNo"], message: "Skriv spørgsmålets nummer, fx 391." });
  });

/** The form's values from the URL (defaults: the first pool, today, a question from Socialudvalget). */
export function packValues(params: URLSearchParams, defaults: { poolId: string; today: string }): PackValues {
  const get = (k: PackField) => params.get(k);
  return {
    poolId: get("poolId") ?? defaults.poolId,
    asOf: get("asOf") ?? defaults.today,
    purpose: get("purpose") ?? "question",
    committee: get("committee") ?? "Socialudvalget",
    questionNo: get("questionNo") ?? "",
  };
}

/** Has the form been sent (any of its fields in the URL)? */
export function packSubmitted(params: URLSearchParams) {
  return PACK_FIELDS.some((k) => params.has(k));
}

export type ParsedPack = { ok: true; request: PackRequest } | { ok: false; errors: Partial<Record<PackField, string>> };

export function parsePackRequest(values: PackValues, today: string): ParsedPack {
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    const errors: Partial<Record<PackField, string>> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as PackField;
      errors[field] ??= issue.message;
    }
    return { ok: false, errors };
  }
  const v = parsed.data;
  if (v.asOf > today) return { ok: false, errors: { asOf: "Datoen må ikke ligge efter i dag: tallene kan kun opgøres for dage, der er gået." } };
  return {
    ok: true,
    request: {
      poolId: Number(v.poolId),
      asOf: v.asOf,
      purpose: v.purpose === "question" ? { kind: "question", committee: v.committee, questionNo: v.questionNo } : { kind: "annual" },
    },
  };
}

/** The query string of a pack, for the download links. */
export function packQuery(values: PackValues) {
  const q = new URLSearchParams();
  for (const k of PACK_FIELDS) if (values[k] !== "") q.set(k, values[k]);
  return q.toString();
}
