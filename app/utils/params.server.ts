// Ids from the URL. One rule for every route: a positive whole number that fits the
// column (integer by default, `bigint` for the bigserial tables); anything else is a
// 404 like an unknown id, never a 500 from the database.
import { found } from "~/auth/guards.server";

const MAX = { integer: 2_147_483_647, bigint: Number.MAX_SAFE_INTEGER } as const;
export type IdColumn = keyof typeof MAX;

/** A positive integer id that fits the column, or null. */
export function parseId(value: string | undefined | null, column: IdColumn = "integer"): number | null {
  if (!value || !/^\d{1,16}$/.test(value)) return null;
  const n = Number(value);
  return n > 0 && n <= MAX[column] ? n : null;
}

/** The id in the route param, or a thrown 404. */
export function idParam(value: string | undefined, column: IdColumn = "integer"): number {
  return found(parseId(value, column));
}
