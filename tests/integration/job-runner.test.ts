// The scheduled-job runner (app/jobs/runner.server.ts): each job once per due key, also
// when several processes tick at once; a run whose lease ran out is taken over and
// finished once; a failing job is recorded, audited and tried again later.
import { spawn } from "node:child_process";
import path from "node:path";
import { and, eq, gt, sql } from "drizzle-orm";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { openDatabase, rowsOf, type Database } from "#db/client";
import { auditLog, jobRuns } from "#db/schema";
import { getDb } from "~/db.server";
import { dailyKey, quarterlyKey, type ScheduledJob } from "~/jobs/job";
import { arrivalNoticeDigest, registerJob, scheduledJobs } from "~/jobs/registry.server";
import { createJobRunner, jobRetryMs } from "~/jobs/runner.server";
import { getTestDb } from "../setup/setup-test-env";
import { BASE, createEffectsTable, expectedKeys, tickThrough } from "../support/job-contenders";
import { securityTally } from "../support/security-figures";

// Failing runs, expired leases and racing claims; a violation is a job's work committed twice for one key.
const figures = securityTally("fault-scheduled-jobs", "faults", "failing jobs, holders past their lease, racing processes");
afterAll(() => figures.record());

let offsetMs = 0;
const clock = () => new Date(BASE.getTime() + offsetMs);
const asIs = async (real: Date) => real;

async function effects(db: Database) {
  return rowsOf<{ job: string; due_key: string; runner: string }>(await db.execute(sql`SELECT job, due_key, runner FROM job_effects ORDER BY job, due_key`));
}

function recording(name: string, opts: { fail?: () => boolean; gate?: Promise<void> } = {}): ScheduledJob {
  return {
    name,
    dueKey: dailyKey,
    run: async (tx, now) => {
      await tx.execute(sql`INSERT INTO job_effects (job, due_key, runner) VALUES (${name}, ${dailyKey(now)}, 'test')`);
      await opts.gate;
      if (opts.fail?.()) throw new Error("Finanssystemet svarede ikke");
      return { at: now.toISOString(), amountOre: 100n };
    },
  };
}

beforeEach(async () => {
  const db = await getDb();
  await createEffectsTable(db);
  await db.execute(sql`TRUNCATE job_effects`);
  await db.delete(jobRuns);
  offsetMs = 0;
});

