// Server side of forms: FormData → zod → either data, or field errors with what the
// user typed (so the page can show both). Repeated fields stay arrays.
import type { z } from "zod";
import { formDataToObject } from "./form-data";
import { issuesToErrors, type FormSchema } from "./form-errors";

export { formDataToObject };

export const NUL_MESSAGE = "Feltet indeholder et usynligt kontroltegn (NUL). Fjern det, og prøv igen.";

export type FormFailure = { ok: false; errors: Record<string, string>; values: Record<string, unknown> };
export type FormResult<T> = { ok: true; data: T } | FormFailure;

/** `schema`: classic zod or `zod/mini` (see FormSchema). */
export function parseForm<S extends FormSchema>(formData: FormData, schema: S): FormResult<z.core.output<S>> {
  const values = formDataToObject(formData);
  const result = schema.safeParse(values);
  // NUL can never be stored (PostgreSQL refuses it in text): whatever the schema allowed.
  const nul = Object.keys(values).filter((k) => [values[k]].flat().some((v) => typeof v === "string" && v.includes("\u0000")));
  if (result.success && !nul.length) return { ok: true, data: result.data as z.core.output<S> };
  const errors = result.success ? {} : issuesToErrors(result.error.issues);
  for (const k of nul) errors[k] ??= NUL_MESSAGE;
  // Never echo file contents or passwords back to the page.
  for (const k of Object.keys(values)) {
    if (typeof values[k] !== "string" && !Array.isArray(values[k])) delete values[k];
    if (/password/i.test(k)) delete values[k];
  }
  return { ok: false, errors, values };
}
