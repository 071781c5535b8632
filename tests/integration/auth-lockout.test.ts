// Sign-in lockout per e-mail (5 failures within 15 minutes → locked 15 minutes), the
// same answers for unknown e-mails, and the login page's indistinguishable message.
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#db/client";
import { auditLog, loginAttempts, passwordResets } from "#db/schema";
import { MAX_FAILURES, MAX_FAILURES_PER_ADDRESS } from "~/auth/lockout";
import { attemptLogin } from "~/auth/login.server";
import { resetPassword } from "~/auth/password-reset.server";
import { hashToken, newToken } from "~/auth/tokens.server";
import { changePassword, PASSWORD_CHECK_LOCKED } from "~/auth/users.server";
import { getActor } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { action as loginAction } from "~/routes/login";
import { action as userAction, loader as userLoader } from "~/routes/admin.users.$userId";
import { requestContext } from "~/utils/request-context.server";
import { createUser, postForm, seedBase, signedInRequest, TEST_PASSWORD, type TestUser } from "../fixtures";
import { settle } from "../support/route-result";
import { securityTally } from "../support/security-figures";

// Guesses tried against the lockout; a violation is a guess verified beyond the limit or a sign-in let through while locked.
const figures = securityTally("sign-in-lockout", "requests", "parallel wrong passwords per account, per address and on /account");
afterAll(() => figures.record());

let db: Database;
let user: TestUser;
const request = () => new Request("http://localhost/login", { method: "POST" });
const minutes = (base: Date, n: number) => new Date(base.getTime() + n * 60_000);

beforeAll(async () => {
  db = await getDb();
  await seedBase(db);
  user = await createUser(db, "caseworker", { email: "lockout@sm.dk" });
});

describe("attemptLogin lockout", () => {
  it("locks after five wrong passwords, refuses even the right one, and opens again after 15 minutes", async () => {
    const t0 = new Date(Date.now() - 60 * 60_000);
    expect(await attemptLogin(user.email, TEST_PASSWORD, request(), t0)).toMatchObject({ ok: true });
    const answers = [];
    for (let i = 1; i <= 5; i++) answers.push((await attemptLogin(user.email, "forkert-adgangskode", request(), minutes(t0, i))) as { reason?: string });
    expect(answers.map((a) => a.reason)).toEqual(["invalid", "invalid", "invalid", "invalid", "locked"]);
    // The sixth attempt, with the right password, is still refused.
    expect(await attemptLogin(user.email, TEST_PASSWORD, request(), minutes(t0, 6))).toEqual({ ok: false, reason: "locked" });
    expect(await attemptLogin(user.email.toUpperCase(), TEST_PASSWORD, request(), minutes(t0, 10))).toEqual({ ok: false, reason: "locked" });
    // 15 minutes after the last failure the lock has run out.
    expect(await attemptLogin(user.email, TEST_PASSWORD, request(), minutes(t0, 5 + 15))).toMatchObject({ ok: true });
  });

  it("answers an unknown e-mail exactly like a known one: invalid, then locked", async () => {
    const t0 = new Date(Date.now() - 30 * 60_000);
    const reasons = [];
    for (let i = 1; i <= 6; i++) reasons.push(((await attemptLogin("findes-ikke@test.dk", "hvad-som-helst-123", request(), minutes(t0, i))) as { reason: string }).reason);
    expect(reasons).toEqual(["invalid", "invalid", "invalid", "invalid", "locked", "locked"]);
  });
});

describe("login page", () => {
  async function post(email: string, password: string) {
    const body = new FormData();
    body.set("email", email);
    body.set("password", password);
    const result = await loginAction({ request: new Request("http://localhost/login", { method: "POST", body }), params: {}, context: {} });
    return result as unknown as { data: { errors: Record<string, string> }; init: { status: number } };
  }

  it("gives the same Danish message for an unknown e-mail and a wrong password", async () => {
    const other = await createUser(db, "municipality", { email: "samme-svar@kommune.dk" });
    const unknown = await post("ukendt-person@kommune.dk", "forkert-adgangskode-1");
    const wrong = await post(other.email, "forkert-adgangskode-1");
    expect(unknown.init.status).toBe(400);
    expect(wrong.init.status).toBe(400);
    expect(unknown.data.errors.form).toBe("Forkert e-mail eller adgangskode.");
    expect(wrong.data.errors.form).toBe(unknown.data.errors.form);
  });
});

// Verified guesses leave a login_attempts row; refused ones never reach argon2.
const verified = async (email: string) =>
  Number((await db.select({ n: count() }).from(loginAttempts).where(eq(loginAttempts.email, email)))[0].n);

function loginForm(email: string, password: string) {
  const body = new FormData();
  body.set("email", email);
  body.set("password", password);
  return loginAction({ request: new Request("http://localhost/login", { method: "POST", body }), params: {}, context: {} });
}

