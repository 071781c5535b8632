// The outbox dispatcher against a real SMTP peer (smtp-server on localhost):
// delivered once, retried with backoff, parked, never doubled by two senders,
// reclaimed after a crashed sender's lease runs out.
import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "#db/client";
import { emailAttachments, emailOutbox } from "#db/schema";
import { getDb } from "~/db.server";
import { backoffMs, createMailDispatcher } from "~/mail/dispatcher.server";
import { enqueueEmail } from "~/mail/outbox.server";
import { createSmtpSend, describeSendError, type OutgoingMessage, type SmtpSend } from "~/mail/transport.server";
import { composeEmail } from "../../emails/layout";
import { getTestDb } from "../setup/setup-test-env";
import { header, startSmtp, type Smtp } from "../support/smtp";

const messageIdsOf = (smtp: Smtp) => smtp.received.map((m) => header(m.raw, "Message-ID"));

let offsetMs = 0;
// A second ahead: next_attempt_at defaults to the database's now() in microseconds,
// which can lie a fraction of a millisecond after a JS Date taken just after the insert.
const now = () => new Date(Date.now() + 1000 + offsetMs);
let smtp: Smtp | undefined;
let currentUrl = "";
let send: SmtpSend;

beforeEach(async () => {
  const db = await getDb();
  await db.delete(emailAttachments);
  await db.delete(emailOutbox);
  offsetMs = 0;
  smtp = await startSmtp();
  currentUrl = smtp.url;
  send = createSmtpSend({ url: () => currentUrl, from: "Puljeportal <noreply@puljeportal.local>" });
});

afterEach(async () => {
  send.close();
  await smtp?.close();
  smtp = undefined;
});

async function queue(db: Database, n = 1, withAttachment = false) {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const rendered = composeEmail(`Invitation til Puljeportal – æøå ${i}`, "Kære Test Testesen", [
      "Du er inviteret til Puljeportal.",
      { link: "http://localhost:3000/invitation/abc", label: "Opret din adgang" },
    ]);
    ids.push(
      await enqueueEmail(db, {
        ...rendered,
        to: `modtager${i}@kommune.dk`,
        template: "invitation",
        attachments: withAttachment
          ? [{ filename: "bilag æ.pdf", contentType: "application/pdf", content: new TextEncoder().encode("%PDF-1.4 testbilag") }]
          : [],
      }),
    );
  }
  return ids;
}

async function row(db: Database, id: number) {
  const [r] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
  return r;
}

