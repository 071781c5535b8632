CREATE TABLE "grant_report_indicators" (
	"grant_id" integer NOT NULL,
	"indicator_id" integer NOT NULL,
	CONSTRAINT "grant_report_indicators_grant_id_indicator_id_pk" PRIMARY KEY("grant_id","indicator_id")
);
--> statement-breakpoint
CREATE TABLE "progress_report_comments" (
	"id" serial PRIMARY KEY NOT NULL,
	"version_id" integer NOT NULL,
	"section" text NOT NULL,
	"body" text NOT NULL,
	"author_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "progress_report_indicator_values" (
	"version_id" integer NOT NULL,
	"indicator_id" integer NOT NULL,
	"value" numeric(14, 2),
	"comment" text DEFAULT '' NOT NULL,
	CONSTRAINT "progress_report_indicator_values_version_id_indicator_id_pk" PRIMARY KEY("version_id","indicator_id")
);
--> statement-breakpoint
CREATE TABLE "progress_report_spend" (
	"version_id" integer NOT NULL,
	"category_id" integer NOT NULL,
	"quarter" text NOT NULL,
	"amount_ore" bigint NOT NULL,
	"explanation" text,
	CONSTRAINT "progress_report_spend_version_id_category_id_quarter_pk" PRIMARY KEY("version_id","category_id","quarter"),
	CONSTRAINT "progress_report_spend_quarter_format" CHECK ("progress_report_spend"."quarter" ~ '^[0-9]{4}-Q[1-4]$'),
	CONSTRAINT "progress_report_spend_nonneg" CHECK ("progress_report_spend"."amount_ore" >= 0)
);
--> statement-breakpoint
CREATE TABLE "progress_report_themes" (
	"version_id" integer NOT NULL,
	"theme" text NOT NULL,
	"score" integer,
	"note" text DEFAULT '' NOT NULL,
	CONSTRAINT "progress_report_themes_version_id_theme_pk" PRIMARY KEY("version_id","theme"),
	CONSTRAINT "progress_report_themes_score" CHECK ("progress_report_themes"."score" IS NULL OR "progress_report_themes"."score" BETWEEN 1 AND 5)
);
--> statement-breakpoint
CREATE TABLE "progress_report_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"report_id" integer NOT NULL,
	"version_no" integer NOT NULL,
	"activities" text DEFAULT '' NOT NULL,
	"deviations" text DEFAULT '' NOT NULL,
	"next_steps" text DEFAULT '' NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by" uuid,
	"review_decision" text,
	"review_comment" text,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "progress_report_versions_review_after_submit" CHECK ("progress_report_versions"."review_decision" IS NULL OR "progress_report_versions"."submitted_at" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "progress_reports" (
	"id" serial PRIMARY KEY NOT NULL,
	"grant_id" integer NOT NULL,
	"due_date_id" integer NOT NULL,
	"pool_id" integer NOT NULL,
	"municipality_code" text NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"current_version_no" integer DEFAULT 1 NOT NULL,
	"first_submitted_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"approved_at" timestamp with time zone,
	"approved_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "progress_reports_approved_has_time" CHECK ("progress_reports"."status" <> 'approved' OR "progress_reports"."approved_at" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "report_indicators" (
	"id" serial PRIMARY KEY NOT NULL,
	"pool_id" integer NOT NULL,
	"label" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"unit" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_reminders" (
	"due_date_id" integer NOT NULL,
	"kind" text NOT NULL,
	"recipients" integer NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_reminders_due_date_id_kind_pk" PRIMARY KEY("due_date_id","kind")
);
--> statement-breakpoint
ALTER TABLE "pools" ADD COLUMN "closed_by" uuid;--> statement-breakpoint
ALTER TABLE "grants" ADD COLUMN "payment_hold_source" text;--> statement-breakpoint
ALTER TABLE "grants" ADD COLUMN "report_reminders_paused_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "grants" ADD COLUMN "report_reminders_paused_by" uuid;--> statement-breakpoint
ALTER TABLE "grant_report_indicators" ADD CONSTRAINT "grant_report_indicators_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_report_indicators" ADD CONSTRAINT "grant_report_indicators_indicator_id_report_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."report_indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_report_comments" ADD CONSTRAINT "progress_report_comments_version_id_progress_report_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."progress_report_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_report_comments" ADD CONSTRAINT "progress_report_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_report_indicator_values" ADD CONSTRAINT "progress_report_indicator_values_version_id_progress_report_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."progress_report_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_report_indicator_values" ADD CONSTRAINT "progress_report_indicator_values_indicator_id_report_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."report_indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_report_spend" ADD CONSTRAINT "progress_report_spend_version_id_progress_report_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."progress_report_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_report_spend" ADD CONSTRAINT "progress_report_spend_category_id_call_cost_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."call_cost_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_report_themes" ADD CONSTRAINT "progress_report_themes_version_id_progress_report_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."progress_report_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_report_versions" ADD CONSTRAINT "progress_report_versions_report_id_progress_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."progress_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_report_versions" ADD CONSTRAINT "progress_report_versions_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_report_versions" ADD CONSTRAINT "progress_report_versions_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_report_versions" ADD CONSTRAINT "progress_report_versions_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_reports" ADD CONSTRAINT "progress_reports_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_reports" ADD CONSTRAINT "progress_reports_due_date_id_grant_report_due_dates_id_fk" FOREIGN KEY ("due_date_id") REFERENCES "public"."grant_report_due_dates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_reports" ADD CONSTRAINT "progress_reports_pool_id_pools_id_fk" FOREIGN KEY ("pool_id") REFERENCES "public"."pools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_reports" ADD CONSTRAINT "progress_reports_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_reports" ADD CONSTRAINT "progress_reports_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_indicators" ADD CONSTRAINT "report_indicators_pool_id_pools_id_fk" FOREIGN KEY ("pool_id") REFERENCES "public"."pools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_indicators" ADD CONSTRAINT "report_indicators_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_reminders" ADD CONSTRAINT "report_reminders_due_date_id_grant_report_due_dates_id_fk" FOREIGN KEY ("due_date_id") REFERENCES "public"."grant_report_due_dates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "progress_report_comments_version_idx" ON "progress_report_comments" USING btree ("version_id");--> statement-breakpoint
CREATE INDEX "progress_report_indicator_values_indicator_idx" ON "progress_report_indicator_values" USING btree ("indicator_id");--> statement-breakpoint
CREATE UNIQUE INDEX "progress_report_versions_no" ON "progress_report_versions" USING btree ("report_id","version_no");--> statement-breakpoint
CREATE UNIQUE INDEX "progress_report_versions_one_draft" ON "progress_report_versions" USING btree ("report_id") WHERE "progress_report_versions"."submitted_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "progress_reports_due_date_unique" ON "progress_reports" USING btree ("due_date_id");--> statement-breakpoint
CREATE INDEX "progress_reports_grant_idx" ON "progress_reports" USING btree ("grant_id");--> statement-breakpoint
CREATE INDEX "progress_reports_municipality_idx" ON "progress_reports" USING btree ("municipality_code");--> statement-breakpoint
CREATE INDEX "progress_reports_pool_status_idx" ON "progress_reports" USING btree ("pool_id","status");--> statement-breakpoint
CREATE INDEX "report_indicators_pool_idx" ON "report_indicators" USING btree ("pool_id","sort_order");--> statement-breakpoint
CREATE UNIQUE INDEX "report_indicators_pool_label" ON "report_indicators" USING btree ("pool_id",lower("label"));--> statement-breakpoint
ALTER TABLE "pools" ADD CONSTRAINT "pools_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_report_reminders_paused_by_users_id_fk" FOREIGN KEY ("report_reminders_paused_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;