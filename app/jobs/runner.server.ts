// Runs each scheduled job once per due key across any number of app processes, with
// the outbox's lease pattern (app/mail/dispatcher.server.ts; docs/decisions/014):
//   claim: INSERT the (job, key) row as 'running' with a lease, or take it over when
//          its lease ran out or a failed run is due again, in one statement
//          (ON CONFLICT … DO UPDATE … WHERE), so two processes never both hold it;
//   run:   the job's work and "done WHERE lease_token = ours" plus the audit row in one
//          transaction: a holder that lost its lease rolls its work back;
//   fail:  status 'failed', the error, a backoff and an audit row; tried again later.
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "#db/client";
import { jobRuns } from "#db/schema";
import { appNow } from "~/domain/clock/clock.server";
import { audit } from "~/utils/audit.server";
import type { ScheduledJob } from "./job";

export type JobRunnerOptions = {
  db: Database;
  jobs: readonly ScheduledJob[];
  /** The real clock, for leases and retries (tests move it); default new Date(). */
  clock?: () => Date;
  /** "Now" as the jobs see it, for due keys; default appNow(db) (the test clock). */
  now?: (real: Date) => Promise<Date>;
  /** How long a claim is held; a run still going after that may be taken over. */
  leaseMs?: number;
  onError?: (job: string, error: unknown) => void;
};

export type JobOutcome = { job: string; dueKey: string; outcome: "done" | "failed" | "lost-lease"; attempts: number };

const DEFAULT_MAX_ATTEMPTS = 5;
const RETRY_BASE_MS = 60_000;
const RETRY_MAX_MS = 60 * 60_000;

/** 1 min, 2 min, 4 min, … capped at one hour; `failures` counts this one. */
export function jobRetryMs(failures: number) {
  return Math.min(RETRY_BASE_MS * 2 ** Math.max(0, failures - 1), RETRY_MAX_MS);
}

type SeenRun = { status: string; leaseUntil: Date | null; nextAttemptAt: Date | null; attempts: number };

/** The same test as the claim's WHERE, on a row read without a lock (the claim decides). */
function claimable(run: SeenRun, at: Date, maxAttempts: number) {
  if (run.status === "running") return run.leaseUntil !== null && run.leaseUntil < at;
  if (run.status === "failed") return run.nextAttemptAt !== null && run.nextAttemptAt <= at && run.attempts < maxAttempts;
  return false;
}

/** Thrown inside the run's transaction when our lease was taken over: rolls the work back. */
class LostLease extends Error {}

const systemActor = () => ({ userId: null, role: "system" as const, requestId: `job-${crypto.randomUUID()}` });

