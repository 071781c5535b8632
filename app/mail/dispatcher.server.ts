// Sends the outbox without losing or doubling mail (see shared stack notes):
// rows are claimed with a lease in a short transaction, sent outside it with
// their fixed Message-ID, and marked sent only by the lease holder. A sender
// that dies leaves a lease that runs out; the row is then claimed again.
import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Database } from "#db/client";
import { emailAttachments, emailOutbox } from "#db/schema";
import { fillSecretLink } from "./sealed-link.server";
import { describeSendError, type SendMail } from "./transport.server";

export type DispatcherOptions = {
  db: Database;
  send: SendMail;
  now?: () => Date;
  /** How long a claim is held; must exceed the time to send one batch. */
  leaseMs?: number;
  /** Failed attempts after which a row is parked as 'failed'. */
  maxAttempts?: number;
  batchSize?: number;
  onError?: (error: unknown) => void;
};

export type RunResult = { claimed: number; sent: number; retried: number; failed: number; lostLease: number };

const BACKOFF_BASE_MS = 30_000;
const BACKOFF_MAX_MS = 60 * 60_000;

/** 30 s, 60 s, 2 min, … capped at 1 hour; `failures` counts this one. */
export function backoffMs(failures: number) {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1), BACKOFF_MAX_MS);
}

export function createMailDispatcher(opts: DispatcherOptions) {
  const { db, send } = opts;
  const now = opts.now ?? (() => new Date());
  const leaseMs = opts.leaseMs ?? 10 * 60_000;
  const maxAttempts = opts.maxAttempts ?? 8;
  // Small batches keep the worst case (every send timing out) well inside the lease.
  const batchSize = opts.batchSize ?? 10;
  const onError = opts.onError ?? ((e: unknown) => console.error("[mail] dispatcher:", describeSendError(e)));

  async function claim() {
    const at = now();
    return db.transaction(async (tx) => {
      const due = await tx
        .select({ id: emailOutbox.id })
        .from(emailOutbox)
        .where(
          and(
            eq(emailOutbox.status, "queued"),
            lte(emailOutbox.nextAttemptAt, at),
            or(isNull(emailOutbox.leaseUntil), lt(emailOutbox.leaseUntil, at)),
          ),
        )
        .orderBy(asc(emailOutbox.id))
        .limit(batchSize)
        .for("update", { skipLocked: true });
      if (due.length === 0) return [];
      return tx
        .update(emailOutbox)
        .set({ leaseUntil: new Date(at.getTime() + leaseMs), leaseToken: sql`gen_random_uuid()` })
        .where(inArray(emailOutbox.id, due.map((d) => d.id)))
        .returning();
    });
  }

  async function runOnce(): Promise<RunResult> {
    const rows = (await claim()).sort((a, b) => a.id - b.id);
    const result: RunResult = { claimed: rows.length, sent: 0, retried: 0, failed: 0, lostLease: 0 };
    if (rows.length === 0) return result;
    const attachments = await db
      .select()
      .from(emailAttachments)
      .where(inArray(emailAttachments.outboxId, rows.map((r) => r.id)))
      .orderBy(asc(emailAttachments.id));

    for (const row of rows) {
      const held = and(eq(emailOutbox.id, row.id), eq(emailOutbox.leaseToken, row.leaseToken!));
      try {
        await send({
          messageId: row.messageId,
          to: row.toAddress,
          subject: row.subject,
          text: fillSecretLink(row.textBody, row.sealedLink),
          html: fillSecretLink(row.htmlBody, row.sealedLink),
          attachments: attachments.filter((a) => a.outboxId === row.id),
        });
      } catch (error) {
        const failures = row.attempts + 1;
        const parked = failures >= maxAttempts;
        const updated = await db
          .update(emailOutbox)
          .set({
            attempts: failures,
            lastError: describeSendError(error),
            status: parked ? "failed" : "queued",
            nextAttemptAt: new Date(now().getTime() + backoffMs(failures)),
            leaseUntil: null,
            leaseToken: null,
          })
          .where(held)
          .returning({ id: emailOutbox.id });
        if (updated.length === 0) result.lostLease++;
        else if (parked) result.failed++;
        else result.retried++;
        continue;
      }
      const updated = await db
        .update(emailOutbox)
        // The sealed link goes once the mail is out: nothing in the database opens the account.
        .set({ status: "sent", sentAt: now(), leaseUntil: null, leaseToken: null, sealedLink: null })
        .where(held)
        .returning({ id: emailOutbox.id });
      // Lost lease: another sender reclaimed the row after ours expired and will mark it.
      if (updated.length === 0) result.lostLease++;
      else result.sent++;
    }
    return result;
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<unknown> | undefined;
  let running = false;
  let interval = 2000;

  function schedule(delay: number) {
    if (!running) return;
    clearTimeout(timer);
    timer = setTimeout(tick, delay);
    timer.unref?.();
  }

  function tick() {
    if (!running || inFlight) return;
    inFlight = runOnce()
      .then((r) => r.claimed >= batchSize, (e) => (onError(e), false))
      .then((more) => {
        inFlight = undefined;
        // A full batch means more is probably due: go again without waiting.
        schedule(more ? 0 : interval);
      });
  }

  return {
    runOnce,
    start(intervalMs = 2000) {
      if (running) return;
      running = true;
      interval = intervalMs;
      schedule(0);
    },
    /** Send soon (after a commit that queued mail) instead of at the next poll. */
    kick() {
      if (running && !inFlight) schedule(0);
    },
    /** Stops polling and waits for a batch being sent. */
    async stop() {
      running = false;
      clearTimeout(timer);
      await inFlight;
    },
  };
}

export type MailDispatcher = ReturnType<typeof createMailDispatcher>;
