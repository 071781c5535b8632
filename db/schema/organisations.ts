import { index, pgTable, serial, text } from "drizzle-orm/pg-core";
import { AGENCY_KINDS } from "../../app/auth/account-constants";
import { byteOrderText } from "./columns";

export const municipalities = pgTable(
  "municipalities",
  {
    code: text("code").primaryKey(),
    name: text("name").notNull(),
    officialName: text("official_name").notNull(),
    region: text("region").notNull(),
    /** danishSortKey(name): lists ORDER BY it for Danish order on both databases (decision 028). */
    sortKey: byteOrderText("sort_key").notNull(),
  },
  (t) => [index("municipalities_sort_key_idx").on(t.sortKey)],
);

export const agencies = pgTable("agencies", {
  id: serial("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  kind: text("kind", { enum: AGENCY_KINDS }).notNull(),
});
