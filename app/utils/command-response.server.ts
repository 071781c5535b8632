// A domain command's failure as an action's answer, the same for every route:
// not_found → 404 (thrown, like an id the actor may not see), refused → 403,
// conflict → 409, invalid → 400. The page gets the message next to its field (or
// under "form"), and what the user typed, so nothing typed is lost.
import { data } from "@remix-run/node";
import type { Failure, FailureKind } from "~/domain/result";
import { found, notFound } from "~/auth/guards.server";

export const FAILURE_STATUS: Record<FailureKind, 403 | 404 | 409 | 400> = {
  not_found: 404,
  refused: 403,
  conflict: 409,
  invalid: 400,
};

export type CommandFailureData = { ok: false; kind: FailureKind; errors: Record<string, string>; values: Record<string, unknown> };

/**
 * `extra`: more the page needs beside errors and values (the form's intent, version).
 * `field`: where a message without field errors is shown (default "form", the summary
 * at the top; an upload shows it at its file input).
 */
export function commandFailure<E extends Record<string, unknown> = Record<never, never>>(
  failure: Failure,
  values: Record<string, unknown>,
  extra?: E,
  { field = "form" }: { field?: string } = {},
) {
  if (failure.kind === "not_found") notFound(failure.message);
  const errors = failure.errors && Object.keys(failure.errors).length > 0 ? failure.errors : { [field]: failure.message };
  const body: CommandFailureData = { ok: false, kind: failure.kind, errors, values };
  return data({ ...body, ...(extra as E) }, { status: FAILURE_STATUS[failure.kind] });
}

/**
 * A form that does not parse (unknown intent, missing version) answers 400 only about a
 * record the actor may see; otherwise 404, as the command would answer a valid form, so
 * a junk body cannot tell which ids exist. `visible` is the scoped lookup (SQL scope in
 * the WHERE); it runs only on this path, where no command runs, so no request looks the
 * record up twice.
 */
export async function invalidForm<T>(visible: () => Promise<boolean>, body: T) {
  found((await visible()) || null);
  return data(body, { status: 400 });
}
