CREATE TABLE "milestone_reminders" (
	"milestone_id" integer NOT NULL,
	"planned_on" date NOT NULL,
	"recipients" integer NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "milestone_reminders_milestone_id_planned_on_pk" PRIMARY KEY("milestone_id","planned_on")
);
--> statement-breakpoint
ALTER TABLE "milestone_reminders" ADD CONSTRAINT "milestone_reminders_milestone_id_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."milestones"("id") ON DELETE no action ON UPDATE no action;