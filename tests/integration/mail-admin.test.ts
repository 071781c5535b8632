// Admin mail pages: who may read the outbox, list/filter/paging, the message page,
// attachment download, and the audited "Send igen".
import { and, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { auditLog, emailOutbox } from "#db/schema";
import { getDb } from "~/db.server";
import { resetEnvCache } from "~/env.server";
import { enqueueEmail } from "~/mail/outbox.server";
import { loader as attachmentLoader } from "~/routes/admin.mail.$id.attachments.$attachmentId";
import { action as messageAction, loader as messageLoader } from "~/routes/admin.mail.$id";
import { loader as listLoader } from "~/routes/admin.mail._index";
import { composeEmail } from "../../emails/layout";
import { createUser, postForm, seedBase, signedInRequest, type TestUser } from "../fixtures";

let admin: TestUser;
let caseworker: TestUser;
let municipality: TestUser;
const ctx = { context: {} };

async function queue(to: string, subject: string, attachments: { filename: string; contentType: string; content: Uint8Array }[] = []) {
  const db = await getDb();
  return enqueueEmail(db, { ...composeEmail(subject, "Hej", ["Brødtekst til test."]), to, template: "test", attachments });
}

beforeAll(async () => {
  delete process.env.SMTP_URL;
  resetEnvCache();
  const db = await getDb();
  await seedBase(db);
  admin = await createUser(db, "admin");
  caseworker = await createUser(db, "caseworker");
  municipality = await createUser(db, "municipality");
});

afterEach(() => {
  delete process.env.SMTP_URL;
  resetEnvCache();
});

describe("/admin/mail", () => {
  it("refuses users without mail:read", async () => {
    const db = await getDb();
    for (const user of [caseworker, municipality]) {
      await expect(
        listLoader({ request: await signedInRequest(db, user, "/admin/mail"), params: {}, ...ctx }),
      ).rejects.toMatchObject({ status: 403 });
    }
    const id = await queue("a@kommune.dk", "Forbudt");
    await expect(
      messageLoader({ request: await signedInRequest(db, caseworker, `/admin/mail/${id}`), params: { id: String(id) }, ...ctx }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it("lists for an admin with counts, status filter, search and paging, newest first", async () => {
    const db = await getDb();
    await db.delete(emailOutbox).where(eq(emailOutbox.template, "paging"));
    const sentId = await queue("sendt@kommune.dk", "Afsendt besked");
    const failedId = await queue("fejl@kommune.dk", "Fejlet besked");
    await db.update(emailOutbox).set({ status: "sent", sentAt: new Date() }).where(eq(emailOutbox.id, sentId));
    await db.update(emailOutbox).set({ status: "failed", attempts: 8, lastError: "ECONNREFUSED" }).where(eq(emailOutbox.id, failedId));

    const all = await listLoader({ request: await signedInRequest(db, admin, "/admin/mail"), params: {}, ...ctx });
    expect(all.counts.sent).toBeGreaterThanOrEqual(1);
    expect(all.counts.failed).toBeGreaterThanOrEqual(1);
    expect(all.rows[0].id).toBe(failedId); // newest first
    expect(all.smtpConfigured).toBe(false);

    const failed = await listLoader({ request: await signedInRequest(db, admin, "/admin/mail?status=failed"), params: {}, ...ctx });
    expect(failed.rows.map((r) => r.id)).toEqual([failedId]);

    const search = await listLoader({ request: await signedInRequest(db, admin, "/admin/mail?q=SENDT%40"), params: {}, ...ctx });
    expect(search.rows.map((r) => r.id)).toEqual([sentId]);
    const wildcard = await listLoader({ request: await signedInRequest(db, admin, "/admin/mail?q=%25"), params: {}, ...ctx });
    expect(wildcard.rows).toHaveLength(0); // % is searched literally

    for (let i = 0; i < 51; i++) {
      await enqueueEmail(db, { ...composeEmail(`Side ${i}`, "Hej", ["x"]), to: `side${i}@kommune.dk`, template: "paging" });
    }
    const page1 = await listLoader({ request: await signedInRequest(db, admin, "/admin/mail?q=side"), params: {}, ...ctx });
    const page2 = await listLoader({ request: await signedInRequest(db, admin, "/admin/mail?q=side&page=2"), params: {}, ...ctx });
    expect(page1).toMatchObject({ total: 51, pages: 2, page: 1 });
    expect(page1.rows).toHaveLength(50);
    expect(page2.rows).toHaveLength(1);
    expect(page2.rows[0].subject).toBe("Side 0");

    process.env.SMTP_URL = "smtp://127.0.0.1:2525";
    resetEnvCache();
    const configured = await listLoader({ request: await signedInRequest(db, admin, "/admin/mail"), params: {}, ...ctx });
    expect(configured.smtpConfigured).toBe(true);
  });
});

describe("/admin/mail/:id", () => {
  it("shows the message with attachments and serves an attachment only through its own message", async () => {
    const db = await getDb();
    const content = new TextEncoder().encode("%PDF-1.4 bilag");
    const id = await queue("bilag@kommune.dk", "Med bilag", [{ filename: "Afgørelse æ.pdf", contentType: "application/pdf", content }]);
    const otherId = await queue("andet@kommune.dk", "Uden bilag");

    const { message } = await messageLoader({ request: await signedInRequest(db, admin, `/admin/mail/${id}`), params: { id: String(id) }, ...ctx });
    expect(message).toMatchObject({ toAddress: "bilag@kommune.dk", subject: "Med bilag", status: "queued" });
    expect(message.textBody).toContain("Brødtekst til test.");
    expect(message.messageId).toMatch(/^<.+@puljeportal\.local>$/);
    expect(message).not.toHaveProperty("leaseToken");
    expect(message.attachments).toEqual([
      { id: expect.any(Number), filename: "Afgørelse æ.pdf", contentType: "application/pdf", bytes: content.byteLength },
    ]);
    const attachmentId = String(message.attachments[0].id);

    const res = await attachmentLoader({
      request: await signedInRequest(db, admin, `/admin/mail/${id}/attachments/${attachmentId}`),
      params: { id: String(id), attachmentId },
      ...ctx,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/pdf");
    expect(res.headers.get("Content-Disposition")).toBe(
      `attachment; filename="Afg_relse _.pdf"; filename*=UTF-8''Afg%C3%B8relse%20%C3%A6.pdf`,
    );
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(content);

    await expect(
      attachmentLoader({
        request: await signedInRequest(db, admin, `/admin/mail/${otherId}/attachments/${attachmentId}`),
        params: { id: String(otherId), attachmentId },
        ...ctx,
      }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      attachmentLoader({
        request: await signedInRequest(db, caseworker, `/admin/mail/${id}/attachments/${attachmentId}`),
        params: { id: String(id), attachmentId },
        ...ctx,
      }),
    ).rejects.toMatchObject({ status: 403 });
    for (const bad of ["999999", "abc", "-1"]) {
      await expect(
        messageLoader({ request: await signedInRequest(db, admin, `/admin/mail/${bad}`), params: { id: bad }, ...ctx }),
      ).rejects.toMatchObject({ status: 404 });
    }
  });

  it("requeues a failed message with one audit row; refuses other statuses and other roles", async () => {
    const db = await getDb();
    const id = await queue("igen@kommune.dk", "Send mig igen");
    await db
      .update(emailOutbox)
      .set({ status: "failed", attempts: 8, lastError: "ECONNREFUSED", nextAttemptAt: new Date(Date.now() + 3_600_000) })
      .where(eq(emailOutbox.id, id));
    const audited = () =>
      db.select().from(auditLog).where(and(eq(auditLog.action, "mail.requeued"), eq(auditLog.entityId, String(id))));

    await expect(
      messageAction({ request: await postForm(db, caseworker, `/admin/mail/${id}`, { intent: "requeue" }), params: { id: String(id) }, ...ctx }),
    ).rejects.toMatchObject({ status: 403 });

    const bad = await messageAction({
      request: await postForm(db, admin, `/admin/mail/${id}`, { intent: "requeue", status: "sent" }),
      params: { id: String(id) },
      ...ctx,
    });
    expect(bad).toMatchObject({ init: { status: 400 } });
    expect(await audited()).toHaveLength(0);

    const before = Date.now();
    await expect(
      messageAction({ request: await postForm(db, admin, `/admin/mail/${id}`, { intent: "requeue" }), params: { id: String(id) }, ...ctx }),
    ).rejects.toMatchObject({ status: 302, headers: expect.any(Headers) });
    const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
    expect(row).toMatchObject({ status: "queued", attempts: 0, leaseToken: null });
    expect(row.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(before - 60_000);
    const rows = await audited();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorUserId: admin.userId,
      entityType: "email_outbox",
      before: { status: "failed", attempts: 8 },
      after: { status: "queued", attempts: 0 },
    });

    // Now queued: a second "Send igen" changes nothing and writes no audit row.
    const again = await messageAction({
      request: await postForm(db, admin, `/admin/mail/${id}`, { intent: "requeue" }),
      params: { id: String(id) },
      ...ctx,
    });
    expect(again).toMatchObject({ init: { status: 409 } });
    expect(await audited()).toHaveLength(1);

    await expect(
      messageAction({ request: await postForm(db, admin, "/admin/mail/999999", { intent: "requeue" }), params: { id: "999999" }, ...ctx }),
    ).rejects.toMatchObject({ status: 404 });
  });
});
