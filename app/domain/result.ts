// The one answer every domain command gives: ok with a value, or a failure of one of
// four kinds with a Danish message (and, for `invalid`, messages per field). Routes
// turn a failure into HTTP in one place (app/utils/command-response.server.ts), so
// the same kind always gives the same status: see docs/decisions/008-command-result.md.

export type FailureKind =
  | "not_found" // not there, or not visible to this actor (the scope in the WHERE)
  | "refused" // visible, but this actor may not do this
  | "conflict" // the record's state (status, deadline, version) does not allow it now
  | "invalid"; // the input is wrong: `errors` says which field

export type Failure = { ok: false; kind: FailureKind; message: string; errors?: Record<string, string> };
export type Ok<T> = { ok: true; value: T };
export type Result<T = undefined> = Ok<T> | Failure;

export function ok(): Ok<undefined>;
export function ok<T>(value: T): Ok<T>;
export function ok<T>(value?: T) {
  return { ok: true, value };
}

export const notFound = (message: string): Failure => ({ ok: false, kind: "not_found", message });
export const refused = (message: string): Failure => ({ ok: false, kind: "refused", message });
export const conflict = (message: string): Failure => ({ ok: false, kind: "conflict", message });
export const invalid = (message: string, errors?: Record<string, string>): Failure => ({
  ok: false,
  kind: "invalid",
  message,
  ...(errors ? { errors } : {}),
});

export function isFailure(value: unknown): value is Failure {
  return typeof value === "object" && value !== null && (value as Failure).ok === false && "kind" in value;
}
