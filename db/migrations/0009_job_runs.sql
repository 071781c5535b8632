CREATE TABLE "job_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"job_name" text NOT NULL,
	"due_key" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"lease_until" timestamp with time zone,
	"lease_token" uuid,
	"next_attempt_at" timestamp with time zone,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"last_error" text,
	"result" jsonb,
	CONSTRAINT "job_runs_job_due_key" UNIQUE("job_name","due_key"),
	CONSTRAINT "job_runs_status_check" CHECK ("job_runs"."status" IN ('running', 'done', 'failed')),
	CONSTRAINT "job_runs_lease_check" CHECK (("job_runs"."status" = 'running') = ("job_runs"."lease_token" IS NOT NULL))
);
--> statement-breakpoint
CREATE INDEX "job_runs_started_idx" ON "job_runs" USING btree ("started_at");