import { sql } from "drizzle-orm";
import { boolean, check, index, integer, numeric, pgTable, primaryKey, serial, smallint, text, uuid } from "drizzle-orm/pg-core";
import { applications } from "./applications";
import { users } from "./access";
import { callCriteria } from "./calls";
import { byteOrderText, ore, ts } from "./columns";

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

// One assessor's score per criterion (decision 017): with two assessors each scores in
// their own rows, and neither reads the other's until both have submitted.
export const assessmentScores = pgTable(
  "assessment_scores",
  {
    applicationId: integer("application_id")
      .notNull()
      .references(() => applications.id),
    criterionId: integer("criterion_id")
      .notNull()
      .references(() => callCriteria.id),
    assessorId: uuid("assessor_id")
      .notNull()
      .references(() => users.id),
    score: smallint("score").notNull(),
    note: text("note").notNull().default(""),
    scoredAt: ts("scored_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.applicationId, t.criterionId, t.assessorId] }),
    check("assessment_score_range", sql`${t.score} BETWEEN 0 AND 5`),
  ],
);

// "Afgiv vurdering": an assessor's scores are final (and the other's become readable once both are).
export const assessmentSubmissions = pgTable(
  "assessment_submissions",
  {
    applicationId: integer("application_id")
      .notNull()
      .references(() => applications.id),
    assessorId: uuid("assessor_id")
      .notNull()
      .references(() => users.id),
    submittedAt: ts("submitted_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.assessorId] })],
);

// Enighed: the score both assessments settle on, per criterion; the ranking counts it.
export const agreedScores = pgTable(
  "agreed_scores",
  {
    applicationId: integer("application_id")
      .notNull()
      .references(() => applications.id),
    criterionId: integer("criterion_id")
      .notNull()
      .references(() => callCriteria.id),
    score: smallint("score").notNull(),
    note: text("note").notNull().default(""),
    agreedBy: uuid("agreed_by").references(() => users.id),
    agreedAt: ts("agreed_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.applicationId, t.criterionId] }),
    check("agreed_score_range", sql`${t.score} BETWEEN 0 AND 5`),
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

// Each application's standing in its call, stored (issue 19, decision 034): the criteria of
// its call (total), how many have a score that counts, the weighted score in tenths when all
// have one, and its rank among the call's non-draft applications. Derived data: database
// triggers (migration 0018) recompute a call's rows in the same transaction as every write
// to an input, so the list reads its page's rows instead of ranking whole calls per request.
export const applicationStandings = pgTable(
  "application_standings",
  {
    applicationId: integer("application_id")
      .primaryKey()
      .references(() => applications.id, { onDelete: "cascade" }),
    callId: integer("call_id").notNull(),
    total: integer("total").notNull(),
    scored: integer("scored").notNull(),
    tenths: integer("tenths"),
    rank: integer("rank"),
    // The list's sort inputs (migration 0019, decision 038): the need index of the
    // application's municipality in its call and the municipality's name order, copied here so
    // that sorting by need or by score reads the page's rows from one of the indexes below.
    need: numeric("need", { precision: 12, scale: 4 }),
    sortKey: byteOrderText("sort_key").notNull(),
  },
  (t) => [
    index("application_standings_call_idx").on(t.callId),
    // The list's need and score orders, both directions (NULLS LAST either way, then the name).
    index("application_standings_need_desc_idx").on(t.need.desc().nullsLast(), t.tenths.desc().nullsLast(), t.sortKey, t.applicationId),
    index("application_standings_need_asc_idx").on(t.need.asc().nullsLast(), t.tenths.asc().nullsLast(), t.sortKey, t.applicationId),
    index("application_standings_score_desc_idx").on(t.tenths.desc().nullsLast(), t.sortKey, t.applicationId),
    index("application_standings_score_asc_idx").on(t.tenths.asc().nullsLast(), t.sortKey, t.applicationId),
  ],
);

// The list's count and requested sum per call and status (issue 19, decision 038): derived
// data kept by database triggers on applications (migration 0019) in the writer's transaction,
// so the unfiltered (or call- or status-filtered) list adds up a few hundred rows instead of
// reading every application. A row may hold 0 applications after the last one left it.
export const applicationTotals = pgTable(
  "application_totals",
  {
    callId: integer("call_id").notNull(),
    status: text("status").notNull(),
    applications: integer("applications").notNull(),
    requestedOre: ore("requested_ore").notNull(),
  },
  (t) => [primaryKey({ columns: [t.callId, t.status] })],
);
