// /admin/audit: filters narrow the rows, paging, access, and bad input as field errors.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#db/client";
import { auditLog } from "#db/schema";
import { getDb } from "~/db.server";
import { loader } from "~/routes/admin.audit._index";
import { audit } from "~/utils/audit.server";
import { createUser, seedBase, signedInRequest, type TestUser } from "../fixtures";

let db: Database;
let admin: TestUser;
let anna: TestUser;
let bo: TestUser;
const system = { userId: null, role: "system", requestId: "job-1" } as const;
const goneUserId = randomUUID();

async function load(query: string, user: TestUser = admin) {
  const request = await signedInRequest(db, user, `/admin/audit${query}`);
  const result = await loader({ request, params: {}, context: {} });
  return { status: result.init?.status ?? 200, ...result.data };
}

beforeAll(async () => {
  db = await getDb();
  await seedBase(db);
  admin = await createUser(db, "admin", { name: "Ada Administrator" });
  anna = await createUser(db, "caseworker", { name: "Anna Sagsbehandler", email: "anna@sm.dk" });
  bo = await createUser(db, "municipality", { name: "Bo Kommune", email: "bo@lolland.dk", municipalityCode: "0360" });

  await audit(db, anna, { action: "application.formalia_checked", entityType: "filtertest", entityId: 1, before: { status: "submitted" }, after: { status: "formalia_approved" } });
  await audit(db, bo, { action: "application.submitted", entityType: "filtertest", entityId: 1 });
  await audit(db, bo, { action: "application.updated", entityType: "othertype", entityId: 2 });
  await audit(db, system, { action: "email.failed", entityType: "filtertest", entityId: 3 });
  await db.insert(auditLog).values({ actorUserId: goneUserId, actorRole: "caseworker", action: "call.updated", entityType: "filtertest", entityId: "4" });

  // Around 10 March 2026 in Copenhagen (UTC+1): only the middle two fall on that day.
  await db.insert(auditLog).values(
    [
      ["2026-03-09T22:59:59.999Z", "before"],
      ["2026-03-09T23:00:00.000Z", "first"],
      ["2026-03-10T22:59:59.999Z", "last"],
      ["2026-03-10T23:00:00.000Z", "after"],
    ].map(([at, id]) => ({ at: new Date(at), actorUserId: null, actorRole: "system", action: "period.test", entityType: "periodtest", entityId: id })),
  );

  // 120 rows for paging, with distinct times so the order is known.
  const base = Date.parse("2025-01-01T12:00:00Z");
  await db.insert(auditLog).values(
    Array.from({ length: 120 }, (_, i) => ({
      at: new Date(base + i * 60_000),
      actorUserId: null,
      actorRole: "system",
      action: "paging.test",
      entityType: "pagingtest",
      entityId: String(i + 1),
    })),
  );
});

