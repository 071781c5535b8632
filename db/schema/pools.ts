import { sql } from "drizzle-orm";
import { check, date, pgTable, serial, text } from "drizzle-orm/pg-core";
import { ore, ts } from "./columns";

// allocated_ore is the committed total; grants (issue 5) move it with a conditional
// UPDATE, and the CHECK makes over-allocation impossible in the database.
export const pools = pgTable(
  "pools",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    financeLine: text("finance_line").notNull(),
    totalOre: ore("total_ore").notNull(),
    allocatedOre: ore("allocated_ore").notNull().default(sql`0`),
    startsOn: date("starts_on").notNull(),
    endsOn: date("ends_on").notNull(),
    closedAt: ts("closed_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    check("pools_total_positive", sql`${t.totalOre} > 0`),
    check("pools_allocated_within_total", sql`${t.allocatedOre} BETWEEN 0 AND ${t.totalOre}`),
    check("pools_dates", sql`${t.endsOn} >= ${t.startsOn}`),
  ],
);
