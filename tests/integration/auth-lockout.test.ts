// Sign-in lockout per e-mail (5 failures within 15 minutes → locked 15 minutes), the
// same answers for unknown e-mails, and the login page's indistinguishable message.
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#db/client";
import { attemptLogin } from "~/auth/login.server";
import { getDb } from "~/db.server";
import { action as loginAction } from "~/routes/login";
import { createUser, seedBase, TEST_PASSWORD, type TestUser } from "../fixtures";

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