describe("/admin/audit filters", () => {
  it("filters by user, and by 'System' for rows without a user", async () => {
    const byAnna = await load(`?user=${anna.userId}`);
    expect(byAnna.status).toBe(200);
    expect(byAnna.rows.map((r) => r.action)).toEqual(["application.formalia_checked"]);
    expect(byAnna.rows[0]).toMatchObject({ who: "Anna Sagsbehandler", role: "Sagsbehandler (ministeriet)", email: "anna@sm.dk" });

    const bySystem = await load("?user=system&entityType=filtertest");
    expect(bySystem.rows.map((r) => r.action)).toEqual(["email.failed"]);
    expect(bySystem.rows[0].who).toBe("System");
  });

  it("searches users by name or e-mail", async () => {
    const byEmail = await load("?q=LOLLAND.dk");
    expect(byEmail.rows.map((r) => r.action).sort()).toEqual(["application.submitted", "application.updated"]);
    const byName = await load("?q=anna%20sag");
    expect(byName.total).toBe(1);
    const wildcard = await load("?q=%25");
    expect(wildcard.total).toBe(0);
  });

  it("filters by entity type and by action text, and offers the types in the log", async () => {
    const types = await load("?entityType=filtertest");
    expect(types.total).toBe(4);
    expect(types.rows.every((r) => r.entityId !== "2")).toBe(true);
    expect(types.entityTypes.map((t) => t.value)).toEqual(expect.arrayContaining(["filtertest", "othertype", "periodtest", "pagingtest"]));

    const action = await load("?action=APPLICATION.&entityType=filtertest");
    expect(action.rows.map((r) => r.action).sort()).toEqual(["application.formalia_checked", "application.submitted"]);
  });

  it("offers the users who appear in the log", async () => {
    const { actors } = await load("");
    expect(actors.map((a) => a.name)).toEqual(["Anna Sagsbehandler", "Bo Kommune"]);
  });

  it("counts the whole 'from' and 'to' days in Copenhagen time", async () => {
    const day = await load("?from=2026-03-10&to=2026-03-10");
    expect(day.rows.map((r) => r.entityId)).toEqual(["last", "first"]);
    const fromOnly = await load("?entityType=periodtest&from=2026-03-10");
    expect(fromOnly.rows.map((r) => r.entityId)).toEqual(["after", "last", "first"]);
    const toOnly = await load("?entityType=periodtest&to=2026-03-09");
    expect(toOnly.rows.map((r) => r.entityId)).toEqual(["before"]);
  });

  it("shows a row whose user no longer exists (LEFT JOIN), with Danish labels and field changes", async () => {
    const { rows } = await load("?entityType=filtertest");
    const gone = rows.find((r) => r.entityId === "4");
    expect(gone).toMatchObject({ who: `Slettet bruger (${goneUserId})`, action: "call.updated", actionLabel: "Opslag ændret" });
    const approved = rows.find((r) => r.action === "application.formalia_checked");
    expect(approved).toMatchObject({ actionLabel: "Formalia kontrolleret" });
    expect(approved!.changes[0]).toMatchObject({ field: "Status", before: "Indsendt" });
  });
});

describe("/admin/audit paging", () => {
  it("shows 50 rows a page, newest first, with the total and page count", async () => {
    const first = await load("?entityType=pagingtest");
    expect(first).toMatchObject({ total: 120, page: 1, pageCount: 3 });
    expect(first.rows).toHaveLength(50);
    expect(first.rows[0].entityId).toBe("120");
    expect(first.rows[49].entityId).toBe("71");

    const third = await load("?entityType=pagingtest&page=3");
    expect(third.rows).toHaveLength(20);
    expect(third.rows.at(-1)?.entityId).toBe("1");

    const pastEnd = await load("?entityType=pagingtest&page=99");
    expect(pastEnd).toMatchObject({ page: 3, pageCount: 3 });
  });

  it("says nothing matched with a total of 0", async () => {
    const none = await load("?entityType=does-not-exist");
    expect(none).toMatchObject({ status: 200, total: 0, rows: [], page: 1, pageCount: 1 });
  });
});

describe("/admin/audit bad input and access", () => {
  it("answers a bad date with a field error (400), not a crash", async () => {
    const bad = await load("?from=2026-02-31&entityType=filtertest");
    expect(bad.status).toBe(400);
    expect(bad.errors).toEqual({ from: "Skriv fra-datoen som en gyldig dato, fx 23.11.2026." });
    expect(bad.values.from).toBe("2026-02-31");
    expect(bad.rows).toEqual([]);

    const reversed = await load("?from=2026-03-11&to=2026-03-10");
    expect(reversed.status).toBe(400);
    expect(reversed.errors.to).toBe("Til-datoen skal være samme dag som fra-datoen eller senere.");

    const badUser = await load("?user=not-a-uuid");
    expect(badUser.status).toBe(400);
    expect(badUser.errors.user).toBeDefined();
  });

  it("is forbidden for caseworkers and municipality users", async () => {
    await expect(load("", anna)).rejects.toMatchObject({ status: 403 });
    await expect(load("", bo)).rejects.toMatchObject({ status: 403 });
  });

  it("sends signed-out visitors to the login page", async () => {
    const request = new Request("http://localhost/admin/audit");
    await expect(loader({ request, params: {}, context: {} })).rejects.toMatchObject({ status: 302 });
  });
});