describe("job runner", () => {
  it("runs a due job once per key, records the result and audits it", async () => {
    const db = await getDb();
    const runner = createJobRunner({ db, jobs: [recording("daily"), { name: "never", dueKey: () => null, run: async () => 1 }], clock, now: asIs });
    expect(await runner.runOnce()).toEqual([{ job: "daily", dueKey: "2026-11-27", outcome: "done", attempts: 1 }]);
    expect(await runner.runOnce()).toEqual([]);
    offsetMs = 24 * 60 * 60_000;
    expect((await runner.runOnce()).map((o) => o.dueKey)).toEqual(["2026-11-28"]);

    expect((await effects(db)).map((e) => e.due_key)).toEqual(["2026-11-27", "2026-11-28"]);
    const [run] = await db.select().from(jobRuns).where(eq(jobRuns.dueKey, "2026-11-27"));
    expect(run).toMatchObject({ jobName: "daily", status: "done", attempts: 1, leaseToken: null, leaseUntil: null, lastError: null });
    expect(run.result).toEqual({ at: "2026-11-27T08:00:00.000Z", amountOre: "100" });
    const audits = await db.select().from(auditLog).where(eq(auditLog.action, "job.completed"));
    expect(audits.map((a) => a.entityId).sort()).toEqual(["daily/2026-11-27", "daily/2026-11-28"]);
    expect(audits[0]).toMatchObject({ actorRole: "system", entityType: "job" });
  });

  it("records a failing job as failed with its error, audits it, and tries again after the backoff", async () => {
    const db = await getDb();
    vi.spyOn(console, "error").mockImplementation(() => {});
    let failing = true;
    const runner = createJobRunner({ db, jobs: [recording("payments", { fail: () => failing })], clock, now: asIs });

    expect(await runner.runOnce()).toMatchObject([{ outcome: "failed", attempts: 1 }]);
    const [failed] = await db.select().from(jobRuns);
    expect(failed).toMatchObject({ status: "failed", attempts: 1, leaseToken: null, lastError: "Error: Finanssystemet svarede ikke" });
    expect(failed.nextAttemptAt!.getTime()).toBe(BASE.getTime() + jobRetryMs(1));
    // The failed run's work was rolled back with it.
    expect(await effects(db)).toEqual([]);
    const [audited] = await db.select().from(auditLog).where(eq(auditLog.action, "job.failed"));
    expect(audited).toMatchObject({ entityId: "payments/2026-11-27", after: { attempts: 1, error: "Error: Finanssystemet svarede ikke" } });

    offsetMs = jobRetryMs(1) - 1000;
    expect(await runner.runOnce()).toEqual([]); // still backing off
    offsetMs = jobRetryMs(1);
    expect(await runner.runOnce()).toMatchObject([{ outcome: "failed", attempts: 2 }]);
    failing = false;
    offsetMs += jobRetryMs(2);
    expect(await runner.runOnce()).toMatchObject([{ outcome: "done", attempts: 3 }]);
    figures.add(2, Math.max(0, (await effects(db)).length - 1));
    expect(await effects(db)).toHaveLength(1);
    expect(await db.select().from(jobRuns)).toMatchObject([{ status: "done", attempts: 3, lastError: null }]);
    expect(await db.select().from(auditLog).where(eq(auditLog.action, "job.failed"))).toHaveLength(2);
  });

  it("leaves a job that keeps failing as failed after maxAttempts", async () => {
    const db = await getDb();
    vi.spyOn(console, "error").mockImplementation(() => {});
    const runner = createJobRunner({ db, jobs: [{ ...recording("broken", { fail: () => true }), maxAttempts: 2 }], clock, now: asIs });
    expect(await runner.runOnce()).toMatchObject([{ outcome: "failed" }]);
    offsetMs += jobRetryMs(1);
    expect(await runner.runOnce()).toMatchObject([{ outcome: "failed", attempts: 2 }]);
    offsetMs += 10 * 60 * 60_000; // later the same day: the key is left as failed
    expect(await runner.runOnce()).toEqual([]);
    expect(await db.select().from(jobRuns)).toMatchObject([{ status: "failed", attempts: 2 }]);
  });

  it("takes over a run whose holder died (lease ran out) and completes it once", async () => {
    const db = await getDb();
    // What a process killed mid-run leaves behind: 'running' with a lease, and no work committed.
    await db.insert(jobRuns).values({
      jobName: "daily",
      dueKey: "2026-11-27",
      status: "running",
      attempts: 1,
      leaseUntil: new Date(BASE.getTime() + 60_000),
      leaseToken: sql`gen_random_uuid()`,
      startedAt: BASE,
    });
    const runner = createJobRunner({ db, jobs: [recording("daily")], clock, now: asIs, leaseMs: 60_000 });
    expect(await runner.runOnce()).toEqual([]); // lease still held
    offsetMs = 61_000;
    expect(await runner.runOnce()).toMatchObject([{ outcome: "done", attempts: 2 }]);
    expect(await runner.runOnce()).toEqual([]);
    figures.add(1, Math.max(0, (await effects(db)).length - 1));
    expect(await effects(db)).toHaveLength(1);
  });

  it("a holder that outlived its lease mid-run is rolled back; the run that took over counts, once", async () => {
    const db = await getDb();
    const { url } = await getTestDb();
    // PGlite is one connection: a second runner cannot query while the first one's
    // transaction is open. The race needs the real server (the case above covers PGlite).
    const second = url ? await openDatabase({ databaseUrl: url, maxConnections: 2 }) : undefined;
    if (!second) return expect(url).toBeNull();
    const [{ auditBefore }] = await db.select({ auditBefore: sql<number>`coalesce(max(${auditLog.id}), 0)::int` }).from(auditLog);
    try {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let entered!: () => void;
      const started = new Promise<void>((resolve) => (entered = resolve));
      const slow: ScheduledJob = { ...recording("daily", { gate }), run: async (tx, now) => (entered(), recording("daily", { gate }).run(tx, now)) };
      const a = createJobRunner({ db, jobs: [slow], clock: () => BASE, now: asIs, leaseMs: 60_000 });
      const b = createJobRunner({ db: second.db, jobs: [recording("daily")], clock: () => new Date(BASE.getTime() + 61_000), now: asIs, leaseMs: 60_000 });
      const runA = a.runOnce();
      await started;
      expect(await b.runOnce()).toMatchObject([{ outcome: "done", attempts: 2 }]);
      release();
      expect(await runA).toMatchObject([{ outcome: "lost-lease", attempts: 1 }]);
      figures.add(1, Math.max(0, (await effects(db)).length - 1));
      expect(await effects(db)).toHaveLength(1);
      expect(await db.select().from(jobRuns)).toMatchObject([{ status: "done", attempts: 2, leaseToken: null }]);
      const audits = await db.select().from(auditLog).where(and(eq(auditLog.action, "job.completed"), gt(auditLog.id, auditBefore)));
      expect(audits).toHaveLength(1);
    } finally {
      await second.close();
    }
  });

  it("two processes, two runners each, ticking through the same 24 half-minutes run each job once per key", async () => {
    const db = await getDb();
    const { url } = await getTestDb();
    const ticks = 24;
    const [{ auditBefore }] = await db.select({ auditBefore: sql<number>`coalesce(max(${auditLog.id}), 0)::int` }).from(auditLog);
    let completed: number;
    if (url) {
      completed = (await Promise.all([0, 1].map(() => runChild(url, ticks)))).reduce((a, b) => a + b, 0);
    } else {
      // PGlite lives in this process: two runners on it, interleaving their ticks.
      completed = (await Promise.all([tickThrough(db, "a", ticks), tickThrough(db, "b", ticks)])).reduce((a, b) => a + b, 0);
    }
    const expected = expectedKeys(ticks);
    const total = Object.values(expected).reduce((a, b) => a + b, 0);
    const rows = await effects(db);
    const contenders = url ? 4 : 2;
    figures.add(contenders * ticks * 3, Math.max(0, rows.length - new Set(rows.map((r) => `${r.job}/${r.due_key}`)).size));
    for (const [job, keys] of Object.entries(expected)) {
      const ofJob = rows.filter((r) => r.job === job).map((r) => r.due_key);
      expect(ofJob, job).toHaveLength(keys);
      expect(new Set(ofJob).size, job).toBe(keys);
    }
    expect(completed).toBe(total);
    const runs = await db.select().from(jobRuns);
    expect(runs.filter((r) => r.status === "done")).toHaveLength(total);
    expect(runs.every((r) => r.attempts === 1)).toBe(true);
    const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(and(eq(auditLog.action, "job.completed"), gt(auditLog.id, auditBefore)));
    expect(n).toBe(total);
    if (url) expect(new Set(rows.map((r) => r.runner.split("-")[0])).size).toBe(2); // both processes won some
  }, 60_000);

  it("moves the daily arrival-notice digest onto the runner, keyed by the Copenhagen day", () => {
    expect(scheduledJobs).toContain(arrivalNoticeDigest);
    expect(arrivalNoticeDigest.dueKey(new Date("2026-11-27T23:30:00Z"))).toBe("2026-11-28");
    expect(quarterlyKey(new Date("2026-12-31T23:30:00Z"))).toBe("2027-Q1");
    expect(quarterlyKey(new Date("2026-05-01T12:00:00Z"))).toBe("2026-Q2");
    expect(() => registerJob(arrivalNoticeDigest)).toThrow(/twice/);
  });
});

function runChild(url: string, ticks: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.resolve("node_modules/.bin/tsx"), ["tests/support/job-runner-child.ts", String(ticks)], {
      env: { ...process.env, DATABASE_URL: url },
      stdio: ["pipe", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
      if (out.includes("ready\n") && !out.includes("go")) {
        out += "go";
        readyCount++;
        starters.push(() => child.stdin.write("go\n"));
        if (readyCount === 2) starters.splice(0).forEach((s) => s());
      }
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      const m = /done (\d+)/.exec(out);
      if (code === 0 && m) resolve(Number(m[1]));
      else reject(new Error(`job runner child exited with ${code}: ${out}`));
    });
  });
}
let readyCount = 0;
const starters: (() => void)[] = [];
