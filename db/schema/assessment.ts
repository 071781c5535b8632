import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, primaryKey, serial, smallint, text, uuid } from "drizzle-orm/pg-core";
import { applications } from "./applications";
import { users } from "./access";
import { callCriteria } from "./calls";
import { ts } from "./columns";

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
