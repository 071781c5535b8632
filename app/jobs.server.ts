// Background work inside the app process, started by server.ts after listen and
// stopped on SIGTERM before the database closes.
import { closeDb, getDb } from "./db.server";
import { settleAfterResponse } from "./utils/after-response.server";
import { getEnv } from "./env.server";
import { createMailDispatcher, type MailDispatcher } from "./mail/dispatcher.server";
import { createSmtpSend } from "./mail/transport.server";

type Job = { stop: () => Promise<void> };
const running: Job[] = [];
let mailDispatcher: MailDispatcher | undefined;

export async function startBackgroundJobs() {
  const env = getEnv();
  startUploadSweep();
  startNoticeDigests();
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
}

// Files left by an upload interrupted by a crash: removed at start and every hour.
function startUploadSweep() {
  const sweep = async () => {
    // Loaded on first use: the attachments module pulls in file-type.
    const { sweepOrphanUploads } = await import("./domain/applications/attachments.server");
    const removed = await sweepOrphanUploads(await getDb());
    if (removed) console.log(`[uploads] ${removed} forældreløse filer fjernet`);
  };
  const run = () => void sweep().catch((e) => console.error("[uploads] oprydning:", e));
  run();
  const timer = setInterval(run, 60 * 60 * 1000);
  timer.unref();
  running.push({ stop: async () => clearInterval(timer) });
}

// Yesterday's digest for users who chose "dagligt sammendrag". Every process runs this:
// the (user, day) claim in notice_digests makes sure each digest is queued once, and a
// run soon after midnight (or after a restart) picks up the day.
function startNoticeDigests() {
  const run = async () => {
    const { sendNoticeDigests } = await import("./domain/applications/arrival-notice.server");
    const queued = await sendNoticeDigests(await getDb());
    if (queued) {
      console.log(`[notice] ${queued} daglige sammendrag lagt i udbakken`);
      kickMailDispatcher();
    }
  };
  const tick = () => void run().catch((e) => console.error("[notice] dagligt sammendrag:", e));
  tick();
  const timer = setInterval(tick, 10 * 60 * 1000);
  timer.unref();
  running.push({ stop: async () => clearInterval(timer) });
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
