// Zod issues → `{ field: message }`: one message a field (the first), keyed by the
// field's path ("budget.0.amount"), problems with the whole form under "form". No
// `.server`: the browser keys its own validation the same way as parseForm.

import type { z } from "zod";

export const UNKNOWN_FIELDS_MESSAGE = "Formularen indeholdt felter, der ikke kan ændres her.";

export type IssueLike = { path: readonly PropertyKey[]; message: string; code?: string };

/**
 * What the form helpers accept: a classic zod schema or a `zod/mini` one (/login's, for a
 * smaller browser bundle). Both are core schemas with `safeParse`; typed structurally so the
 * helpers import no zod code themselves.
 */
export type FormSchema = z.core.$ZodType & {
  safeParse(data: unknown): { success: true; data: unknown; error?: undefined } | { success: false; data?: undefined; error: { issues: readonly IssueLike[] } };
};

export function issuesToErrors(issues: readonly IssueLike[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      errors.form = UNKNOWN_FIELDS_MESSAGE;
      continue;
    }
    const key = issue.path.length ? issue.path.map(String).join(".") : "form";
    errors[key] ??= issue.message;
  }
  return errors;
}
