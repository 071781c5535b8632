import { pgTable, serial, text } from "drizzle-orm/pg-core";
import { AGENCY_KINDS } from "../../app/auth/account-constants";

export const municipalities = pgTable("municipalities", {
  code: text("code").primaryKey(),
  name: text("name").notNull(),
  officialName: text("official_name").notNull(),
  region: text("region").notNull(),
});

export const agencies = pgTable("agencies", {
  id: serial("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  kind: text("kind", { enum: AGENCY_KINDS }).notNull(),
});
