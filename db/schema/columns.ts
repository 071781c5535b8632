// Column helpers every area uses: instants are timestamptz, money is integer øre.
import { bigint, customType, timestamp } from "drizzle-orm/pg-core";

export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
});
export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
export const ore = (name: string) => bigint(name, { mode: "bigint" });

/**
 * Text compared byte by byte (COLLATE "C") whatever the database's own collation: for
 * sort keys (danishSortKey), whose order must not depend on the server's locale or on
 * PGlite having none.
 */
export const byteOrderText = customType<{ data: string; driverData: string }>({
  dataType: () => 'text COLLATE "C"',
});
