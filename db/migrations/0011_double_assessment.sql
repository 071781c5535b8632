CREATE TABLE "agreed_scores" (
	"application_id" integer NOT NULL,
	"criterion_id" integer NOT NULL,
	"score" smallint NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"agreed_by" uuid,
	"agreed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agreed_scores_application_id_criterion_id_pk" PRIMARY KEY("application_id","criterion_id"),
	CONSTRAINT "agreed_score_range" CHECK ("agreed_scores"."score" BETWEEN 0 AND 5)
);
--> statement-breakpoint
CREATE TABLE "assessment_submissions" (
	"application_id" integer NOT NULL,
	"assessor_id" uuid NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessment_submissions_application_id_assessor_id_pk" PRIMARY KEY("application_id","assessor_id")
);
--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "second_assessor_id" uuid;--> statement-breakpoint
ALTER TABLE "assessment_scores" ADD COLUMN "assessor_id" uuid;--> statement-breakpoint
-- Existing scores (one per criterion) become the single assessment of the user who scored
-- them (or the assigned caseworker); a score with neither becomes the agreed score (decision 017).
UPDATE "assessment_scores" AS s SET "assessor_id" = COALESCE(s."scored_by", a."assigned_to") FROM "applications" AS a WHERE a."id" = s."application_id";--> statement-breakpoint
INSERT INTO "agreed_scores" ("application_id", "criterion_id", "score", "note", "agreed_at") SELECT "application_id", "criterion_id", "score", "note", "scored_at" FROM "assessment_scores" WHERE "assessor_id" IS NULL;--> statement-breakpoint
DELETE FROM "assessment_scores" WHERE "assessor_id" IS NULL;--> statement-breakpoint
ALTER TABLE "assessment_scores" ALTER COLUMN "assessor_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "assessment_scores" DROP CONSTRAINT "assessment_scores_scored_by_users_id_fk";--> statement-breakpoint
ALTER TABLE "assessment_scores" DROP CONSTRAINT "assessment_scores_application_id_criterion_id_pk";--> statement-breakpoint
ALTER TABLE "assessment_scores" ADD CONSTRAINT "assessment_scores_application_id_criterion_id_assessor_id_pk" PRIMARY KEY("application_id","criterion_id","assessor_id");--> statement-breakpoint
ALTER TABLE "agreed_scores" ADD CONSTRAINT "agreed_scores_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreed_scores" ADD CONSTRAINT "agreed_scores_criterion_id_call_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."call_criteria"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreed_scores" ADD CONSTRAINT "agreed_scores_agreed_by_users_id_fk" FOREIGN KEY ("agreed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_submissions" ADD CONSTRAINT "assessment_submissions_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_submissions" ADD CONSTRAINT "assessment_submissions_assessor_id_users_id_fk" FOREIGN KEY ("assessor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_second_assessor_id_users_id_fk" FOREIGN KEY ("second_assessor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_scores" ADD CONSTRAINT "assessment_scores_assessor_id_users_id_fk" FOREIGN KEY ("assessor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_scores" DROP COLUMN "scored_by";--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_second_assessor" CHECK ("applications"."second_assessor_id" IS NULL OR ("applications"."assigned_to" IS NOT NULL AND "applications"."second_assessor_id" <> "applications"."assigned_to"));