// `column = any($1)`: one array parameter, however many values, instead of drizzle's
// inArray, which writes one placeholder per value (`IN ($1, $2, … $n)`): a new statement
// text for every list length, and no plan reuse. The values must not be empty-checked by
// the caller: `= any('{}')` is simply false. Works on postgres.js and PGlite alike.
import { sql, type AnyColumn, type SQL } from "drizzle-orm";

export function anyOf(column: AnyColumn | SQL, values: readonly (number | string)[]): SQL {
  return sql`${column} = any(${sql.param(values)})`;
}
