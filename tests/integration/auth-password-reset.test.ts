// Forgot/reset password: the same answer for every e-mail, mail only for active
// users, a one-hour single-use link that revokes every session of the user.
import { openLink, SECRET_LINK_PLACEHOLDER } from "~/mail/sealed-link.server";
import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#db/client";
import { auditLog, emailOutbox, passwordResets, users } from "#db/schema";
import { attemptLogin } from "~/auth/login.server";
import { isResetTokenOpen, MAX_OPEN_RESETS, requestPasswordReset, resetPassword } from "~/auth/password-reset.server";
import { getActor } from "~/auth/session.server";
import { hashToken } from "~/auth/tokens.server";
import { getDb } from "~/db.server";
import { action as forgotAction } from "~/routes/forgot-password";
import { action as resetAction, loader as resetLoader } from "~/routes/reset-password.$token";
import { createUser, seedBase, signedInRequest, TEST_PASSWORD, type TestUser } from "../fixtures";
import { holdAfterResponseForTests, settleAfterResponse } from "~/utils/after-response.server";
import { outcome } from "../support/route-result";

let db: Database;
const NEW_PASSWORD = "helt-ny-adgangskode-2026";

async function forgot(email: string) {
  const body = new FormData();
  body.set("email", email);
  const answer = await outcome(() => forgotAction({ request: new Request("http://localhost/forgot-password", { method: "POST", body }), params: {}, context: {} }));
  await settleAfterResponse();
  return answer;
}

function reset(token: string, password = NEW_PASSWORD, confirm = password) {
  const body = new FormData();
  body.set("password", password);
  body.set("confirmPassword", confirm);
  const request = new Request(`http://localhost/reset-password/${token}`, { method: "POST", body });
  return outcome(() => resetAction({ request, params: { token }, context: {} }));
}

const mailsTo = (to: string) => db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, to)).orderBy(emailOutbox.id);
async function latestToken(to: string) {
  const rows = await mailsTo(to);
  return /\/reset-password\/([A-Za-z0-9_-]{20,})$/.exec(openLink(rows.at(-1)?.sealedLink ?? "") ?? "")?.[1] ?? null;
}
const outboxCount = async () => Number((await db.select({ n: count() }).from(emailOutbox))[0].n);

beforeAll(async () => {
  db = await getDb();
  await seedBase(db);
});

describe("forgot password", () => {
  it("answers an unknown e-mail exactly like a known one, and mails only the known", async () => {
    const user = await createUser(db, "municipality", { email: "kendt@lolland.dk", name: "Kendt Person" });
    const before = await outboxCount();
    const unknown = await forgot("ukendt@lolland.dk");
    expect(await outboxCount()).toBe(before);
    const known = await forgot("KENDT@lolland.dk");
    expect(unknown.status).toBe(200);
    expect(known).toEqual(unknown);
    expect(known.data!.message).toMatch(/^Hvis e-mailadressen findes, har vi sendt et link/);

    const [mail] = await mailsTo(user.email);
    expect(mail).toMatchObject({ template: "password-reset", subject: "Nulstil din adgangskode til Puljeportal" });
    expect(openLink(mail.sealedLink!)).toMatch(/^http:\/\/localhost:\d+\/reset-password\/[A-Za-z0-9_-]{43}$/);
    expect(mail.textBody).toContain(SECRET_LINK_PLACEHOLDER);
    expect(mail.textBody + mail.htmlBody).not.toMatch(/\/reset-password\/[A-Za-z0-9_-]{20,}/);
    expect(await db.select().from(auditLog).where(and(eq(auditLog.action, "password-reset.requested"), eq(auditLog.entityId, user.userId)))).toHaveLength(1);
  });

  it("sends nothing for a disabled user", async () => {
    const user = await createUser(db, "caseworker", { email: "deaktiveret@sm.dk" });
    await db.update(users).set({ status: "disabled" }).where(eq(users.id, user.userId));
    const before = await outboxCount();
    expect((await forgot(user.email)).data!.message).toMatch(/^Hvis e-mailadressen findes/);
    expect(await outboxCount()).toBe(before);
  });

  it("caps the open links per user so nobody can flood an inbox", async () => {
    const user = await createUser(db, "caseworker", { email: "mange-links@sm.dk" });
    for (let i = 0; i < MAX_OPEN_RESETS + 2; i++) await requestPasswordReset(db, user.email);
    expect(await mailsTo(user.email)).toHaveLength(MAX_OPEN_RESETS);
  });

  it("shows a Danish message for a malformed e-mail", async () => {
    const result = await forgot("ikke-en-mail");
    expect(result.status).toBe(400);
    expect(result.data!.errors.email).toBe("Skriv en gyldig e-mailadresse, fx navn@kommune.dk.");
    expect(result.data!.values.email).toBe("ikke-en-mail");
  });
});

