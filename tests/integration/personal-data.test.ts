// Personal data (issue 15): the list of what is held, one person's export, and erasure on
// request — the user pseudonymised and unable to sign in, their contact fields on
// applications replaced, the e-mail and name gone from every table but the append-only
// audit trail, which stays exactly as it was plus one row that names only the user id.
import { asc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { rowsOf, type Database } from "#db/client";
import { applications, auditLog, emailOutbox, loginAttempts, sessions, userIdentities, users } from "#db/schema";
import { erasePerson, exportPerson, listPersonalData, PERSONAL_DATA } from "~/auth/personal-data.server";
import { attemptLogin } from "~/auth/login.server";
import { getActor } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { audit } from "~/utils/audit.server";
import { createUser, signedInRequest, type TestUser } from "../fixtures";
import { makeCall } from "./application-helpers";

const EMAIL = "Mette.Hansen@Lolland.dk";
const NAME = "Mette Hansen";
let db: Database;
let mette: TestUser;
let other: TestUser;
let applicationId: number;
let otherApplicationId: number;

/** Every row of every table as text, with the tables it is found in. */
async function tablesHolding(needle: string): Promise<string[]> {
  const tables = rowsOf<{ name: string }>(
    await db.execute(sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`),
  ).map((t) => t.name);
  const found: string[] = [];
  for (const t of tables) {
    const [row] = rowsOf<{ n: number | string }>(
      await db.execute(sql`select count(*) as n from ${sql.identifier(t)} x where lower(x::text) like ${`%${needle.toLowerCase()}%`}`),
    );
    if (Number(row.n) > 0) found.push(t);
  }
  return found.sort();
}

beforeAll(async () => {
  db = await getDb();
  const { call } = await makeCall(db);
  mette = await createUser(db, "municipality", { email: EMAIL.toLowerCase(), name: NAME, municipalityCode: "0360" });
  other = await createUser(db, "municipality", { email: "lars@lolland.dk", name: "Lars Jensen", municipalityCode: "0360" });
  const [app] = await db
    .insert(applications)
    .values({
      callId: call.id,
      municipalityCode: "0360",
      contactName: NAME,
      contactEmail: EMAIL,
      contactPhone: "54 67 67 67",
      signatoryName: NAME,
      signatoryTitle: "Børne- og familiechef",
      createdBy: mette.userId,
    })
    .returning();
  applicationId = app.id;
  const [otherApp] = await db
    .insert(applications)
    .values({ callId: call.id, municipalityCode: "0482", contactName: "Lars Jensen", contactEmail: "lars@lolland.dk", signatoryName: "Lars Jensen" })
    .returning();
  otherApplicationId = otherApp.id;
  await signedInRequest(db, mette, "/");
  await db.insert(userIdentities).values({ provider: "saml:https://nemlog-in.dk", subject: "urn:uuid:mette", userId: mette.userId });
  await db.insert(loginAttempts).values({ email: EMAIL.toLowerCase(), succeeded: false, ip: "10.0.0.1" });
  await db.insert(emailOutbox).values({
    messageId: "<m1@test>",
    template: "receipt",
    toAddress: EMAIL.toLowerCase(),
    subject: `Kvittering til ${NAME}`,
    textBody: `Kære ${NAME}`,
    htmlBody: `<p>Kære ${NAME}</p>`,
    status: "sent",
  });
  // The trail as it stands: the user acted, and was the subject of an entry that copies her e-mail.
  await db.transaction((tx) => audit(tx, mette, { action: "application.saved", entityType: "application", entityId: applicationId }));
  await db.transaction((tx) =>
    audit(tx, { userId: null, role: "system", requestId: "t" }, { action: "invitation.accepted", entityType: "user", entityId: mette.userId, after: { email: EMAIL } }),
  );
});

describe("personal data", () => {
  it("lists every table that holds personal data, with row counts", async () => {
    const list = await listPersonalData(db);
    expect(list.map((r) => r.table)).toEqual(PERSONAL_DATA.map((p) => p.table));
    expect(list.find((r) => r.table === "users")!.rows).toBe(2);
    expect(list.find((r) => r.table === "applications")!.rows).toBe(2);
    // Every table with a name, e-mail, phone, address or free-text column is on the list.
    const columns = rowsOf<{ table_name: string; column_name: string }>(
      await db.execute(sql`select table_name, column_name from information_schema.columns where table_schema = 'public'
        and (column_name ~ '(name|email|phone|address|ip|user_agent|body|note|subject)$' or column_name in ('before', 'after'))`),
      // Reference data, the ministry's own texts about calls and need indices, job names, programme templates and focus areas: no persons.
    ).filter((c) => !["municipalities", "agencies", "pools", "calls", "call_cost_categories", "call_criteria", "need_index_entries", "job_runs", "programme_templates", "focus_areas"].includes(c.table_name));
    const listed = new Set(PERSONAL_DATA.map((p) => p.table));
    expect(columns.filter((c) => !listed.has(c.table_name as never)).map((c) => `${c.table_name}.${c.column_name}`)).toEqual([]);
  });

  it("exports everything about one person, whatever the case of the e-mail", async () => {
    const data = await exportPerson(db, "METTE.hansen@lolland.DK");
    expect(data.user).toMatchObject({ id: mette.userId, name: NAME, email: EMAIL.toLowerCase() });
    expect(JSON.stringify(data)).not.toMatch(/\$argon2|password_?hash/i);
    expect(data.memberships).toHaveLength(1);
    expect(data.sessions.length).toBeGreaterThan(0);
    expect(data.identities).toHaveLength(1);
    expect(data.loginAttempts).toHaveLength(1);
    expect(data.applicationsAsContact.map((a) => a.id)).toEqual([applicationId]);
    expect(data.applicationsWorkedOn.map((a) => a.id)).toEqual([applicationId]);
    expect(data.mails).toHaveLength(1);
    expect(data.auditTrail.map((a) => a.action)).toEqual(["application.saved", "invitation.accepted"]);
  });

  it("erases: pseudonymised, signed out for good, contact fields replaced, nowhere but the audit trail; the trail unchanged plus one row", async () => {
    const trailBefore = await db.select().from(auditLog).orderBy(asc(auditLog.id));
    const request = await signedInRequest(db, mette, "/");
    expect(await getActor(request)).not.toBeNull();

    const result = await erasePerson(db, EMAIL);
    expect(result).toMatchObject({ ok: true, userId: mette.userId, applications: 1, mails: 1 });

    const [row] = await db.select().from(users).where(eq(users.id, mette.userId));
    expect(row.name).toBe(`Slettet bruger ${mette.userId.slice(0, 8)}`);
    expect(row.email).toBe(`slettet-${mette.userId}@slettet.invalid`);
    expect(row).toMatchObject({ passwordHash: null, status: "disabled" });
    expect(await db.select().from(sessions).where(eq(sessions.userId, mette.userId))).toEqual([]);
    expect(await db.select().from(userIdentities).where(eq(userIdentities.userId, mette.userId))).toEqual([]);
    expect(await getActor(request)).toBeNull();

    const [app] = await db.select().from(applications).where(eq(applications.id, applicationId));
    expect(app).toMatchObject({ contactName: "Slettet kontaktperson", contactEmail: "", contactPhone: "", signatoryName: "Slettet kontaktperson" });
    // Someone else's application is untouched.
    const [otherApp] = await db.select().from(applications).where(eq(applications.id, otherApplicationId));
    expect(otherApp).toMatchObject({ contactName: "Lars Jensen", contactEmail: "lars@lolland.dk" });
    expect((await db.select().from(users).where(eq(users.id, other.userId)))[0].name).toBe("Lars Jensen");

    // The e-mail and the name are gone from every table except the append-only trail's old copies.
    expect(await tablesHolding(EMAIL)).toEqual(["audit_log"]);
    expect(await tablesHolding(NAME)).toEqual([]);
    // Signing in with the old e-mail and password gets nowhere.
    expect((await attemptLogin(EMAIL, mette.password, new Request("http://localhost/login", { method: "POST" }))).ok).toBe(false);

    const trailAfter = await db.select().from(auditLog).orderBy(asc(auditLog.id));
    expect(trailAfter.slice(0, trailBefore.length)).toEqual(trailBefore);
    expect(trailAfter).toHaveLength(trailBefore.length + 1);
    const erased = trailAfter.at(-1)!;
    expect(erased).toMatchObject({ action: "user.erased", entityType: "user", entityId: mette.userId, actorRole: "system" });
    expect(JSON.stringify(erased)).not.toMatch(/mette|hansen/i);
    // The trail names the actor by id: shown through the users row, it now reads as the pseudonym.
    const shown = await db
      .select({ action: auditLog.action, actor: users.name })
      .from(auditLog)
      .innerJoin(users, eq(users.id, auditLog.actorUserId))
      .where(eq(auditLog.actorUserId, mette.userId));
    expect(shown).toEqual([{ action: "application.saved", actor: `Slettet bruger ${mette.userId.slice(0, 8)}` }]);
  });

  it("answers a person it does not know without changing anything", async () => {
    const before = await db.select().from(auditLog);
    expect(await erasePerson(db, "ukendt@kommune.dk")).toEqual({ ok: false, message: "Ingen personoplysninger fundet for ukendt@kommune.dk." });
    expect(await db.select().from(auditLog)).toHaveLength(before.length);
  });
});
