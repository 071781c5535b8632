// /account: what the user sees, "log ud på alle enheder", and changing the password.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#db/client";
import { auditLog } from "#db/schema";
import { attemptLogin } from "~/auth/login.server";
import { getActor } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { action, loader } from "~/routes/account";
import { createUser, seedBase, signedInRequest, TEST_PASSWORD } from "../fixtures";
import { outcome } from "../support/route-result";

let db: Database;

/** A POST from the device that `signedIn` belongs to (same cookie). */
function postFrom(signedIn: Request, fields: Record<string, string>) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  const request = new Request("http://localhost/account", { method: "POST", body, headers: { cookie: signedIn.headers.get("cookie")! } });
  return outcome(() => action({ request, params: {}, context: {} }));
}

beforeAll(async () => {
  db = await getDb();
  await seedBase(db);
});

describe("account page", () => {
  it("shows name, e-mail, role, organisation and the active sessions", async () => {
    const user = await createUser(db, "municipality", { name: "Mette Kommune", email: "mette@kbh.dk", municipalityCode: "0101" });
    const request = await signedInRequest(db, user, "/account");
    await signedInRequest(db, user, "/account");
    const page = await outcome(() => loader({ request, params: {}, context: {} }));
    expect(page.data).toEqual({
      name: "Mette Kommune",
      email: "mette@kbh.dk",
      role: "Kommune",
      organisation: "Københavns Kommune",
      activeSessions: 2,
      applicationNotice: null,
    });
  });

  it("sends a signed-out visitor to the login page", async () => {
    const result = await outcome(() => loader({ request: new Request("http://localhost/account"), params: {}, context: {} }));
    expect(result.status).toBe(302);
    expect(result.headers.get("location")).toBe("/login?redirectTo=%2Faccount");
  });
});

describe("log ud på alle enheder", () => {
  it("revokes every session of the user, clears the cookie, and is audited", async () => {
    const user = await createUser(db, "advisor");
    const other = await createUser(db, "advisor");
    const phone = await signedInRequest(db, user, "/account");
    const laptop = await signedInRequest(db, user, "/account");
    const someoneElse = await signedInRequest(db, other, "/account");
    const result = await postFrom(laptop, { intent: "logout-all" });
    expect(result.status).toBe(302);
    expect(result.headers.get("location")).toBe("/login");
    expect(result.headers.get("set-cookie")).toMatch(/pp_session=;.*Max-Age=0/i);
    expect(await getActor(phone)).toBeNull();
    expect(await getActor(laptop)).toBeNull();
    expect(await getActor(someoneElse)).not.toBeNull();
    expect(await db.select().from(auditLog).where(and(eq(auditLog.action, "session.logout-all"), eq(auditLog.actorUserId, user.userId)))).toHaveLength(1);
  });
});

describe("change password", () => {
  const NEW_PASSWORD = "mit-nye-kodeord-er-langt";

  it("refuses a wrong current password next to the field and changes nothing", async () => {
    const user = await createUser(db, "caseworker");
    const here = await signedInRequest(db, user, "/account");
    const elsewhere = await signedInRequest(db, user, "/account");
    const result = await postFrom(here, { intent: "change-password", currentPassword: "forkert-forkert", password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(result.status).toBe(400);
    expect(result.data!.errors).toEqual({ currentPassword: "Den nuværende adgangskode er forkert." });
    expect(await getActor(elsewhere)).not.toBeNull();
    expect(await attemptLogin(user.email, TEST_PASSWORD, new Request("http://localhost/"))).toMatchObject({ ok: true });
  });

  it("validates the new password without echoing passwords", async () => {
    const user = await createUser(db, "caseworker");
    const here = await signedInRequest(db, user, "/account");
    const result = await postFrom(here, { intent: "change-password", currentPassword: TEST_PASSWORD, password: "kort", confirmPassword: "andet" });
    expect(result.status).toBe(400);
    expect(result.data!.errors.password).toBe("Adgangskoden skal være mindst 12 tegn.");
    expect(result.data!.values).toEqual({ intent: "change-password" });
  });

  it("changes the password, keeps this device and signs out the others", async () => {
    const user = await createUser(db, "caseworker");
    const here = await signedInRequest(db, user, "/account");
    const elsewhere = await signedInRequest(db, user, "/account");
    const result = await postFrom(here, { intent: "change-password", currentPassword: TEST_PASSWORD, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(result.status).toBe(302);
    expect(result.headers.get("location")).toBe("/account?password=1");
    expect(await getActor(here)).not.toBeNull();
    expect(await getActor(elsewhere)).toBeNull();
    expect(await attemptLogin(user.email, NEW_PASSWORD, new Request("http://localhost/"))).toMatchObject({ ok: true });
    expect(await db.select().from(auditLog).where(and(eq(auditLog.action, "user.password-changed"), eq(auditLog.entityId, user.userId)))).toHaveLength(1);
  });
});
