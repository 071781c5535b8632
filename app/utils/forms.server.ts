// Server side of forms: FormData → zod → either data, or field errors with what the
// user typed (so the page can show both). Repeated fields stay arrays.
import type { z } from "zod";
import { issuesToErrors } from "./form-errors";

export type FormFailure = { ok: false; errors: Record<string, string>; values: Record<string, unknown> };
export type FormResult<T> = { ok: true; data: T } | FormFailure;

export function formDataToObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key).map((v) => (typeof v === "string" ? v : v));
    out[key] = key.endsWith("[]") || all.length > 1 ? all : all[0];
  }
  return out;
}

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
