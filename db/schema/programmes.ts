import { sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, primaryKey, serial, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import {
  ATTENDANCE_STATUSES,
  INTENSITIES,
  MILESTONE_KINDS,
  MILESTONE_STATUSES,
  PARTICIPANT_ROLES,
  PROGRAMME_STATUSES,
  THEMES,
} from "../../app/domain/programmes/programme-constants";
import { users } from "./access";
import { ts } from "./columns";
import { grants } from "./grants";
import { agencies, municipalities } from "./organisations";
import { pools } from "./pools";

const themeList = `ARRAY[${THEMES.map((t) => `'${t}'`).join(", ")}]::text[]`;

// Milestone templates: a named plan (e.g. "Standardforløb, 6 måneder") whose items sit at a
// share of the programme's length, so one template fits any start and end.
export const programmeTemplates = pgTable("programme_templates", {
  id: serial("id").primaryKey(),
  name: text("name").notNull().unique(),
  description: text("description").notNull().default(""),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export const milestoneTemplates = pgTable(
  "milestone_templates",
  {
    id: serial("id").primaryKey(),
    templateId: integer("template_id")
      .notNull()
      .references(() => programmeTemplates.id),
    sortOrder: integer("sort_order").notNull(),
    title: text("title").notNull(),
    kind: text("kind", { enum: MILESTONE_KINDS }).notNull().default("standard"),
    /** Where in the programme: 0 = its start, 100 = its planned end. */
    positionPercent: integer("position_percent").notNull(),
    themes: text("themes").array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [
    uniqueIndex("milestone_templates_order").on(t.templateId, t.sortOrder),
    check("milestone_templates_position", sql`${t.positionPercent} BETWEEN 0 AND 100`),
    check("milestone_templates_themes", sql`${t.themes} <@ ${sql.raw(themeList)}`),
  ],
);

// One tailored advisory programme (skræddersyet rådgivningsforløb) per grant. The
// municipality is the grant's, copied here so every scope is one indexed column.
export const advisoryProgrammes = pgTable(
  "advisory_programmes",
  {
    id: serial("id").primaryKey(),
    grantId: integer("grant_id")
      .notNull()
      .references(() => grants.id),
    poolId: integer("pool_id")
      .notNull()
      .references(() => pools.id),
    municipalityCode: text("municipality_code")
      .notNull()
      .references(() => municipalities.code),
    leadAgencyId: integer("lead_agency_id")
      .notNull()
      .references(() => agencies.id),
    partnerAgencyId: integer("partner_agency_id")
      .notNull()
      .references(() => agencies.id),
    templateId: integer("template_id").references(() => programmeTemplates.id),
    startsOn: date("starts_on").notNull(),
    plannedEndOn: date("planned_end_on").notNull(),
    intensity: text("intensity", { enum: INTENSITIES }).notNull(),
    /** Required (by the command) when the length is outside 3–9 months. */
    lengthReason: text("length_reason"),
    status: text("status", { enum: PROGRAMME_STATUSES }).notNull().default("planned"),
    description: text("description").notNull().default(""),
    version: integer("version").notNull().default(1),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("advisory_programmes_grant_unique").on(t.grantId),
    index("advisory_programmes_municipality_idx").on(t.municipalityCode),
    index("advisory_programmes_pool_idx").on(t.poolId),
    check("advisory_programmes_dates", sql`${t.plannedEndOn} > ${t.startsOn}`),
    check("advisory_programmes_two_agencies", sql`${t.leadAgencyId} <> ${t.partnerAgencyId}`),
  ],
);

// Assigned advisors (users with the advisor role; the command checks), with the agency they
// work for on this programme.
export const programmeAdvisors = pgTable(
  "programme_advisors",
  {
    programmeId: integer("programme_id")
      .notNull()
      .references(() => advisoryProgrammes.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    agencyId: integer("agency_id")
      .notNull()
      .references(() => agencies.id),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.programmeId, t.userId] }), index("programme_advisors_user_idx").on(t.userId, t.programmeId)],
);

// Focus areas (fokusområder): a seeded list plus those staff add, each tagged with themes.
export const focusAreas = pgTable(
  "focus_areas",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    themes: text("themes").array().notNull().default(sql`'{}'::text[]`),
    /** Null for the seeded list; the user who added it otherwise. */
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("focus_areas_name_unique").on(sql`lower(${t.name})`),
    check("focus_areas_themes", sql`${t.themes} <@ ${sql.raw(themeList)}`),
  ],
);

export const programmeFocusAreas = pgTable(
  "programme_focus_areas",
  {
    programmeId: integer("programme_id")
      .notNull()
      .references(() => advisoryProgrammes.id),
    focusAreaId: integer("focus_area_id")
      .notNull()
      .references(() => focusAreas.id),
  },
  (t) => [primaryKey({ columns: [t.programmeId, t.focusAreaId] }), index("programme_focus_areas_area_idx").on(t.focusAreaId)],
);

// Milestones (milepæle). Their history is the audit log (entity "milestone"): every change
// writes one audit row in its transaction, and the page reads them back.
export const milestones = pgTable(
  "milestones",
  {
    id: serial("id").primaryKey(),
    programmeId: integer("programme_id")
      .notNull()
      .references(() => advisoryProgrammes.id),
    sortOrder: integer("sort_order").notNull().default(0),
    title: text("title").notNull(),
    kind: text("kind", { enum: MILESTONE_KINDS }).notNull().default("standard"),
    themes: text("themes").array().notNull().default(sql`'{}'::text[]`),
    plannedOn: date("planned_on").notNull(),
    actualOn: date("actual_on"),
    status: text("status", { enum: MILESTONE_STATUSES }).notNull().default("planlagt"),
    /** Why it was postponed (udskudt) or cancelled (aflyst). */
    statusReason: text("status_reason"),
    /** What happened and what was agreed. */
    note: text("note").notNull().default(""),
    version: integer("version").notNull().default(1),
    createdBy: uuid("created_by").references(() => users.id),
    updatedBy: uuid("updated_by").references(() => users.id),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("milestones_programme_idx").on(t.programmeId, t.plannedOn),
    index("milestones_open_planned_idx").on(t.plannedOn).where(sql`${t.status} NOT IN ('gennemfoert', 'aflyst')`),
    check("milestones_themes", sql`${t.themes} <@ ${sql.raw(themeList)}`),
    check("milestones_done_has_date", sql`${t.status} <> 'gennemfoert' OR ${t.actualOn} IS NOT NULL`),
    check(
      "milestones_reason",
      sql`${t.status} NOT IN ('udskudt', 'aflyst') OR (${t.statusReason} IS NOT NULL AND length(btrim(${t.statusReason})) > 0)`,
    ),
  ],
);

/** Participants by role and count: never names. */
export const milestoneParticipants = pgTable(
  "milestone_participants",
  {
    milestoneId: integer("milestone_id")
      .notNull()
      .references(() => milestones.id),
    role: text("role", { enum: PARTICIPANT_ROLES }).notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.milestoneId, t.role] }), check("milestone_participants_count", sql`${t.count} > 0`)],
);

