import { sql } from "drizzle-orm";
import { bigserial, boolean, check, index, integer, pgTable, serial, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { APPLICATION_NOTICE_MODES, ROLES, USER_STATUSES } from "../../app/auth/account-constants";
import { ts } from "./columns";
import { agencies, municipalities } from "./organisations";

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash"),
    status: text("status", { enum: USER_STATUSES }).notNull().default("active"),
    /** Made by the demo seed: such a user never signs in to a real (production) system. */
    isDemo: boolean("is_demo").notNull().default(false),
    // How a caseworker hears of arriving applications: one mail each, or one a day.
    applicationNotice: text("application_notice", { enum: APPLICATION_NOTICE_MODES }).notNull().default("immediate"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_email_unique").on(sql`lower(${t.email})`)],
);

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

// Sign-in guesses are counted here before the password is checked, one conditional
// upsert per key ("email:…", "address:…", "password-check:<user id>"), so parallel
// guesses cannot get past the limit. A row counts failures (and guesses in flight).
export const loginThrottles = pgTable("login_throttles", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  windowStartedAt: ts("window_started_at").notNull(),
  lastAt: ts("last_at").notNull(),
});