export function createJobRunner(opts: JobRunnerOptions) {
  const { db, jobs } = opts;
  const clock = opts.clock ?? (() => new Date());
  const now = opts.now ?? ((real: Date) => appNow(db, real));
  const leaseMs = opts.leaseMs ?? 15 * 60_000;
  const onError = opts.onError ?? ((job, e) => console.error(`[jobs] ${job}:`, e instanceof Error ? e.message : e));

  /** Claims (job, key) for this caller: the lease token, or null if someone else holds or finished it. */
  async function claim(job: ScheduledJob, dueKey: string, at: Date) {
    const leaseUntil = new Date(at.getTime() + leaseMs);
    const maxAttempts = job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    // Most ticks find the run done or held: a plain read, so they write (and commit) nothing.
    const [seen] = await db
      .select({ status: jobRuns.status, leaseUntil: jobRuns.leaseUntil, nextAttemptAt: jobRuns.nextAttemptAt, attempts: jobRuns.attempts })
      .from(jobRuns)
      .where(and(eq(jobRuns.jobName, job.name), eq(jobRuns.dueKey, dueKey)));
    if (seen && !claimable(seen, at, maxAttempts)) return null;
    const rows = await db
      .insert(jobRuns)
      .values({ jobName: job.name, dueKey, status: "running", attempts: 1, leaseUntil, leaseToken: sql`gen_random_uuid()`, startedAt: at })
      .onConflictDoUpdate({
        target: [jobRuns.jobName, jobRuns.dueKey],
        set: {
          status: "running",
          attempts: sql`${jobRuns.attempts} + 1`,
          leaseUntil,
          leaseToken: sql`gen_random_uuid()`,
          startedAt: at,
          nextAttemptAt: null,
        },
        // Evaluated on the latest committed row after waiting for any concurrent claim.
        setWhere: sql`(${jobRuns.status} = 'running' AND ${jobRuns.leaseUntil} < ${at.toISOString()}::timestamptz)
          OR (${jobRuns.status} = 'failed' AND ${jobRuns.nextAttemptAt} <= ${at.toISOString()}::timestamptz
              AND ${jobRuns.attempts} < ${maxAttempts})`,
      })
      .returning({ leaseToken: jobRuns.leaseToken, attempts: jobRuns.attempts });
    return rows[0] ?? null;
  }

  async function runJob(job: ScheduledJob, dueKey: string, jobNow: Date, token: string, attempts: number): Promise<JobOutcome> {
    const held = and(eq(jobRuns.jobName, job.name), eq(jobRuns.dueKey, dueKey), eq(jobRuns.leaseToken, token));
    const entity = { entityType: "job", entityId: `${job.name}/${dueKey}` };
    try {
      await db.transaction(async (tx) => {
        const result = toJson(await job.run(tx, jobNow));
        const done = await tx
          .update(jobRuns)
          .set({ status: "done", finishedAt: clock(), result, leaseUntil: null, leaseToken: null, lastError: null })
          .where(held)
          .returning({ id: jobRuns.id });
        if (!done.length) throw new LostLease();
        await audit(tx, systemActor(), { action: "job.completed", ...entity, after: { attempts, result } });
      });
      return { job: job.name, dueKey, outcome: "done", attempts };
    } catch (error) {
      if (error instanceof LostLease) return { job: job.name, dueKey, outcome: "lost-lease", attempts };
      const message = describeError(error);
      const failed = await db.transaction(async (tx) => {
        const rows = await tx
          .update(jobRuns)
          .set({
            status: "failed",
            finishedAt: clock(),
            lastError: message,
            nextAttemptAt: new Date(clock().getTime() + jobRetryMs(attempts)),
            leaseUntil: null,
            leaseToken: null,
          })
          .where(held)
          .returning({ id: jobRuns.id });
        if (rows.length) await audit(tx, systemActor(), { action: "job.failed", ...entity, after: { attempts, error: message } });
        return rows.length > 0;
      });
      if (!failed) return { job: job.name, dueKey, outcome: "lost-lease", attempts };
      onError(job.name, error);
      return { job: job.name, dueKey, outcome: "failed", attempts };
    }
  }

  /** One pass over every job: claims and runs those due. Returns what ran here. */
  async function runOnce(): Promise<JobOutcome[]> {
    const real = clock();
    const jobNow = await now(real);
    const outcomes: JobOutcome[] = [];
    for (const job of jobs) {
      let dueKey: string | null;
      try {
        dueKey = job.dueKey(jobNow);
        if (dueKey === null) continue;
        const claimed = await claim(job, dueKey, real);
        if (!claimed) continue;
        outcomes.push(await runJob(job, dueKey, jobNow, claimed.leaseToken!, claimed.attempts));
      } catch (error) {
        // A claim that could not reach the database: the next tick tries again.
        onError(job.name, error);
      }
    }
    return outcomes;
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<unknown> | undefined;
  let running = false;
  let interval = 60_000;
  let afterRun: ((outcomes: JobOutcome[]) => void) | undefined;

  function tick() {
    if (!running || inFlight) return;
    inFlight = runOnce()
      .then((outcomes) => afterRun?.(outcomes))
      .catch((e) => onError("runner", e))
      .finally(() => {
        inFlight = undefined;
        if (!running) return;
        timer = setTimeout(tick, interval);
        timer.unref?.();
      });
  }

  return {
    runOnce,
    /** Ticks now and every `intervalMs`; `onRun` hears what ran (e.g. to kick the mail dispatcher). */
    start(intervalMs = 60_000, onRun?: (outcomes: JobOutcome[]) => void) {
      if (running) return;
      running = true;
      interval = intervalMs;
      afterRun = onRun;
      tick();
    },
    /** Stops ticking and waits for a pass in flight. */
    async stop() {
      running = false;
      clearTimeout(timer);
      await inFlight;
    },
  };
}

export type JobRunner = ReturnType<typeof createJobRunner>;

function describeError(error: unknown) {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.replace(/[\r\n]+/g, " ").slice(0, 500);
}

// bigint (øre) and Date survive as strings; undefined becomes null.
function toJson(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v)) ?? "null");
}
