import { check, date, index, integer, numeric, pgTable, primaryKey, serial, text, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { CALL_STATUSES } from "../../app/domain/calls/call-constants";
import { users } from "./access";
import { ore, ts } from "./columns";
import { municipalities } from "./organisations";
import { pools } from "./pools";

export const calls = pgTable(
  "calls",
  {
    id: serial("id").primaryKey(),
    poolId: integer("pool_id")
      .notNull()
      .references(() => pools.id),
    title: text("title").notNull(),
    purpose: text("purpose").notNull(),
    projectStart: date("project_start").notNull(),
    projectEnd: date("project_end").notNull(),
    deadline: ts("deadline").notNull(),
    expectedGrants: integer("expected_grants"),
    maxAmountOre: ore("max_amount_ore"),
    status: text("status", { enum: CALL_STATUSES }).notNull().default("draft"),
    // Defaults for each grant's deadlines (stored per grant at decision time).
    acceptanceDays: integer("acceptance_days").notNull().default(14),
    startWithinMonths: integer("start_within_months").notNull().default(6),
    accountsDueMonths: integer("accounts_due_months").notNull().default(3),
    publishedAt: ts("published_at"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("calls_pool_idx").on(t.poolId),
    check("calls_period", sql`${t.projectEnd} >= ${t.projectStart}`),
    check("calls_max_amount", sql`${t.maxAmountOre} IS NULL OR ${t.maxAmountOre} > 0`),
  ],
);

export const callCostCategories = pgTable(
  "call_cost_categories",
  {
    id: serial("id").primaryKey(),
    callId: integer("call_id")
      .notNull()
      .references(() => calls.id),
    label: text("label").notNull(),
    sortOrder: integer("sort_order").notNull().default(0),
  },
  (t) => [index("call_cost_categories_call_idx").on(t.callId)],
);

export const callCriteria = pgTable(
  "call_criteria",
  {
    id: serial("id").primaryKey(),
    callId: integer("call_id")
      .notNull()
      .references(() => calls.id),
    label: text("label").notNull(),
    description: text("description").notNull().default(""),
    weight: integer("weight").notNull(),
    sortOrder: integer("sort_order").notNull().default(0),
  },
  (t) => [
    index("call_criteria_call_idx").on(t.callId),
    check("call_criteria_weight", sql`${t.weight} BETWEEN 0 AND 100`),
  ],
);

export const callEligibleMunicipalities = pgTable(
  "call_eligible_municipalities",
  {
    callId: integer("call_id")
      .notNull()
      .references(() => calls.id),
    municipalityCode: text("municipality_code")
      .notNull()
      .references(() => municipalities.code),
  },
  (t) => [
    primaryKey({ columns: [t.callId, t.municipalityCode] }),
    // A municipality's open calls (its start page): the key leads with call_id (decision 031).
    index("call_eligible_municipalities_municipality_idx").on(t.municipalityCode),
  ],
);

// Need index (behovsindeks): one value per municipality per call; an import
// replaces the whole set in one transaction.
export const needIndexEntries = pgTable(
  "need_index_entries",
  {
    callId: integer("call_id")
      .notNull()
      .references(() => calls.id),
    municipalityCode: text("municipality_code")
      .notNull()
      .references(() => municipalities.code),
    value: numeric("value", { precision: 12, scale: 4 }).notNull(),
    sourceNote: text("source_note"),
    importedBy: uuid("imported_by").references(() => users.id),
    importedAt: ts("imported_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.callId, t.municipalityCode] })],
);

// Caseworkers responsible for a call: they get the notice when an application arrives
// (all caseworkers when none are named).
export const callCaseworkers = pgTable(
  "call_caseworkers",
  {
    callId: integer("call_id")
      .notNull()
      .references(() => calls.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.callId, t.userId] })],
);
