// What a scheduled job is: a name, the key of the period it is due for, and the work.
// Pure types and key helpers, so the registry stays a plain list (app/jobs/registry.server.ts).
import type { Tx } from "#db/client";
import { copenhagenDateString } from "~/utils/dates";

export type ScheduledJob = {
  /** Stable, unique; part of the claim ("arrival-notice-digest"). */
  name: string;
  /**
   * The period "now" falls in ("2026-11-27", "2025-Q1"), or null when nothing is due.
   * The job runs once per key across all processes; a key it never saw (the app was
   * down that day) is not run later, so write jobs to catch up ("every grant past its
   * deadline"), not to handle only "today's".
   */
  dueKey(now: Date): string | null;
  /**
   * The work, inside the transaction that also marks the run done: all of it commits,
   * or none of it. Use `tx`, never `db`. The result is stored (JSON) and audited.
   */
  run(tx: Tx, now: Date): Promise<unknown>;
  /** Failed runs of one key before it is left as failed (default 5). */
  maxAttempts?: number;
};

/** Type-checks a job; registering is adding it to the list in registry.server.ts. */
export function defineJob(job: ScheduledJob): ScheduledJob {
  return job;
}

/** Once a day (Copenhagen calendar day): "2026-11-27". */
export function dailyKey(now: Date) {
  return copenhagenDateString(now);
}

/** Once a quarter (Copenhagen calendar): "2026-Q4". */
export function quarterlyKey(now: Date) {
  const [y, m] = copenhagenDateString(now).split("-").map(Number);
  return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
}
