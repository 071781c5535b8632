// Zod issues → `{ field: message }`: one message a field (the first), keyed by the
// field's path ("budget.0.amount"), problems with the whole form under "form". No
// `.server`: the browser keys its own validation the same way as parseForm.

export const UNKNOWN_FIELDS_MESSAGE = "Formularen indeholdt felter, der ikke kan ændres her.";

export type IssueLike = { path: readonly PropertyKey[]; message: string; code?: string };

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