describe("lockout under concurrency", () => {
  it("verifies at most five of 50 parallel wrong passwords, and then refuses the right one", async () => {
    const target = await createUser(db, "admin", { email: "parallel@sm.dk" });
    const answers = await Promise.all(Array.from({ length: 50 }, () => settle(loginForm(target.email, "gæt-gæt-gæt-123"))));
    const statuses = answers.map((a) => (a as unknown as { init: { status: number } }).init.status);
    const verifiedCount = await verified(target.email);
    const afterwards = await attemptLogin(target.email, TEST_PASSWORD, request());
    figures.add(51, Math.max(0, verifiedCount - MAX_FAILURES) + (afterwards.ok ? 1 : 0));
    expect(statuses.filter((s) => s === 400)).toHaveLength(MAX_FAILURES - 1);
    expect(statuses.filter((s) => s === 429)).toHaveLength(50 - (MAX_FAILURES - 1));
    expect(verifiedCount).toBe(MAX_FAILURES);
    expect(afterwards).toEqual({ ok: false, reason: "locked" });
  });

  it("limits one client address across many e-mails", async () => {
    const run = (i: number) =>
      requestContext.run({ requestId: `r${i}`, clientAddress: "203.0.113.7" }, () =>
        attemptLogin(`spray-${i % 20}@kommune.dk`, "Sommer2026!", request()),
      );
    await Promise.all(Array.from({ length: 80 }, (_, i) => run(i)));
    const [{ n }] = await db.select({ n: count() }).from(loginAttempts).where(eq(loginAttempts.ip, "203.0.113.7"));
    figures.add(80, Math.max(0, Number(n) - MAX_FAILURES_PER_ADDRESS));
    expect(Number(n)).toBe(MAX_FAILURES_PER_ADDRESS);
  });

  it("puts the same limit on the current-password check in /account", async () => {
    const me = await createUser(db, "caseworker");
    const req = await signedInRequest(db, me, "/account");
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => changePassword(db, me, req, { currentPassword: "forkert-forkert-1", password: "ny-adgangskode-2026-x" })),
    );
    const wrong = answers.filter((a) => !a.ok && a.errors.currentPassword === "Den nuværende adgangskode er forkert.");
    const right = await changePassword(db, me, req, { currentPassword: TEST_PASSWORD, password: "ny-adgangskode-2026-x" });
    figures.add(31, Math.max(0, wrong.length - (MAX_FAILURES - 1)) + (right.ok ? 1 : 0));
    expect(wrong).toHaveLength(MAX_FAILURES - 1);
    expect(right).toEqual({
      ok: false,
      errors: { currentPassword: PASSWORD_CHECK_LOCKED },
    });
  });
});

describe("lifting a lockout", () => {
  async function lock(email: string) {
    for (let i = 0; i < MAX_FAILURES; i++) await attemptLogin(email, "forkert-forkert-2", request());
    expect(await attemptLogin(email, TEST_PASSWORD, request())).toEqual({ ok: false, reason: "locked" });
  }

  it("a completed password reset unlocks the account", async () => {
    const u = await createUser(db, "municipality", { email: "glemsom@kommune.dk" });
    await lock(u.email);
    const token = newToken();
    await db.insert(passwordResets).values({ userId: u.userId, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + 3_600_000) });
    expect(await resetPassword(db, token, "min-nye-adgangskode-99")).toEqual({ ok: true });
    expect(await attemptLogin(u.email, "min-nye-adgangskode-99", request())).toMatchObject({ ok: true });
  });

  it("an admin sees the lock and lifts it with \"Lås op\", which is audited", async () => {
    const admin = await createUser(db, "admin");
    const u = await createUser(db, "caseworker", { email: "laast@sm.dk" });
    const load = async () => {
      const req = await signedInRequest(db, admin, `/admin/users/${u.userId}`);
      return (await userLoader({ request: req, params: { userId: u.userId }, context: {} })) as { user: { lockedUntil: string | null } };
    };
    expect((await load()).user.lockedUntil).toBeNull();
    await lock(u.email);
    expect((await load()).user.lockedUntil).toMatch(/^\d\d\.\d\d\.\d{4} \d\d:\d\d$/);
    const res = await settle(userAction({ request: await postForm(db, admin, `/admin/users/${u.userId}`, { intent: "unlock" }), params: { userId: u.userId }, context: {} }));
    expect((res as Response).status).toBe(302);
    expect((await load()).user.lockedUntil).toBeNull();
    expect(await attemptLogin(u.email, TEST_PASSWORD, request())).toMatchObject({ ok: true });
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.action, "user.unlocked"), eq(auditLog.entityId, u.userId)));
    expect(audits).toHaveLength(1);
    expect(audits[0].actorUserId).toBe(admin.userId);
  });

  it("only admins may unlock", async () => {
    const caseworker = await createUser(db, "caseworker");
    const u = await createUser(db, "caseworker");
    const res = await settle(userAction({ request: await postForm(db, caseworker, `/admin/users/${u.userId}`, { intent: "unlock" }), params: { userId: u.userId }, context: {} }));
    expect((res as Response).status).toBe(403);
  });
});

describe("signing in", () => {
  it("ends any session the browser already had (a planted or another user's) and starts a new one", async () => {
    const planted = await createUser(db, "municipality");
    const me = await createUser(db, "caseworker", { email: "rotation@sm.dk" });
    const before = await signedInRequest(db, planted, "/login");
    const cookie = before.headers.get("cookie")!;
    expect(await getActor(new Request("http://localhost/", { headers: { cookie } }))).toMatchObject({ userId: planted.userId });
    const body = new FormData();
    body.set("email", me.email);
    body.set("password", TEST_PASSWORD);
    const res = await settle(loginAction({ request: new Request("http://localhost/login", { method: "POST", body, headers: { cookie } }), params: {}, context: {} }));
    expect((res as Response).status).toBe(302);
    const fresh = (res as Response).headers.get("set-cookie")!.split(";")[0];
    expect(fresh).not.toBe(cookie);
    expect(await getActor(new Request("http://localhost/", { headers: { cookie } }))).toBeNull();
    expect(await getActor(new Request("http://localhost/", { headers: { cookie: fresh } }))).toMatchObject({ userId: me.userId });
  });
});