describe("reset password", () => {
  let user: TestUser;
  beforeAll(async () => {
    user = await createUser(db, "municipality", { email: "nulstil@faxe.dk", municipalityCode: "0320" });
  });

  it("sets the new password once, revokes every session, and sends to /login?reset=1", async () => {
    const phone = await signedInRequest(db, user, "/");
    const laptop = await signedInRequest(db, user, "/");
    expect(await getActor(phone)).not.toBeNull();
    await forgot(user.email);
    const token = (await latestToken(user.email))!;
    expect((await outcome(() => resetLoader({ request: new Request("http://localhost/"), params: { token }, context: {} }))).data).toEqual({ valid: true });

    const done = await reset(token);
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/login?reset=1");
    expect(await getActor(phone)).toBeNull();
    expect(await getActor(laptop)).toBeNull();
    const req = new Request("http://localhost/login");
    expect(await attemptLogin(user.email, NEW_PASSWORD, req)).toMatchObject({ ok: true });
    expect(await attemptLogin(user.email, TEST_PASSWORD, req)).toMatchObject({ ok: false });
    expect(await db.select().from(auditLog).where(and(eq(auditLog.action, "password-reset.completed"), eq(auditLog.entityId, user.userId)))).toHaveLength(1);

    const second = await reset(token, "endnu-en-ny-adgangskode");
    expect(second.status).toBe(410);
    expect(second.data).toEqual({ valid: false });
    expect((await outcome(() => resetLoader({ request: new Request("http://localhost/"), params: { token }, context: {} }))).status).toBe(410);
  });

  it("kills the older links when one is used", async () => {
    await requestPasswordReset(db, user.email);
    const older = (await latestToken(user.email))!;
    await requestPasswordReset(db, user.email);
    const newer = (await latestToken(user.email))!;
    expect((await reset(newer)).status).toBe(302);
    expect(await isResetTokenOpen(db, older)).toBe(false);
  });

  it("fails after one hour", async () => {
    const t0 = new Date();
    await requestPasswordReset(db, user.email, t0);
    const token = (await latestToken(user.email))!;
    const later = new Date(t0.getTime() + 60 * 60 * 1000 + 1);
    expect(await isResetTokenOpen(db, token, later)).toBe(false);
    expect(await resetPassword(db, token, NEW_PASSWORD, later)).toEqual({ ok: false });
    const [row] = await db.select().from(passwordResets).where(eq(passwordResets.tokenHash, hashToken(token)));
    expect(row.usedAt).toBeNull();
  });

  it("refuses an unknown token and bad passwords without using the link", async () => {
    expect((await reset("ukendt-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")).status).toBe(410);
    await requestPasswordReset(db, user.email);
    const token = (await latestToken(user.email))!;
    const short = await reset(token, "kort");
    expect(short.status).toBe(400);
    expect(short.data!.errors.password).toBe("Adgangskoden skal være mindst 12 tegn.");
    const mismatch = await reset(token, NEW_PASSWORD, "noget-helt-andet-123");
    expect(mismatch.data!.errors.confirmPassword).toBe("De to adgangskoder er ikke ens.");
    expect(await isResetTokenOpen(db, token)).toBe(true);
  });
});

describe("forgot password timing", () => {
  it("answers before any work for the address is done, so known and unknown e-mails take the same time", async () => {
    const user = await createUser(db, "caseworker", { email: "tidsmaaling@sm.dk" });
    const release = holdAfterResponseForTests();
    let known, unknown;
    try {
      const post = (email: string) => {
        const body = new FormData();
        body.set("email", email);
        return outcome(() => forgotAction({ request: new Request("http://localhost/forgot-password", { method: "POST", body }), params: {}, context: {} }));
      };
      known = await post(user.email);
      unknown = await post("ingen-her@sm.dk");
      // Both answered while the lookup and the mail had not even started.
      expect(await mailsTo(user.email)).toHaveLength(0);
    } finally {
      release();
    }
    await settleAfterResponse();
    expect(known).toEqual(unknown);
    expect(await mailsTo(user.email)).toHaveLength(1);
  });
});
