// Column helpers every area uses: instants are timestamptz, money is integer øre.
import { bigint, customType, timestamp } from "drizzle-orm/pg-core";

export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
});
export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
export const ore = (name: string) => bigint(name, { mode: "bigint" });
