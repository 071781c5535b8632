// Server side of forms: FormData → zod → either data, or field errors with what the
// user typed (so the page can show both). Repeated fields stay arrays.
import type { z } from "zod";
import { formDataToObject } from "./form-data";
import { issuesToErrors } from "./form-errors";

export { formDataToObject };

export type FormFailure = { ok: false; errors: Record<string, string>; values: Record<string, unknown> };
export type FormResult<T> = { ok: true; data: T } | FormFailure;

export function parseForm<S extends z.ZodType>(formData: FormData, schema: S): FormResult<z.output<S>> {
  const values = formDataToObject(formData);
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors = issuesToErrors(result.error.issues);
  // Never echo file contents or passwords back to the page.
  for (const k of Object.keys(values)) {
    if (typeof values[k] !== "string" && !Array.isArray(values[k])) delete values[k];
    if (/password/i.test(k)) delete values[k];
  }
  return { ok: false, errors, values };
}
