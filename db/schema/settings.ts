import { jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { users } from "./access";
import { ts } from "./columns";

// Process-wide settings an admin changes at run time (today: the test clock).
export const appSettings = pgTable("app_settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedBy: uuid("updated_by").references(() => users.id),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});
