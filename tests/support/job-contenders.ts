// Test jobs that record each run in job_effects (a table the test creates), and a tick
// loop several runners race through: shared by the job runner test in-process and by
// the child processes it starts (tests/support/job-runner-child.ts).
import { sql } from "drizzle-orm";
import type { Database, Executor } from "#db/client";
import type { ScheduledJob } from "~/jobs/job";
import { createJobRunner } from "~/jobs/runner.server";

export const BASE = new Date("2026-11-27T08:00:00Z");
export const TICK_MS = 30_000;

export async function createEffectsTable(db: Executor) {
  await db.execute(sql`CREATE TABLE IF NOT EXISTS job_effects (job text NOT NULL, due_key text NOT NULL, runner text NOT NULL)`);
}

const bucket = (minutes: number) => (now: Date) => String(Math.floor((now.getTime() - BASE.getTime()) / (minutes * 60_000)));

function contender(name: string, minutes: number, runner: string, sleep = false): ScheduledJob {
  const dueKey = bucket(minutes);
  return {
    name,
    dueKey,
    run: async (tx, now) => {
      if (sleep) await tx.execute(sql`SELECT pg_sleep(0.01)`);
      await tx.execute(sql`INSERT INTO job_effects (job, due_key, runner) VALUES (${name}, ${dueKey(now)}, ${runner})`);
      return { runner };
    },
  };
}

/** Three jobs: every minute, every three minutes, and a slow one every two minutes. */
export function contenderJobs(runner: string): ScheduledJob[] {
  return [contender("every-minute", 1, runner), contender("every-3-minutes", 3, runner), contender("slow", 2, runner, true)];
}

/** How many keys each job has over `ticks` half-minutes from BASE. */
export function expectedKeys(ticks: number) {
  const last = (ticks - 1) * TICK_MS;
  return { "every-minute": Math.floor(last / 60_000) + 1, "every-3-minutes": Math.floor(last / 180_000) + 1, slow: Math.floor(last / 120_000) + 1 };
}

/** Ticks through `ticks` half-minutes from BASE; every runner sees the same times. */
export async function tickThrough(db: Database, runner: string, ticks: number) {
  const jobs = contenderJobs(runner);
  let t = 0;
  const r = createJobRunner({ db, jobs, clock: () => new Date(BASE.getTime() + t * TICK_MS), now: async (real) => real });
  let done = 0;
  for (t = 0; t < ticks; t++) done += (await r.runOnce()).filter((o) => o.outcome === "done").length;
  return done;
}
