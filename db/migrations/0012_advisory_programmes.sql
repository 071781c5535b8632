CREATE TABLE "advisory_programmes" (
	"id" serial PRIMARY KEY NOT NULL,
	"grant_id" integer NOT NULL,
	"pool_id" integer NOT NULL,
	"municipality_code" text NOT NULL,
	"lead_agency_id" integer NOT NULL,
	"partner_agency_id" integer NOT NULL,
	"template_id" integer,
	"starts_on" date NOT NULL,
	"planned_end_on" date NOT NULL,
	"intensity" text NOT NULL,
	"length_reason" text,
	"status" text DEFAULT 'planned' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "advisory_programmes_dates" CHECK ("advisory_programmes"."planned_end_on" > "advisory_programmes"."starts_on"),
	CONSTRAINT "advisory_programmes_two_agencies" CHECK ("advisory_programmes"."lead_agency_id" <> "advisory_programmes"."partner_agency_id")
);
--> statement-breakpoint
CREATE TABLE "cross_municipal_sessions" (
	"id" serial PRIMARY KEY NOT NULL,
	"pool_id" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"held_on" date NOT NULL,
	"location" text DEFAULT '' NOT NULL,
	"lead_agency_id" integer,
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text DEFAULT 'planlagt' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cross_municipal_sessions_themes" CHECK ("cross_municipal_sessions"."themes" <@ ARRAY['udredning', 'indsats', 'opfoelgning', 'inddragelse']::text[])
);
--> statement-breakpoint
CREATE TABLE "focus_areas" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "focus_areas_themes" CHECK ("focus_areas"."themes" <@ ARRAY['udredning', 'indsats', 'opfoelgning', 'inddragelse']::text[])
);
--> statement-breakpoint
CREATE TABLE "milestone_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"milestone_id" integer NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "milestone_attachments_storage_key_unique" UNIQUE("storage_key")
);
--> statement-breakpoint
CREATE TABLE "milestone_case_reviews" (
	"milestone_id" integer NOT NULL,
	"theme" text NOT NULL,
	"cases_reviewed" integer DEFAULT 0 NOT NULL,
	"cases_adequate" integer DEFAULT 0 NOT NULL,
	"findings" text DEFAULT '' NOT NULL,
	CONSTRAINT "milestone_case_reviews_milestone_id_theme_pk" PRIMARY KEY("milestone_id","theme"),
	CONSTRAINT "milestone_case_reviews_counts" CHECK ("milestone_case_reviews"."cases_reviewed" >= 0 AND "milestone_case_reviews"."cases_adequate" BETWEEN 0 AND "milestone_case_reviews"."cases_reviewed")
);
--> statement-breakpoint
CREATE TABLE "milestone_comments" (
	"id" serial PRIMARY KEY NOT NULL,
	"milestone_id" integer NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "milestone_participants" (
	"milestone_id" integer NOT NULL,
	"role" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "milestone_participants_milestone_id_role_pk" PRIMARY KEY("milestone_id","role"),
	CONSTRAINT "milestone_participants_count" CHECK ("milestone_participants"."count" > 0)
);
--> statement-breakpoint
CREATE TABLE "milestone_templates" (
	"id" serial PRIMARY KEY NOT NULL,
	"template_id" integer NOT NULL,
	"sort_order" integer NOT NULL,
	"title" text NOT NULL,
	"kind" text DEFAULT 'standard' NOT NULL,
	"position_percent" integer NOT NULL,
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	CONSTRAINT "milestone_templates_position" CHECK ("milestone_templates"."position_percent" BETWEEN 0 AND 100),
	CONSTRAINT "milestone_templates_themes" CHECK ("milestone_templates"."themes" <@ ARRAY['udredning', 'indsats', 'opfoelgning', 'inddragelse']::text[])
);
--> statement-breakpoint
CREATE TABLE "milestones" (
	"id" serial PRIMARY KEY NOT NULL,
	"programme_id" integer NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"title" text NOT NULL,
	"kind" text DEFAULT 'standard' NOT NULL,
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"planned_on" date NOT NULL,
	"actual_on" date,
	"status" text DEFAULT 'planlagt' NOT NULL,
	"status_reason" text,
	"note" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "milestones_themes" CHECK ("milestones"."themes" <@ ARRAY['udredning', 'indsats', 'opfoelgning', 'inddragelse']::text[]),
	CONSTRAINT "milestones_done_has_date" CHECK ("milestones"."status" <> 'gennemfoert' OR "milestones"."actual_on" IS NOT NULL),
	CONSTRAINT "milestones_reason" CHECK ("milestones"."status" NOT IN ('udskudt', 'aflyst') OR ("milestones"."status_reason" IS NOT NULL AND length(btrim("milestones"."status_reason")) > 0))
);
--> statement-breakpoint
CREATE TABLE "programme_advisors" (
	"programme_id" integer NOT NULL,
	"user_id" uuid NOT NULL,
	"agency_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programme_advisors_programme_id_user_id_pk" PRIMARY KEY("programme_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "programme_focus_areas" (
	"programme_id" integer NOT NULL,
	"focus_area_id" integer NOT NULL,
	CONSTRAINT "programme_focus_areas_programme_id_focus_area_id_pk" PRIMARY KEY("programme_id","focus_area_id")
);
--> statement-breakpoint
CREATE TABLE "programme_templates" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programme_templates_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "session_invitations" (
	"session_id" integer NOT NULL,
	"municipality_code" text NOT NULL,
	"attendance" text DEFAULT 'invited' NOT NULL,
	"participants" integer,
	"responded_by" uuid,
	"responded_at" timestamp with time zone,
	CONSTRAINT "session_invitations_session_id_municipality_code_pk" PRIMARY KEY("session_id","municipality_code"),
	CONSTRAINT "session_invitations_participants" CHECK ("session_invitations"."participants" IS NULL OR "session_invitations"."participants" >= 0)
);
--> statement-breakpoint
ALTER TABLE "pools" ADD COLUMN "initiative_ends_on" date;--> statement-breakpoint
ALTER TABLE "advisory_programmes" ADD CONSTRAINT "advisory_programmes_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advisory_programmes" ADD CONSTRAINT "advisory_programmes_pool_id_pools_id_fk" FOREIGN KEY ("pool_id") REFERENCES "public"."pools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advisory_programmes" ADD CONSTRAINT "advisory_programmes_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advisory_programmes" ADD CONSTRAINT "advisory_programmes_lead_agency_id_agencies_id_fk" FOREIGN KEY ("lead_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advisory_programmes" ADD CONSTRAINT "advisory_programmes_partner_agency_id_agencies_id_fk" FOREIGN KEY ("partner_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advisory_programmes" ADD CONSTRAINT "advisory_programmes_template_id_programme_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."programme_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advisory_programmes" ADD CONSTRAINT "advisory_programmes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cross_municipal_sessions" ADD CONSTRAINT "cross_municipal_sessions_pool_id_pools_id_fk" FOREIGN KEY ("pool_id") REFERENCES "public"."pools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cross_municipal_sessions" ADD CONSTRAINT "cross_municipal_sessions_lead_agency_id_agencies_id_fk" FOREIGN KEY ("lead_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cross_municipal_sessions" ADD CONSTRAINT "cross_municipal_sessions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "focus_areas" ADD CONSTRAINT "focus_areas_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone_attachments" ADD CONSTRAINT "milestone_attachments_milestone_id_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."milestones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone_attachments" ADD CONSTRAINT "milestone_attachments_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone_case_reviews" ADD CONSTRAINT "milestone_case_reviews_milestone_id_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."milestones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone_comments" ADD CONSTRAINT "milestone_comments_milestone_id_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."milestones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone_comments" ADD CONSTRAINT "milestone_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone_participants" ADD CONSTRAINT "milestone_participants_milestone_id_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."milestones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone_templates" ADD CONSTRAINT "milestone_templates_template_id_programme_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."programme_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_programme_id_advisory_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."advisory_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_advisors" ADD CONSTRAINT "programme_advisors_programme_id_advisory_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."advisory_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_advisors" ADD CONSTRAINT "programme_advisors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_advisors" ADD CONSTRAINT "programme_advisors_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_focus_areas" ADD CONSTRAINT "programme_focus_areas_programme_id_advisory_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."advisory_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_focus_areas" ADD CONSTRAINT "programme_focus_areas_focus_area_id_focus_areas_id_fk" FOREIGN KEY ("focus_area_id") REFERENCES "public"."focus_areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_invitations" ADD CONSTRAINT "session_invitations_session_id_cross_municipal_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."cross_municipal_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_invitations" ADD CONSTRAINT "session_invitations_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_invitations" ADD CONSTRAINT "session_invitations_responded_by_users_id_fk" FOREIGN KEY ("responded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "advisory_programmes_grant_unique" ON "advisory_programmes" USING btree ("grant_id");--> statement-breakpoint
CREATE INDEX "advisory_programmes_municipality_idx" ON "advisory_programmes" USING btree ("municipality_code");--> statement-breakpoint
CREATE INDEX "advisory_programmes_pool_idx" ON "advisory_programmes" USING btree ("pool_id");--> statement-breakpoint
CREATE INDEX "cross_municipal_sessions_held_idx" ON "cross_municipal_sessions" USING btree ("held_on");--> statement-breakpoint
CREATE UNIQUE INDEX "focus_areas_name_unique" ON "focus_areas" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "milestone_attachments_milestone_idx" ON "milestone_attachments" USING btree ("milestone_id");--> statement-breakpoint
CREATE INDEX "milestone_comments_milestone_idx" ON "milestone_comments" USING btree ("milestone_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "milestone_templates_order" ON "milestone_templates" USING btree ("template_id","sort_order");--> statement-breakpoint
CREATE INDEX "milestones_programme_idx" ON "milestones" USING btree ("programme_id","planned_on");--> statement-breakpoint
CREATE INDEX "milestones_open_planned_idx" ON "milestones" USING btree ("planned_on") WHERE "milestones"."status" NOT IN ('gennemfoert', 'aflyst');--> statement-breakpoint
CREATE INDEX "programme_advisors_user_idx" ON "programme_advisors" USING btree ("user_id","programme_id");--> statement-breakpoint
CREATE INDEX "programme_focus_areas_area_idx" ON "programme_focus_areas" USING btree ("focus_area_id");--> statement-breakpoint
CREATE INDEX "session_invitations_municipality_idx" ON "session_invitations" USING btree ("municipality_code");--> statement-breakpoint
-- The 2022 pool's initiative is expected to end in Q3 2025 (data, read by the programme pages and the timeline).
UPDATE "pools" SET "initiative_ends_on" = '2025-09-30' WHERE "finance_line" = '§ 15.26.35.10' AND "initiative_ends_on" IS NULL;