/** A case review (sagsgennemgang) as numbers and findings per theme: never personal data. */
export const milestoneCaseReviews = pgTable(
  "milestone_case_reviews",
  {
    milestoneId: integer("milestone_id")
      .notNull()
      .references(() => milestones.id),
    theme: text("theme", { enum: THEMES }).notNull(),
    casesReviewed: integer("cases_reviewed").notNull().default(0),
    /** Cases where the theme's requirements were met. */
    casesAdequate: integer("cases_adequate").notNull().default(0),
    findings: text("findings").notNull().default(""),
  },
  (t) => [
    primaryKey({ columns: [t.milestoneId, t.theme] }),
    check("milestone_case_reviews_counts", sql`${t.casesReviewed} >= 0 AND ${t.casesAdequate} BETWEEN 0 AND ${t.casesReviewed}`),
  ],
);

/** Municipality users' comments on a milestone (append-only by the commands). */
export const milestoneComments = pgTable(
  "milestone_comments",
  {
    id: serial("id").primaryKey(),
    milestoneId: integer("milestone_id")
      .notNull()
      .references(() => milestones.id),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("milestone_comments_milestone_idx").on(t.milestoneId, t.createdAt)],
);

/** Agendas, learning notes (læringsnotater): stored like application attachments (uploads.server.ts). */
export const milestoneAttachments = pgTable(
  "milestone_attachments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    milestoneId: integer("milestone_id")
      .notNull()
      .references(() => milestones.id),
    filename: text("filename").notNull(),
    contentType: text("content_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    storageKey: text("storage_key").notNull().unique(),
    uploadedBy: uuid("uploaded_by").references(() => users.id),
    uploadedAt: ts("uploaded_at").notNull().defaultNow(),
    deletedAt: ts("deleted_at"),
  },
  (t) => [index("milestone_attachments_milestone_idx").on(t.milestoneId)],
);

// Cross-municipal sessions (tværkommunale læringsseminarer) with invited municipalities.
export const crossMunicipalSessions = pgTable(
  "cross_municipal_sessions",
  {
    id: serial("id").primaryKey(),
    poolId: integer("pool_id")
      .notNull()
      .references(() => pools.id),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    heldOn: date("held_on").notNull(),
    location: text("location").notNull().default(""),
    leadAgencyId: integer("lead_agency_id").references(() => agencies.id),
    themes: text("themes").array().notNull().default(sql`'{}'::text[]`),
    status: text("status", { enum: MILESTONE_STATUSES }).notNull().default("planlagt"),
    note: text("note").notNull().default(""),
    version: integer("version").notNull().default(1),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [index("cross_municipal_sessions_held_idx").on(t.heldOn), check("cross_municipal_sessions_themes", sql`${t.themes} <@ ${sql.raw(themeList)}`)],
);

export const sessionInvitations = pgTable(
  "session_invitations",
  {
    sessionId: integer("session_id")
      .notNull()
      .references(() => crossMunicipalSessions.id),
    municipalityCode: text("municipality_code")
      .notNull()
      .references(() => municipalities.code),
    attendance: text("attendance", { enum: ATTENDANCE_STATUSES }).notNull().default("invited"),
    participants: integer("participants"),
    respondedBy: uuid("responded_by").references(() => users.id),
    respondedAt: ts("responded_at"),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.municipalityCode] }),
    index("session_invitations_municipality_idx").on(t.municipalityCode),
    check("session_invitations_participants", sql`${t.participants} IS NULL OR ${t.participants} >= 0`),
  ],
);
