import { sql } from "drizzle-orm";
import { check, date, integer, pgTable, serial, text, uuid } from "drizzle-orm/pg-core";
import { users } from "./access";
import { ore, ts } from "./columns";

// allocated_ore is the committed total of active grants: only a grant ledger entry moves it,
// in the same transaction, with a conditional UPDATE (… AND allocated_ore + $x <= total_ore),
// and the CHECK makes over-allocation impossible in the database.
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
    /** When the initiative (the advisory programmes included) is expected to end; data, not a constant. */
    initiativeEndsOn: date("initiative_ends_on"),
    /** Close-out (afslutning): after this every write to the pool's data is refused. */
    closedAt: ts("closed_at"),
    closedBy: uuid("closed_by").references(() => users.id),
    // Rules as data: a budget change over this share of a budget line or over this amount
    // needs prior approval; a repayment total below repayment_min_ore is not reclaimed.
    changeApprovalPercent: integer("change_approval_percent").notNull().default(10),
    changeApprovalOre: ore("change_approval_ore").notNull().default(sql`10000000`),
    repaymentMinOre: ore("repayment_min_ore").notNull().default(sql`50000`),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    check("pools_total_positive", sql`${t.totalOre} > 0`),
    check("pools_allocated_within_total", sql`${t.allocatedOre} BETWEEN 0 AND ${t.totalOre}`),
    check("pools_dates", sql`${t.endsOn} >= ${t.startsOn}`),
    check("pools_thresholds", sql`${t.changeApprovalPercent} BETWEEN 0 AND 100 AND ${t.changeApprovalOre} >= 0 AND ${t.repaymentMinOre} >= 0`),
  ],
);
