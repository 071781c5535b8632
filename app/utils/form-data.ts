// FormData → plain object, the one shape both sides validate: the server in parseForm,
// the browser in useValidatedForm. Repeated fields (and names ending in "[]") stay arrays.
// No `.server`: the browser must read a form exactly as the server will.
import { issuesToErrors, type FormSchema } from "./form-errors";

export function formDataToObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key);
    out[key] = key.endsWith("[]") || all.length > 1 ? all : all[0];
  }
  return out;
}

/** `{}` when the form data passes the schema, otherwise one message per field. */
export function formDataErrors(schema: FormSchema, formData: FormData): Record<string, string> {
  const result = schema.safeParse(formDataToObject(formData));
  return result.success ? {} : issuesToErrors(result.error.issues);
}
