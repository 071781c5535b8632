// The admin's view of the outbox ("dev mailbox" when no SMTP server is set up),
// and the one command on it: put a parked message back in the queue.
import { and, count, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import type { Database, Executor } from "#db/client";
import { emailAttachments, emailOutbox } from "#db/schema";
import type { Actor } from "~/auth/actor";
import { audit } from "~/utils/audit.server";
import { pageWindow } from "~/utils/paging";
import { redactBody } from "./sealed-link.server";
import type { MailStatus } from "./status";

export const MAIL_PAGE_SIZE = 50;

export async function countByStatus(db: Executor): Promise<Record<MailStatus, number>> {
  const rows = await db
    .select({ status: emailOutbox.status, n: count() })
    .from(emailOutbox)
    .groupBy(emailOutbox.status);
  const out: Record<MailStatus, number> = { queued: 0, sent: 0, failed: 0 };
  for (const r of rows) out[r.status] = Number(r.n);
  return out;
}

export type OutboxFilter = { status?: MailStatus; q?: string; page: number };

export async function listOutbox(db: Executor, filter: OutboxFilter) {
  const conditions: SQL[] = [];
  if (filter.status) conditions.push(eq(emailOutbox.status, filter.status));
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(emailOutbox.toAddress, pattern), ilike(emailOutbox.subject, pattern))!);
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const [{ total }] = await db.select({ total: count() }).from(emailOutbox).where(where);
  const { page, pageCount: pages, offset } = pageWindow(Number(total), filter.page, MAIL_PAGE_SIZE);
  const rows = await db
    .select({
      id: emailOutbox.id,
      toAddress: emailOutbox.toAddress,
      subject: emailOutbox.subject,
      template: emailOutbox.template,
      status: emailOutbox.status,
      attempts: emailOutbox.attempts,
      createdAt: emailOutbox.createdAt,
      sentAt: emailOutbox.sentAt,
    })
    .from(emailOutbox)
    .where(where)
    .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
    .limit(MAIL_PAGE_SIZE)
    .offset(offset);
  return { rows, total: Number(total), page, pages };
}

/** Whether the outbox holds the message (the route's permission is the whole scope). */
export async function outboxMessageExists(db: Executor, id: number): Promise<boolean> {
  const [row] = await db.select({ id: emailOutbox.id }).from(emailOutbox).where(eq(emailOutbox.id, id));
  return Boolean(row);
}

export async function getOutboxMessage(db: Executor, id: number) {
  const [message] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
  if (!message) return null;
  const attachments = await db
    .select({
      id: emailAttachments.id,
      filename: emailAttachments.filename,
      contentType: emailAttachments.contentType,
      bytes: sql<number>`octet_length(${emailAttachments.content})`.mapWith(Number),
    })
    .from(emailAttachments)
    .where(eq(emailAttachments.outboxId, id))
    .orderBy(emailAttachments.id);
  const { leaseToken: _secretish, sealedLink: _secret, ...rest } = message;
  return { ...rest, textBody: redactBody(rest.textBody), htmlBody: redactBody(rest.htmlBody), attachments };
}

/** Reading someone's mail is itself recorded: who opened which message, and when. */
export async function recordMailView(db: Database, actor: Actor, id: number, attachmentId?: number) {
  await db.transaction(async (tx) => {
    await audit(tx, actor, {
      action: attachmentId ? "mail.attachment-viewed" : "mail.viewed",
      entityType: "email",
      entityId: id,
      after: attachmentId ? { attachmentId } : null,
    });
  });
}

/** Scoped to its message, so an attachment id cannot be read through another message's URL. */
export async function getOutboxAttachment(db: Executor, outboxId: number, attachmentId: number) {
  const [row] = await db
    .select()
    .from(emailAttachments)
    .where(and(eq(emailAttachments.id, attachmentId), eq(emailAttachments.outboxId, outboxId)));
  return row ?? null;
}

export async function requeueFailedMail(db: Database, actor: Actor, id: number) {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ id: emailOutbox.id, status: emailOutbox.status, attempts: emailOutbox.attempts, lastError: emailOutbox.lastError })
      .from(emailOutbox)
      .where(eq(emailOutbox.id, id))
      .for("update");
    if (!before) return { ok: false as const, reason: "not-found" as const };
    if (before.status !== "failed") {
      return { ok: false as const, reason: "not-failed" as const, message: "Kun e-post, der ikke kunne sendes, kan sendes igen." };
    }
    const [after] = await tx
      .update(emailOutbox)
      .set({ status: "queued", attempts: 0, nextAttemptAt: new Date(), leaseUntil: null, leaseToken: null })
      .where(and(eq(emailOutbox.id, id), eq(emailOutbox.status, "failed")))
      .returning({ id: emailOutbox.id, status: emailOutbox.status, attempts: emailOutbox.attempts });
    await audit(tx, actor, { action: "mail.requeued", entityType: "email_outbox", entityId: id, before, after });
    return { ok: true as const };
  });
}

