import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, primaryKey, serial, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { APPLICATION_STATUSES } from "../../app/domain/applications/application-constants";
import { users } from "./access";
import { callCostCategories, calls } from "./calls";
import { ore, ts } from "./columns";
import { municipalities } from "./organisations";

export const applications = pgTable(
  "applications",
  {
    id: serial("id").primaryKey(),
    callId: integer("call_id")
      .notNull()
      .references(() => calls.id),
    municipalityCode: text("municipality_code")
      .notNull()
      .references(() => municipalities.code),
    status: text("status", { enum: APPLICATION_STATUSES }).notNull().default("draft"),
    // Optimistic lock: every save must name the version it started from.
    version: integer("version").notNull().default(1),
    contactName: text("contact_name").notNull().default(""),
    contactEmail: text("contact_email").notNull().default(""),
    contactPhone: text("contact_phone").notNull().default(""),
    // Underskriftsberettiget: the person who may bind the municipality (formalia checks it).
    signatoryName: text("signatory_name").notNull().default(""),
    signatoryTitle: text("signatory_title").notNull().default(""),
    challenge: text("challenge").notNull().default(""),
    activities: text("activities").notNull().default(""),
    expectedEffect: text("expected_effect").notNull().default(""),
    themes: text("themes").array().notNull().default(sql`'{}'::text[]`),
    requestedOre: ore("requested_ore").notNull().default(sql`0`),
    submittedAt: ts("submitted_at"),
    submittedBy: uuid("submitted_by").references(() => users.id),
    reopenReason: text("reopen_reason"),
    rejectionReason: text("rejection_reason"),
    // The caseworker (and first assessor); with a second assessor the scoring is double and blind (decision 017).
    assignedTo: uuid("assigned_to").references(() => users.id),
    secondAssessorId: uuid("second_assessor_id").references(() => users.id),
    createdBy: uuid("created_by").references(() => users.id),
    updatedBy: uuid("updated_by").references(() => users.id),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("applications_call_municipality_unique").on(t.callId, t.municipalityCode),
    index("applications_municipality_idx").on(t.municipalityCode),
    index("applications_status_idx").on(t.callId, t.status),
    // The list's "assigned to" filter and a caseworker's own applications (decision 031).
    index("applications_assigned_to_idx").on(t.assignedTo),
    // The list's default order (last changed first): read backwards, the page's rows and no
    // more, instead of sorting every filtered application (decision 034).
    index("applications_updated_at_idx").on(t.updatedAt),
    check("applications_requested_nonneg", sql`${t.requestedOre} >= 0`),
    check(
      "applications_second_assessor",
      sql`${t.secondAssessorId} IS NULL OR (${t.assignedTo} IS NOT NULL AND ${t.secondAssessorId} <> ${t.assignedTo})`,
    ),
  ],
);

// Budget per eligible cost category per quarter ('2023-Q1').
export const applicationBudgetLines = pgTable(
  "application_budget_lines",
  {
    applicationId: integer("application_id")
      .notNull()
      .references(() => applications.id),
    categoryId: integer("category_id")
      .notNull()
      .references(() => callCostCategories.id),
    quarter: text("quarter").notNull(),
    amountOre: ore("amount_ore").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.applicationId, t.categoryId, t.quarter] }),
    check("budget_quarter_format", sql`${t.quarter} ~ '^[0-9]{4}-Q[1-4]$'`),
    check("budget_amount_nonneg", sql`${t.amountOre} >= 0`),
  ],
);

// Files live on disk under UPLOAD_DIR (outside the web root); the row holds metadata.
export const applicationAttachments = pgTable(
  "application_attachments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    applicationId: integer("application_id")
      .notNull()
      .references(() => applications.id),
    filename: text("filename").notNull(),
    contentType: text("content_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    storageKey: text("storage_key").notNull().unique(),
    uploadedBy: uuid("uploaded_by").references(() => users.id),
    uploadedAt: ts("uploaded_at").notNull().defaultNow(),
    deletedAt: ts("deleted_at"),
  },
  (t) => [index("application_attachments_app_idx").on(t.applicationId)],
);