describe("mail dispatcher", () => {
  it("delivers a queued mail with subject, body, attachment and its Message-ID, once", async () => {
    const db = await getDb();
    const [id] = await queue(db, 1, true);
    const before = await row(db, id);
    const dispatcher = createMailDispatcher({ db, send, now });

    const result = await dispatcher.runOnce();
    expect(result).toMatchObject({ claimed: 1, sent: 1, retried: 0, failed: 0 });
    expect(smtp!.received).toHaveLength(1);
    const mail = smtp!.received[0];
    expect(mail.rcptTo).toEqual(["modtager0@kommune.dk"]);
    expect(header(mail.raw, "Subject")).toBe("Invitation til Puljeportal – æøå 0");
    expect(header(mail.raw, "Message-ID")).toBe(before.messageId);
    expect(header(mail.raw, "From")).toContain("noreply@puljeportal.local");
    // The sender's domain on the right of the Message-ID, and marked as automatic mail (RFC 3834).
    expect(header(mail.raw, "Message-ID")).toMatch(/@puljeportal\.local>$/);
    expect(header(mail.raw, "Auto-Submitted")).toBe("auto-generated");
    expect(mail.raw).toContain("Du er inviteret til Puljeportal.");
    expect(mail.raw).toContain("application/pdf");
    expect(mail.raw).toContain(Buffer.from("%PDF-1.4 testbilag").toString("base64"));

    const after = await row(db, id);
    expect(after).toMatchObject({ status: "sent", attempts: 0, leaseToken: null, leaseUntil: null });
    expect(after.sentAt).toBeInstanceOf(Date);

    expect(await dispatcher.runOnce()).toMatchObject({ claimed: 0, sent: 0 });
    expect(smtp!.received).toHaveLength(1);
  });

  it("records a failure with backoff while the server is down, then delivers exactly once", async () => {
    const db = await getDb();
    const [id] = await queue(db);
    const dispatcher = createMailDispatcher({ db, send, now });
    await smtp!.close();

    expect(await dispatcher.runOnce()).toMatchObject({ claimed: 1, sent: 0, retried: 1 });
    const failed = await row(db, id);
    expect(failed).toMatchObject({ status: "queued", attempts: 1, leaseToken: null, leaseUntil: null });
    expect(failed.lastError).toMatch(/ECONNREFUSED/);
    expect(failed.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 25_000);

    // Still backing off, even with a server back on a new port.
    smtp = await startSmtp();
    currentUrl = smtp.url;
    expect(await dispatcher.runOnce()).toMatchObject({ claimed: 0 });

    offsetMs = backoffMs(1) + 1000;
    expect(await dispatcher.runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    expect(await dispatcher.runOnce()).toMatchObject({ claimed: 0 });
    expect(smtp.received).toHaveLength(1);
    expect(messageIdsOf(smtp)).toEqual([failed.messageId]);
    expect(await row(db, id)).toMatchObject({ status: "sent", attempts: 1 });
  });

  it("parks a mail as failed after maxAttempts and no longer claims it", async () => {
    const db = await getDb();
    const [id] = await queue(db);
    await smtp!.close();
    smtp = undefined;
    const dispatcher = createMailDispatcher({ db, send, now, maxAttempts: 3 });
    const results = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      results.push(await dispatcher.runOnce());
      offsetMs += backoffMs(attempt) + 1000;
    }
    expect(results.map((r) => [r.retried, r.failed])).toEqual([
      [1, 0],
      [1, 0],
      [0, 1],
    ]);
    expect(await row(db, id)).toMatchObject({ status: "failed", attempts: 3, leaseToken: null });

    smtp = await startSmtp();
    currentUrl = smtp.url;
    offsetMs += 24 * 60 * 60_000;
    expect(await dispatcher.runOnce()).toMatchObject({ claimed: 0 });
    expect(smtp.received).toHaveLength(0);
  });

  it("backs off exponentially from 30 s and caps at one hour", () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffMs(8)).toBe(60 * 60_000);
    expect(backoffMs(50)).toBe(60 * 60_000);
  });

  it("keeps credentials and line breaks out of last_error", () => {
    const e = Object.assign(new Error("Invalid login for smtp://bruger:hemmelig@mail.example.dk:587\r\n535 nope"), {
      code: "EAUTH",
      responseCode: 535,
    });
    const text = describeSendError(e);
    expect(text).not.toContain("hemmelig");
    expect(text).not.toMatch(/[\r\n]/);
    expect(text).toContain("EAUTH");
    expect(describeSendError(new Error("x".repeat(1000))).length).toBeLessThanOrEqual(300);
  });

  it("two dispatchers on the same outbox deliver each of 30 mails exactly once", async () => {
    const db = await getDb();
    const ids = await queue(db, 30);
    const testDb = await getTestDb();
    // On the real server the second sender gets its own pool, as a second process would.
    const second = testDb.url ? await openDatabase({ databaseUrl: testDb.url, maxConnections: 3 }) : undefined;
    try {
      const senders = [
        createMailDispatcher({ db, send, now, batchSize: 4 }),
        createMailDispatcher({ db: second?.db ?? db, send, now, batchSize: 4 }),
      ];
      const drain = async (d: (typeof senders)[number]) => {
        let sent = 0;
        for (;;) {
          const r = await d.runOnce();
          sent += r.sent;
          expect(r.lostLease).toBe(0);
          if (r.claimed === 0) return sent;
        }
      };
      const sentBy = await Promise.all(senders.map(drain));
      expect(sentBy[0] + sentBy[1]).toBe(30);
    } finally {
      await second?.close();
    }
    const rows = await db.select().from(emailOutbox);
    expect(rows.filter((r) => r.status === "sent")).toHaveLength(30);
    const delivered = messageIdsOf(smtp!);
    expect(delivered).toHaveLength(30);
    expect(new Set(delivered).size).toBe(30);
    expect(new Set(delivered)).toEqual(new Set(rows.map((r) => r.messageId)));
    expect(ids).toHaveLength(30);
  });

  it("claims a row again after a crashed sender's lease ran out, with the same Message-ID", async () => {
    const db = await getDb();
    const [id] = await queue(db);
    const { messageId } = await row(db, id);

    // Sender A delivers, then hangs before its acknowledgement reaches the database.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const stuckSend = async (m: OutgoingMessage) => {
      await send(m);
      await gate;
    };
    const a = createMailDispatcher({ db, send: stuckSend, now, leaseMs: 60_000 });
    const delivered = smtp!.nextMessage();
    const runA = a.runOnce();
    await delivered;

    const b = createMailDispatcher({ db, send, now, leaseMs: 60_000 });
    expect(await b.runOnce()).toMatchObject({ claimed: 0 }); // lease still held
    offsetMs = 61_000;
    expect(await b.runOnce()).toMatchObject({ claimed: 1, sent: 1 });

    release();
    // A's late acknowledgement carries a stale lease token and changes nothing.
    expect(await runA).toMatchObject({ sent: 0, lostLease: 1 });
    expect(messageIdsOf(smtp!)).toEqual([messageId, messageId]);
    expect(await row(db, id)).toMatchObject({ status: "sent", leaseToken: null });
  });

  it("a transaction that rolls back after enqueueEmail leaves no outbox row", async () => {
    const db = await getDb();
    await expect(
      db.transaction(async (tx) => {
        await enqueueEmail(tx, {
          ...composeEmail("Skal ikke sendes", "Hej", ["Tekst"]),
          to: "x@kommune.dk",
          template: "test",
          attachments: [{ filename: "a.txt", contentType: "text/plain", content: new Uint8Array([65]) }],
        });
        throw new Error("business rule failed");
      }),
    ).rejects.toThrow("business rule failed");
    const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(emailOutbox);
    expect(n).toBe(0);
    const [{ m }] = await db.select({ m: sql<number>`count(*)::int` }).from(emailAttachments);
    expect(m).toBe(0);
    expect(await createMailDispatcher({ db, send, now }).runOnce()).toMatchObject({ claimed: 0 });
  });

  it("start/stop polls the outbox and stop waits for the batch in flight", async () => {
    const db = await getDb();
    await queue(db, 2);
    const dispatcher = createMailDispatcher({ db, send, now });
    const arrived = smtp!.nextMessage();
    dispatcher.start(50);
    await arrived;
    await dispatcher.stop();
    const rows = await db.select().from(emailOutbox);
    // Nothing is left half-done: every row is sent or untouched, no lease dangling.
    expect(rows.every((r) => r.leaseToken === null)).toBe(true);
    expect(rows.filter((r) => r.status === "sent").length).toBe(smtp!.received.length);
  });
});
