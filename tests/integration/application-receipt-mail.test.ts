// Issue 4 acceptance: submitting through the form sends the receipt mail, with the
// application as a PDF, to a real SMTP peer — once.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "#db/client";
import { getDb } from "~/db.server";
import { startApplication } from "~/domain/applications/commands.server";
import { createMailDispatcher } from "~/mail/dispatcher.server";
import { createSmtpSend } from "~/mail/transport.server";
import { action as appAction } from "~/routes/applications.$applicationId._index";
import { createUser, postForm, type TestUser } from "../fixtures";
import { header, startSmtp, type Smtp } from "../support/smtp";
import { appRow, completeForm, makeCall } from "./application-helpers";

let db: Database;
let smtp: Smtp;
let user: TestUser;
const now = () => new Date(Date.now() + 1000);

beforeAll(async () => {
  db = await getDb();
  smtp = await startSmtp();
});
afterAll(() => smtp.close());

it("submits through the form and delivers the receipt with the PDF to the SMTP server exactly once", async () => {
  const { call, categories } = await makeCall(db);
  user = await createUser(db, "municipality", { municipalityCode: "0360", email: "mette@lolland.dk" });
  const started = await startApplication(db, user, call.id);
  if (!started.ok) throw new Error(started.message);
  const form = { ...completeForm(categories.map((c) => c.id)), intent: "submit", version: "1", confirm: "ja" };
  const request = await postForm(db, user, `/applications/${started.value.id}`, form);
  const res = await appAction({ request, params: { applicationId: String(started.value.id) }, context: {} }).catch((e: unknown) => e);
  expect(res, JSON.stringify((res as { data?: unknown }).data)).toBeInstanceOf(Response);
  expect((res as Response).status).toBe(302);
  expect((res as Response).headers.get("location")).toBe(`/applications/${started.value.id}/receipt`);
  expect((await appRow(db, started.value.id)).status).toBe("submitted");

  const send = createSmtpSend({ url: smtp.url, from: "Puljeportal <noreply@puljeportal.local>" });
  const dispatcher = createMailDispatcher({ db, send, now });
  const result = await dispatcher.runOnce();
  expect(result.sent).toBeGreaterThanOrEqual(1);
  expect((await dispatcher.runOnce()).sent).toBe(0);
  send.close();

  const toUser = smtp.received.filter((m) => m.rcptTo.includes("mette@lolland.dk"));
  expect(toUser).toHaveLength(1);
  const raw = toUser[0].raw;
  expect(header(raw, "Subject")).toMatch(/ansøgning/i);
  expect(raw).toMatch(/Content-Type: application\/pdf/i);
  const pdfBase64 = /Content-Type: application\/pdf[\s\S]*?\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/i.exec(raw)?.[1] ?? "";
  expect(Buffer.from(pdfBase64.replace(/\s/g, ""), "base64").subarray(0, 5).toString()).toBe("%PDF-");
});
