// One schema for both drivers (PGlite and postgres.js). Money is integer øre in
// bigint columns; instants are timestamptz; calendar dates are date strings.
import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
});
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const ore = (name: string) => bigint(name, { mode: "bigint" });

// ---------------------------------------------------------------- organisations
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
  kind: text("kind", { enum: ["ministry", "agency"] }).notNull(),
});

// ---------------------------------------------------------------- users & access
export const APPLICATION_NOTICE_MODES = ["immediate", "daily"] as const;
export type ApplicationNoticeMode = (typeof APPLICATION_NOTICE_MODES)[number];

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash"),
    status: text("status", { enum: ["active", "disabled"] }).notNull().default("active"),
    // How a caseworker hears of arriving applications: one mail each, or one a day.
    applicationNotice: text("application_notice", { enum: APPLICATION_NOTICE_MODES }).notNull().default("immediate"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_email_unique").on(sql`lower(${t.email})`)],
);

export const ROLES = ["admin", "caseworker", "municipality", "advisor"] as const;
export type Role = (typeof ROLES)[number];

// One membership per user today (unique user_id); the table keeps room for more.
export const memberships = pgTable(
  "memberships",
  {
    id: serial("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    role: text("role", { enum: ROLES }).notNull(),
    municipalityCode: text("municipality_code").references(() => municipalities.code),
    agencyId: integer("agency_id").references(() => agencies.id),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("memberships_user_unique").on(t.userId),
    index("memberships_municipality_idx").on(t.municipalityCode),
    check(
      "memberships_scope_check",
      sql`(${t.role} <> 'municipality' OR ${t.municipalityCode} IS NOT NULL)
        AND (${t.role} <> 'advisor' OR ${t.agencyId} IS NOT NULL)`,
    ),
  ],
);

// The cookie carries a random token; only its SHA-256 is stored.
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: ts("created_at").notNull().defaultNow(),
    lastSeenAt: ts("last_seen_at").notNull().defaultNow(),
    expiresAt: ts("expires_at").notNull(),
    revokedAt: ts("revoked_at"),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const invitations = pgTable(
  "invitations",
  {
    id: serial("id").primaryKey(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    municipalityCode: text("municipality_code").references(() => municipalities.code),
    agencyId: integer("agency_id").references(() => agencies.id),
    tokenHash: text("token_hash").notNull().unique(),
    invitedBy: uuid("invited_by").references(() => users.id),
    expiresAt: ts("expires_at").notNull(),
    acceptedAt: ts("accepted_at"),
    revokedAt: ts("revoked_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("invitations_email_idx").on(sql`lower(${t.email})`)],
);

export const passwordResets = pgTable("password_resets", {
  id: serial("id").primaryKey(),
  userId: uuid("user_id")
    .notNull()
    .references(() => users.id),
  tokenHash: text("token_hash").notNull().unique(),
  expiresAt: ts("expires_at").notNull(),
  usedAt: ts("used_at"),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    email: text("email").notNull(),
    succeeded: boolean("succeeded").notNull(),
    ip: text("ip"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("login_attempts_email_idx").on(t.email, t.createdAt)],
);

// Append-only: migration 0001 adds triggers that reject UPDATE, DELETE and TRUNCATE.
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: ts("at").notNull().defaultNow(),
    actorUserId: uuid("actor_user_id"),
    actorRole: text("actor_role"),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    before: jsonb("before"),
    after: jsonb("after"),
    requestId: text("request_id"),
  },
  (t) => [
    index("audit_log_at_idx").on(t.at),
    index("audit_log_entity_idx").on(t.entityType, t.entityId),
    index("audit_log_actor_idx").on(t.actorUserId, t.at),
  ],
);

// ---------------------------------------------------------------- mail
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    messageId: text("message_id").notNull().unique(),
    template: text("template").notNull(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body").notNull(),
    status: text("status", { enum: ["queued", "sent", "failed"] }).notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: ts("next_attempt_at").notNull().defaultNow(),
    leaseUntil: ts("lease_until"),
    leaseToken: uuid("lease_token"),
    lastError: text("last_error"),
    sentAt: ts("sent_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("email_outbox_due_idx").on(t.status, t.nextAttemptAt),
    index("email_outbox_created_idx").on(t.createdAt),
  ],
);

export const emailAttachments = pgTable("email_attachments", {
  id: serial("id").primaryKey(),
  outboxId: bigint("outbox_id", { mode: "number" })
    .notNull()
    .references(() => emailOutbox.id),
  filename: text("filename").notNull(),
  contentType: text("content_type").notNull(),
  content: bytea("content").notNull(),
});

// ---------------------------------------------------------------- pool
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

// ---------------------------------------------------------------- calls (opslag)
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
    status: text("status", { enum: ["draft", "published"] }).notNull().default("draft"),
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
  (t) => [primaryKey({ columns: [t.callId, t.municipalityCode] })],
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

// ---------------------------------------------------------------- applications
export const APPLICATION_STATUSES = [
  "draft",
  "submitted",
  "correction",
  "formalia_approved",
  "rejection_proposed",
  "assessed",
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const THEMES = ["udredning", "indsats", "opfoelgning", "inddragelse"] as const;
export type Theme = (typeof THEMES)[number];

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
    assignedTo: uuid("assigned_to").references(() => users.id),
    createdBy: uuid("created_by").references(() => users.id),
    updatedBy: uuid("updated_by").references(() => users.id),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("applications_call_municipality_unique").on(t.callId, t.municipalityCode),
    index("applications_municipality_idx").on(t.municipalityCode),
    index("applications_status_idx").on(t.callId, t.status),
    check("applications_requested_nonneg", sql`${t.requestedOre} >= 0`),
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

// Formal check (formalia): one row per requirement per application.
export const formalChecks = pgTable(
  "formal_checks",
  {
    applicationId: integer("application_id")
      .notNull()
      .references(() => applications.id),
    requirement: text("requirement").notNull(),
    met: boolean("met").notNull(),
    note: text("note").notNull().default(""),
    checkedBy: uuid("checked_by").references(() => users.id),
    checkedAt: ts("checked_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.requirement] })],
);

export const assessmentScores = pgTable(
  "assessment_scores",
  {
    applicationId: integer("application_id")
      .notNull()
      .references(() => applications.id),
    criterionId: integer("criterion_id")
      .notNull()
      .references(() => callCriteria.id),
    score: smallint("score").notNull(),
    note: text("note").notNull().default(""),
    scoredBy: uuid("scored_by").references(() => users.id),
    scoredAt: ts("scored_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.applicationId, t.criterionId] }),
    check("assessment_score_range", sql`${t.score} BETWEEN 0 AND 5`),
  ],
);

export const applicationNotes = pgTable(
  "application_notes",
  {
    id: serial("id").primaryKey(),
    applicationId: integer("application_id")
      .notNull()
      .references(() => applications.id),
    authorId: uuid("author_id").references(() => users.id),
    body: text("body").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("application_notes_app_idx").on(t.applicationId)],
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

// One row per user and Copenhagen day once that day's digest is queued: the job can
// run any number of times and sends each digest once.
export const noticeDigests = pgTable(
  "notice_digests",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    day: date("day").notNull(),
    applicationCount: integer("application_count").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.day] })],
);

// Process-wide settings an admin changes at run time (today: the test clock).
export const appSettings = pgTable("app_settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedBy: uuid("updated_by").references(() => users.id),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});
