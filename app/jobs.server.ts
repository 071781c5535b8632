// Background work inside the app process, started by server.ts after listen and
// stopped on SIGTERM before the database closes.
import { closeDb, getDb } from "./db.server";
import { settleAfterResponse } from "./utils/after-response.server";
import { getEnv } from "./env.server";
import { createMailDispatcher, type MailDispatcher } from "./mail/dispatcher.server";
import { createSmtpSend } from "./mail/transport.server";
import { scheduledJobs } from "./jobs/registry.server";
import { createJobRunner } from "./jobs/runner.server";
import type { Database } from "#db/client";

type Job = { stop: () => Promise<void> };
const running: Job[] = [];
let mailDispatcher: MailDispatcher | undefined;

export async function startBackgroundJobs() {
  const env = getEnv();
  startUploadSweep();
  // Without SMTP_URL mail stays in the outbox, where admins read it at /admin/mail.
  if (env.SMTP_URL && !mailDispatcher) {
    const send = createSmtpSend({ url: () => getEnv().SMTP_URL ?? "", from: env.MAIL_FROM });
    const dispatcher = createMailDispatcher({ db: await getDb(), send });
    dispatcher.start(2000);
    mailDispatcher = dispatcher;
    running.push({
      stop: async () => {
        await dispatcher.stop();
        send.close();
        mailDispatcher = undefined;
      },
    });
  }
  startScheduledJobs(await getDb());
}

// Files left by an upload interrupted by a crash: removed at start and every hour.
function startUploadSweep() {
  const sweep = async () => {
    // Loaded on first use: the attachments module pulls in file-type.
    const { sweepOrphanUploads } = await import("./domain/files/uploads.server");
    const removed = await sweepOrphanUploads(await getDb());
    if (removed) console.log(`[uploads] ${removed} forældreløse filer fjernet`);
  };
  const run = () => void sweep().catch((e) => console.error("[uploads] oprydning:", e));
  run();
  const timer = setInterval(run, 60 * 60 * 1000);
  timer.unref();
  running.push({ stop: async () => clearInterval(timer) });
}

// Scheduled jobs (app/jobs/registry.server.ts: the daily arrival-notice digest, …). Every
// process ticks the runner; the job_runs claim makes each job run once per due key.
function startScheduledJobs(db: Database) {
  const runner = createJobRunner({ db, jobs: scheduledJobs });
  runner.start(60_000, (outcomes) => {
    for (const o of outcomes) console.log(`[jobs] ${o.job} ${o.dueKey}: ${o.outcome}`);
    // A job may have queued mail (digests, letters): send it now rather than at the next poll.
    if (outcomes.some((o) => o.outcome === "done")) kickMailDispatcher();
  });
  running.push({ stop: () => runner.stop() });
}

/** Commands may call this after their commit so queued mail goes out promptly. */
export function kickMailDispatcher() {
  mailDispatcher?.kick();
}

export async function shutdown() {
  await Promise.all(running.splice(0).map((j) => j.stop()));
  await settleAfterResponse();
  await closeDb();
}
