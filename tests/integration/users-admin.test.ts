// /admin/users: list with search, role filter and paging; user details; disable,
// enable and role changes (audited); admin-only access and 404 for unknown ids.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#db/client";
import { agencies, auditLog, memberships, users } from "#db/schema";
import { getActor } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { loader as listLoader } from "~/routes/admin.users._index";
import { action as userAction, loader as userLoader } from "~/routes/admin.users.$userId";
import { createUser, postForm, seedBase, signedInRequest, type TestUser } from "../fixtures";
import { outcome } from "../support/route-result";

let db: Database;
let admin: TestUser;
let caseworker: TestUser;

const list = async (query: string, as: TestUser = admin) =>
  outcome(async () => listLoader({ request: await signedInRequest(db, as, `/admin/users${query}`), params: {}, context: {} }));
const detail = async (userId: string, as: TestUser = admin) =>
  outcome(async () => userLoader({ request: await signedInRequest(db, as, `/admin/users/${userId}`), params: { userId }, context: {} }));
const post = async (userId: string, fields: Record<string, string>, as: TestUser = admin) =>
  outcome(async () => userAction({ request: await postForm(db, as, `/admin/users/${userId}`, fields), params: { userId }, context: {} }));

beforeAll(async () => {
  db = await getDb();
  await seedBase(db);
  admin = await createUser(db, "admin", { name: "Aaa Admin", email: "admin@sm.dk" });
  caseworker = await createUser(db, "caseworker", { name: "Aab Sagsbehandler", email: "sagsbehandler@sm.dk" });
  for (let i = 1; i <= 30; i++) {
    await createUser(db, "municipality", { name: `Kommunebruger ${String(i).padStart(2, "0")}`, email: `bruger${i}@kommune.dk`, municipalityCode: "0360" });
  }
  await createUser(db, "advisor", { name: "Rie Rådgiver", email: "rie@sbst.dk", agencySlug: "sbst" });
});

describe("users list", () => {
  it("pages 25 at a time with role, organisation, status and last sign-in", async () => {
    const first = await list("");
    expect(first.status).toBe(200);
    const { users: page1 } = first.data!;
    expect(page1.total).toBe(33);
    expect(page1.rows).toHaveLength(25);
    expect(page1.rows[0]).toMatchObject({ name: "Aaa Admin", role: "Administrator (ministeriet)", organisation: "Social- og Boligministeriet", status: "active" });
    // The list request itself signed the admin in.
    expect(page1.rows[0].lastSignIn).toMatch(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/);
    const lolland = page1.rows.find((r: { email: string }) => r.email === "bruger1@kommune.dk");
    expect(lolland).toMatchObject({ role: "Kommune", organisation: "Lolland Kommune", lastSignIn: null });
    const second = await list("?page=2");
    expect(second.data!.users.rows).toHaveLength(8);
  });

  it("searches name and e-mail, case-insensitively, and filters by role", async () => {
    expect((await list("?q=R%C3%85DGIVER")).data!.users.rows.map((r: { email: string }) => r.email)).toEqual(["rie@sbst.dk"]);
    expect((await list("?q=bruger3%40")).data!.users.rows.map((r: { email: string }) => r.email)).toEqual(["bruger3@kommune.dk"]);
    expect((await list("?role=municipality")).data!.users.total).toBe(30);
    expect((await list("?role=advisor&q=kommune")).data!.users.total).toBe(0);
    // LIKE wildcards are searched for literally.
    expect((await list("?q=%25")).data!.users.total).toBe(0);
    // Nonsense parameters fall back to the defaults.
    expect((await list("?role=superuser&page=-3")).data!.users.total).toBe(33);
  });

  it("is for admins only", async () => {
    expect((await list("", caseworker)).status).toBe(403);
  });
});

