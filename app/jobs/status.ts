// Without a drizzle import, so pages may use it.
export const JOB_RUN_STATUSES = ["running", "done", "failed"] as const;
export type JobRunStatus = (typeof JOB_RUN_STATUSES)[number];
