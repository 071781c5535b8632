// Invitation and reset links in the outbox: an admin reading mail (or anyone with a
// database backup) must not find a live token. The link is sealed, shown redacted,
// delivered whole to the recipient, and gone from the database once sent; every
// view of a mail is audited.
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf, type Database } from "#db/client";
import { auditLog, emailOutbox } from "#db/schema";
import { isResetTokenOpen, requestPasswordReset } from "~/auth/password-reset.server";
import { getDb } from "~/db.server";
import { createMailDispatcher } from "~/mail/dispatcher.server";
import { enqueueEmail } from "~/mail/outbox.server";
import { openLink, REDACTED_LINK } from "~/mail/sealed-link.server";
import { createSmtpSend } from "~/mail/transport.server";
import { loader as messageLoader } from "~/routes/admin.mail.$id";
import { composeEmail } from "../../emails/layout";
import { createUser, seedBase, signedInRequest, type TestUser } from "../fixtures";
import { startSmtp, type Smtp } from "../support/smtp";

let db: Database;
let admin: TestUser;
let smtp: Smtp;

beforeAll(async () => {
  db = await getDb();
  await seedBase(db);
  admin = await createUser(db, "admin");
  smtp = await startSmtp();
});

afterAll(async () => {
  await smtp.close();
});

/** Everything the database holds about the outbox, as a backup would: every column as text. */
async function outboxDump() {
  return JSON.stringify(rowsOf(await db.execute(sql`SELECT * FROM email_outbox`)));
}

async function resetMailFor(email: string) {
  await requestPasswordReset(db, email);
  const [mail] = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, email)).orderBy(sql`${emailOutbox.id} desc`).limit(1);
  const token = /\/reset-password\/([A-Za-z0-9_-]{43})$/.exec(openLink(mail.sealedLink!) ?? "")![1];
  return { mail, token };
}

async function view(id: number) {
  const request = await signedInRequest(db, admin, `/admin/mail/${id}`);
  return (await messageLoader({ request, params: { id: String(id) }, context: {} })) as {
    message: { textBody: string; htmlBody: string };
  };
}

describe("secret links in the outbox", () => {
  it("are not in the stored mail at all, only sealed (no key in the database)", async () => {
    const user = await createUser(db, "municipality", { email: "backup@kommune.dk" });
    const { mail, token } = await resetMailFor(user.email);
    expect(await isResetTokenOpen(db, token)).toBe(true);
    expect(await outboxDump()).not.toContain(token);
    expect(mail.sealedLink).not.toContain(token);
  });

  it("are shown redacted to an admin, and each view is audited", async () => {
    const user = await createUser(db, "caseworker", { email: "laeses@sm.dk" });
    const { mail, token } = await resetMailFor(user.email);
    const first = await view(mail.id);
    const shown = first.message.textBody + first.message.htmlBody;
    expect(shown).not.toContain(token);
    expect(first.message.textBody).toContain(REDACTED_LINK);
    await view(mail.id);
    const views = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "mail.viewed"), eq(auditLog.entityId, String(mail.id))));
    expect(views).toHaveLength(2);
    expect(views[0]).toMatchObject({ actorUserId: admin.userId, entityType: "email" });
  });

  it("hides a token link stored before sealing (old rows)", async () => {
    const legacyToken = "A".repeat(43);
    const id = await enqueueEmail(db, {
      ...composeEmail("Invitation", "Hej", [{ link: `http://localhost/invitation/${legacyToken}`, label: "Opret din adgang" }]),
      to: "gammel@kommune.dk",
      template: "invitation",
    });
    const { message } = await view(id);
    expect(message.textBody + message.htmlBody).not.toContain(legacyToken);
  });

  it("reach the recipient whole, and are removed from the database once sent", async () => {
    const user = await createUser(db, "municipality", { email: "modtager@kommune.dk" });
    const { mail, token } = await resetMailFor(user.email);
    const send = createSmtpSend({ url: () => smtp.url, from: "Puljeportal <noreply@puljeportal.local>" });
    try {
      const dispatcher = createMailDispatcher({ db, send, now: () => new Date(Date.now() + 1000) });
      await dispatcher.runOnce();
    } finally {
      send.close();
    }
    const delivered = smtp.received.find((m) => m.rcptTo.includes(user.email))!;
    expect(delivered.raw.replace(/=\r?\n/g, "")).toContain(`/reset-password/${token}`);
    const [after] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, mail.id));
    expect(after).toMatchObject({ status: "sent", sealedLink: null });
    expect(await outboxDump()).not.toContain(token);
  });
});
