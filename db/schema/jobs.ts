import { check, index, integer, jsonb, pgTable, serial, text, unique, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { JOB_RUN_STATUSES } from "../../app/jobs/status";
import { ts } from "./columns";

// One row per scheduled job and due key ("2026-11-27", "2025-Q1"): the unique pair is the
// claim, so a job runs once per key however many app processes tick (app/jobs/runner.server.ts).
export const jobRuns = pgTable(
  "job_runs",
  {
    id: serial("id").primaryKey(),
    jobName: text("job_name").notNull(),
    dueKey: text("due_key").notNull(),
    status: text("status", { enum: JOB_RUN_STATUSES }).notNull(),
    /** Runs started for this key (1 on the first claim). */
    attempts: integer("attempts").notNull().default(0),
    /** Held by the process running it until then; a run whose lease ran out is taken over. */
    leaseUntil: ts("lease_until"),
    leaseToken: uuid("lease_token"),
    /** A failed run is tried again from then on. */
    nextAttemptAt: ts("next_attempt_at"),
    startedAt: ts("started_at").notNull(),
    finishedAt: ts("finished_at"),
    lastError: text("last_error"),
    result: jsonb("result"),
  },
  (t) => [
    unique("job_runs_job_due_key").on(t.jobName, t.dueKey),
    index("job_runs_started_idx").on(t.startedAt),
    check("job_runs_status_check", sql`${t.status} IN ('running', 'done', 'failed')`),
    check("job_runs_lease_check", sql`(${t.status} = 'running') = (${t.leaseToken} IS NOT NULL)`),
  ],
);
