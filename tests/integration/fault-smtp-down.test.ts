// Faults at the SMTP peer: down for a while (nothing listening), then up but refusing
// (421), then accepting; every mail waits with backoff and is delivered exactly once.
// A send that outlives its lease (the peer is slow to acknowledge) is sent again by
// another dispatcher with the same Message-ID: at least once, de-duplicated by Message-ID.
import { createServer } from "node:net";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { Database } from "#db/client";
import { emailAttachments, emailOutbox } from "#db/schema";
import { getDb } from "~/db.server";
import { backoffMs, createMailDispatcher, type MailDispatcher } from "~/mail/dispatcher.server";
import { enqueueEmail } from "~/mail/outbox.server";
import { createSmtpSend, type SmtpSend } from "~/mail/transport.server";
import { composeEmail } from "../../emails/layout";
import { securityTally } from "../support/security-figures";
import { header, startSmtp, type Smtp } from "../support/smtp";

const figures = securityTally("fault-smtp-down", "faults", "SMTP peer down, refusing (421) and slower than the lease");
afterAll(() => figures.record());

let offsetMs = 0;
const now = () => new Date(Date.now() + 1000 + offsetMs);
const peers: Smtp[] = [];
const sends: SmtpSend[] = [];
afterEach(async () => {
  sends.splice(0).forEach((s) => s.close());
  await Promise.all(peers.splice(0).map((p) => p.close()));
});

async function peer(opts: Parameters<typeof startSmtp>[0] = {}) {
  const p = await startSmtp(opts);
  peers.push(p);
  return p;
}

/** A port nobody listens on (taken, then released). */
async function deadPort() {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const { port } = s.address() as import("node:net").AddressInfo;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

async function queue(db: Database, n: number) {
  for (let i = 0; i < n; i++) {
    await enqueueEmail(db, { ...composeEmail(`Kvittering ${i}`, "Kære modtager", ["Tak for ansøgningen."]), to: `kommune${i}@kommune.dk`, template: "receipt" });
  }
}

async function drain(d: MailDispatcher) {
  const total = { claimed: 0, sent: 0, retried: 0, failed: 0, lostLease: 0 };
  for (;;) {
    const r = await d.runOnce();
    for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += r[k];
    if (r.claimed === 0) return total;
  }
}

const messageIds = (p: Smtp) => p.received.map((m) => header(m.raw, "Message-ID")!);

describe("SMTP down for a while", () => {
  it("keeps 8 mails waiting with backoff while the peer is down and then refusing, and delivers each once when it is back", async () => {
    const db = await getDb();
    await db.delete(emailAttachments);
    await db.delete(emailOutbox);
    offsetMs = 0;
    await queue(db, 8);
    let url = `smtp://127.0.0.1:${await deadPort()}`;
    const send = createSmtpSend({ url: () => url, from: "Puljeportal <noreply@puljeportal.local>" });
    sends.push(send);
    const dispatcher = createMailDispatcher({ db, send, now, batchSize: 5, onError: () => {} });

    // Down: every attempt fails and is put back with the first backoff.
    expect(await drain(dispatcher)).toMatchObject({ claimed: 8, sent: 0, retried: 8 });
    let rows = await db.select().from(emailOutbox);
    expect(rows.every((r) => r.status === "queued" && r.attempts === 1 && /ECONNREFUSED/.test(r.lastError ?? ""))).toBe(true);
    expect(await dispatcher.runOnce()).toMatchObject({ claimed: 0 }); // waiting, not hammering

    // Up, but refusing every connection (421): the second backoff.
    const refusing = await peer({ refuseWith: { code: 421, message: "Prøv igen senere" } });
    url = refusing.url;
    offsetMs += backoffMs(1) + 1000;
    expect(await drain(dispatcher)).toMatchObject({ claimed: 8, sent: 0, retried: 8 });
    rows = await db.select().from(emailOutbox);
    expect(rows.every((r) => r.attempts === 2 && /421/.test(r.lastError ?? ""))).toBe(true);
    expect(refusing.received).toHaveLength(0);

    // Accepting: each mail exactly once, with its own fixed Message-ID.
    const healthy = await peer();
    url = healthy.url;
    offsetMs += backoffMs(2) + 1000;
    expect(await drain(dispatcher)).toMatchObject({ claimed: 8, sent: 8, retried: 0 });
    expect(await drain(dispatcher)).toMatchObject({ claimed: 0 });
    rows = await db.select().from(emailOutbox);
    const delivered = messageIds(healthy);
    const duplicates = delivered.length - new Set(delivered).size;
    figures.add(16, duplicates + rows.filter((r) => r.status !== "sent").length);
    expect(rows.every((r) => r.status === "sent" && r.attempts === 2 && r.leaseToken === null)).toBe(true);
    expect(delivered.sort()).toEqual(rows.map((r) => r.messageId).sort());
  });

  it("a send that outlived its lease is sent again by another dispatcher with the same Message-ID, and marked sent once", async () => {
    const db = await getDb();
    await db.delete(emailAttachments);
    await db.delete(emailOutbox);
    offsetMs = 0;
    await queue(db, 3);
    let release!: () => void;
    const slowAck = new Promise<void>((resolve) => (release = resolve));
    // The peer takes the first message in but is slower to acknowledge it than the lease.
    const smtp = await peer({ beforeAck: (i) => (i === 0 ? slowAck : Promise.resolve()) });
    const send = createSmtpSend({ url: smtp.url, from: "Puljeportal <noreply@puljeportal.local>" });
    const sendB = createSmtpSend({ url: smtp.url, from: "Puljeportal <noreply@puljeportal.local>" });
    sends.push(send, sendB);
    const a = createMailDispatcher({ db, send, now, leaseMs: 60_000, batchSize: 1 });
    const b = createMailDispatcher({ db, send: sendB, now, leaseMs: 60_000 });

    const firstArrived = smtp.nextMessage();
    const runA = a.runOnce();
    await firstArrived;
    expect(await b.runOnce()).toMatchObject({ claimed: 2, sent: 2 }); // the first is still leased to A
    offsetMs = 61_000; // A's lease runs out while the peer still holds the acknowledgement
    expect(await b.runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    release();
    expect(await runA).toMatchObject({ claimed: 1, sent: 0, lostLease: 1 });

    const rows = await db.select().from(emailOutbox);
    const delivered = messageIds(smtp);
    const perId = new Map<string, number>();
    for (const id of delivered) perId.set(id, (perId.get(id) ?? 0) + 1);
    figures.add(1, [...perId.values()].filter((n) => n > 2).length + rows.filter((r) => r.status !== "sent").length);
    // At least once, de-duplicated by Message-ID: the peer saw one Message-ID twice, none more.
    expect(delivered).toHaveLength(4);
    expect([...perId.values()].sort()).toEqual([1, 1, 2]);
    expect(new Set(delivered)).toEqual(new Set(rows.map((r) => r.messageId)));
    expect(rows.every((r) => r.status === "sent" && r.leaseToken === null)).toBe(true);
  });
});
