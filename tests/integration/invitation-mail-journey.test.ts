// Issue 3 acceptance: an admin invites a municipality user; the mail arrives at a
// real SMTP server; its link sets a password once and fails the second time.
// Then the SMTP server goes away and comes back: the next mail arrives exactly once.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "#db/client";
import { emailOutbox } from "#db/schema";
import { getDb } from "~/db.server";
import { createMailDispatcher } from "~/mail/dispatcher.server";
import { createSmtpSend } from "~/mail/transport.server";
import { action as inviteAction } from "~/routes/admin.users.invite";
import { action as acceptAction } from "~/routes/invitation.$token";
import { createUser, postForm, seedBase, type TestUser } from "../fixtures";
import { header, startSmtp, type Smtp } from "../support/smtp";
import { outcome } from "../support/route-result";

let db: Database;
let admin: TestUser;
let smtp: Smtp;
let url = "";
const send = createSmtpSend({ url: () => url, from: "Puljeportal <noreply@puljeportal.local>" });
let offset = 0;
const now = () => new Date(Date.now() + 1000 + offset);

beforeAll(async () => {
  db = await getDb();
  await seedBase(db);
  admin = await createUser(db, "admin");
  smtp = await startSmtp();
  url = smtp.url;
});
afterAll(async () => {
  send.close();
  await smtp.close();
});

/** The text part of a raw MIME message, quoted-printable decoded. */
function textOf(raw: string) {
  const decoded = raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(decoded, "latin1").toString("utf8");
}

async function invite(email: string) {
  const request = await postForm(db, admin, "/admin/users/invite", {
    name: "Lise Lolland",
    email,
    role: "municipality",
    municipalityCode: "0360",
    agency: "",
  });
  const res = await inviteAction({ request, params: {}, context: {} }).catch((e: unknown) => e);
  expect(res).toBeInstanceOf(Response);
  expect((res as Response).status).toBe(302);
}

async function accept(token: string) {
  const body = new FormData();
  body.set("password", "en-lang-og-god-adgangskode");
  body.set("confirmPassword", "en-lang-og-god-adgangskode");
  const request = new Request(`http://localhost/invitation/${token}`, { method: "POST", body });
  return (await outcome(() => acceptAction({ request, params: { token }, context: {} }))).status;
}

it("delivers the invitation over SMTP; its link works once", async () => {
  await invite("lise@lolland.dk");
  const dispatcher = createMailDispatcher({ db, send, now });
  const arrived = smtp.nextMessage();
  const result = await dispatcher.runOnce();
  await arrived;
  expect(result.sent).toBe(1);
  expect(smtp.received).toHaveLength(1);
  const message = smtp.received[0];
  expect(message.rcptTo).toEqual(["lise@lolland.dk"]);
  expect(header(message.raw, "Subject")).toBe("Invitation til Puljeportal");
  const token = /\/invitation\/([A-Za-z0-9_-]{43})/.exec(textOf(message.raw))?.[1];
  expect(token).toBeTruthy();

  expect(await accept(token!)).toBe(302);
  expect(await accept(token!)).toBe(410);
});

it("waits while the SMTP server is down and delivers exactly once when it is back", async () => {
  await smtp.close();
  await invite("lars@lolland.dk");
  const dispatcher = createMailDispatcher({ db, send, now });
  const failed = await dispatcher.runOnce();
  expect(failed).toMatchObject({ sent: 0, retried: 1 });
  const [queued] = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, "lars@lolland.dk"));
  expect(queued.status).toBe("queued");

  smtp = await startSmtp();
  url = smtp.url;
  offset += 60 * 60 * 1000; // past the backoff
  const arrived = smtp.nextMessage();
  expect((await dispatcher.runOnce()).sent).toBe(1);
  await arrived;
  expect((await dispatcher.runOnce()).sent).toBe(0);
  expect(smtp.received.filter((m) => m.rcptTo.includes("lars@lolland.dk"))).toHaveLength(1);
  const [sent] = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, "lars@lolland.dk"));
  expect(sent.status).toBe("sent");
});