describe("user details", () => {
  it("shows a user and answers 404 for unknown or malformed ids", async () => {
    const shown = await detail(caseworker.userId);
    expect(shown.data!.user).toMatchObject({ email: "sagsbehandler@sm.dk", role: "caseworker", status: "active" });
    expect((await detail(randomUUID())).status).toBe(404);
    expect((await detail("ikke-et-id")).status).toBe(404);
    expect((await post(randomUUID(), { intent: "disable" })).status).toBe(404);
  });

  it("gives a caseworker 403 on the loader and the action, and changes nothing", async () => {
    const target = await createUser(db, "municipality");
    expect((await detail(target.userId, caseworker)).status).toBe(403);
    expect((await post(target.userId, { intent: "disable" }, caseworker)).status).toBe(403);
    const [row] = await db.select().from(users).where(eq(users.id, target.userId));
    expect(row.status).toBe("active");
  });
});

describe("disable and enable", () => {
  it("disabling ends the user's session at once; enabling lets them in again; both audited", async () => {
    const target = await createUser(db, "municipality");
    const theirs = await signedInRequest(db, target, "/");
    expect(await getActor(theirs)).not.toBeNull();
    const disabled = await post(target.userId, { intent: "disable" });
    expect(disabled.status).toBe(302);
    expect(await getActor(theirs)).toBeNull();
    const [auditRow] = await db.select().from(auditLog).where(and(eq(auditLog.action, "user.disabled"), eq(auditLog.entityId, target.userId)));
    expect(auditRow).toMatchObject({ actorUserId: admin.userId, before: { status: "active" }, after: { status: "disabled" } });
    // Revoked, not only hidden by the status: enabling does not bring the old session back.
    expect((await post(target.userId, { intent: "enable" })).status).toBe(302);
    expect(await getActor(theirs)).toBeNull();
    expect(await getActor(await signedInRequest(db, target, "/"))).not.toBeNull();
    expect(await db.select().from(auditLog).where(and(eq(auditLog.action, "user.enabled"), eq(auditLog.entityId, target.userId)))).toHaveLength(1);
  });

  it("does not let an admin disable themself", async () => {
    const result = await post(admin.userId, { intent: "disable" });
    expect(result.status).toBe(409);
    expect(result.data!.errors.form).toBe("Du kan ikke deaktivere dig selv.");
    const [row] = await db.select().from(users).where(eq(users.id, admin.userId));
    expect(row.status).toBe("active");
  });
});

describe("role and organisation", () => {
  it("moves a municipality user to an advisor role, audited with before and after", async () => {
    const target = await createUser(db, "municipality", { municipalityCode: "0360" });
    const result = await post(target.userId, { intent: "membership", role: "advisor", municipalityCode: "0360", agency: "ast" });
    expect(result.status).toBe(302);
    const [ast] = await db.select().from(agencies).where(eq(agencies.slug, "ast"));
    const [m] = await db.select().from(memberships).where(eq(memberships.userId, target.userId));
    expect(m).toMatchObject({ role: "advisor", municipalityCode: null, agencyId: ast.id });
    const [auditRow] = await db.select().from(auditLog).where(and(eq(auditLog.action, "user.membership-changed"), eq(auditLog.entityId, target.userId)));
    expect(auditRow.before).toEqual({ role: "municipality", municipalityCode: "0360", agencyId: null });
    expect(auditRow.after).toEqual({ role: "advisor", municipalityCode: null, agencyId: ast.id });
  });

  it("refuses a municipality role without a municipality, and changing one's own role", async () => {
    const target = await createUser(db, "caseworker");
    const missing = await post(target.userId, { intent: "membership", role: "municipality", municipalityCode: "", agency: "" });
    expect(missing.status).toBe(400);
    expect(missing.data!.errors.municipalityCode).toBe("Vælg kommunen for en kommunebruger.");
    expect(missing.data!.values).toMatchObject({ role: "municipality" });
    const self = await post(admin.userId, { intent: "membership", role: "caseworker", municipalityCode: "", agency: "" });
    expect(self.status).toBe(409);
    expect(self.data!.errors.role).toBe("Du kan ikke ændre din egen rolle.");
    const [m] = await db.select().from(memberships).where(eq(memberships.userId, admin.userId));
    expect(m.role).toBe("admin");
  });
});
