// Invitations: admin form → outbox mail with link → single-use acceptance that
// creates the user with the invited role, signs them in; bad input changes nothing.
import { openLink, SECRET_LINK_PLACEHOLDER } from "~/mail/sealed-link.server";
import { and, count, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#db/client";
import { auditLog, emailOutbox, invitations, memberships, users } from "#db/schema";
import { acceptInvitation, createInvitation, findOpenInvitation } from "~/auth/invitations.server";
import { getActor } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { action as usersAction, loader as usersLoader } from "~/routes/admin.users._index";
import { action as inviteAction, loader as inviteLoader } from "~/routes/admin.users.invite";
import { action as acceptAction, loader as acceptLoader } from "~/routes/invitation.$token";
import { createUser, postForm, seedBase, signedInRequest, type TestUser } from "../fixtures";
import { outcome } from "../support/route-result";

let db: Database;
let admin: TestUser;
let caseworker: TestUser;
const NEW_PASSWORD = "en-lang-god-adgangskode";

const invite = async (fields: Record<string, string>, by: TestUser = admin) =>
  outcome(async () => inviteAction({ request: await postForm(db, by, "/admin/users/invite", fields), params: {}, context: {} }));

async function tokenFromOutbox(to: string) {
  const rows = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, to)).orderBy(sql`${emailOutbox.id} desc`).limit(1);
  // The link is sealed in the outbox, never in the body: opened here as the dispatcher would.
  const match = /\/invitation\/([A-Za-z0-9_-]{20,})$/.exec(openLink(rows[0]?.sealedLink ?? "") ?? "");
  return match?.[1] ?? null;
}

function accept(token: string, password = NEW_PASSWORD, confirm = password) {
  const body = new FormData();
  body.set("password", password);
  body.set("confirmPassword", confirm);
  const request = new Request(`http://localhost/invitation/${token}`, { method: "POST", body });
  return outcome(() => acceptAction({ request, params: { token }, context: {} }));
}

const invitationCount = async () => Number((await db.select({ n: count() }).from(invitations))[0].n);

beforeAll(async () => {
  db = await getDb();
  await seedBase(db);
  admin = await createUser(db, "admin", { name: "Ada Admin" });
  caseworker = await createUser(db, "caseworker");
});

describe("invite and accept", () => {
  it("mails a link that sets the password once and creates the user with the invited role", async () => {
    const sent = await invite({ name: "Lone Lolland", email: "Lone@Lolland.dk", role: "municipality", municipalityCode: "0360", agency: "" });
    expect(sent).toMatchObject({ status: 302 });
    expect(sent.headers.get("location")).toBe("/admin/users?invited=1");

    const [mail] = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, "lone@lolland.dk"));
    expect(mail.template).toBe("invitation");
    expect(openLink(mail.sealedLink!)).toMatch(/^http:\/\/localhost:\d+\/invitation\/[A-Za-z0-9_-]{43}$/);
    expect(mail.textBody).toContain(SECRET_LINK_PLACEHOLDER);
    expect(mail.textBody + mail.htmlBody).not.toMatch(/\/invitation\/[A-Za-z0-9_-]{20,}/);
    // The role in words and the organisation named once (not "som Kommune for Lolland Kommune").
    expect(mail.textBody).toContain("Du er inviteret til Puljeportal som medarbejder i Lolland Kommune.");
    const token = (await tokenFromOutbox("lone@lolland.dk"))!;
    // Only the hash is stored.
    expect(await db.select().from(invitations).where(eq(invitations.tokenHash, token))).toHaveLength(0);
    const [audited] = await db.select().from(auditLog).where(eq(auditLog.action, "invitation.created"));
    expect(audited).toMatchObject({ actorUserId: admin.userId, entityType: "invitation" });

    const page = await outcome(() => acceptLoader({ request: new Request(`http://localhost/invitation/${token}`), params: { token }, context: {} }));
    expect(page.data).toMatchObject({ valid: true, invitation: { name: "Lone Lolland", email: "lone@lolland.dk", role: "Kommune" } });

    const first = await accept(token);
    expect(first.status).toBe(302);
    expect(first.headers.get("location")).toBe("/");
    const cookie = first.headers.get("set-cookie")!.split(";")[0];
    const actor = await getActor(new Request("http://localhost/", { headers: { cookie } }));
    expect(actor).toMatchObject({ email: "lone@lolland.dk", name: "Lone Lolland", role: "municipality", municipalityCode: "0360" });
    const [membership] = await db.select().from(memberships).where(eq(memberships.userId, actor!.userId));
    expect(membership).toMatchObject({ role: "municipality", municipalityCode: "0360", agencyId: null });
    expect(await db.select().from(auditLog).where(and(eq(auditLog.action, "invitation.accepted"), eq(auditLog.entityId, actor!.userId)))).toHaveLength(1);

    const second = await accept(token, "en-anden-adgangskode-99");
    expect(second.status).toBe(410);
    expect(second.data).toEqual({ valid: false });
    const again = await outcome(() => acceptLoader({ request: new Request("http://localhost/"), params: { token }, context: {} }));
    expect(again.status).toBe(410);
    expect(await db.select().from(users).where(sql`lower(${users.email}) = 'lone@lolland.dk'`)).toHaveLength(1);
  });

  it("gives an advisor the chosen agency and ministry staff the ministry automatically", async () => {
    await invite({ name: "Rita Rådgiver", email: "rita@ast.dk", role: "advisor", municipalityCode: "", agency: "ast" });
    await invite({ name: "Sara Sagsbehandler", email: "sara@sm.dk", role: "caseworker", municipalityCode: "", agency: "" });
    const rita = (await findOpenInvitation(db, (await tokenFromOutbox("rita@ast.dk"))!))!;
    const sara = (await findOpenInvitation(db, (await tokenFromOutbox("sara@sm.dk"))!))!;
    expect(rita).toMatchObject({ role: "advisor", agencyName: "Ankestyrelsen" });
    expect(sara).toMatchObject({ role: "caseworker", agencyName: "Social- og Boligministeriet" });
  });

  it("refuses an expired link (8 days later) and an unknown token", async () => {
    const created = await createInvitation(db, admin, { name: "Ole Udløbet", email: "ole@faxe.dk", role: "municipality", municipalityCode: "0320" });
    expect(created.ok).toBe(true);
    const token = (await tokenFromOutbox("ole@faxe.dk"))!;
    const later = new Date(Date.now() + 8 * 24 * 60 * 60 * 1000);
    expect(await findOpenInvitation(db, token, later)).toBeNull();
    expect(await acceptInvitation(db, token, NEW_PASSWORD, new Request("http://localhost/"), later)).toEqual({ ok: false });
    expect(await db.select().from(users).where(eq(users.email, "ole@faxe.dk"))).toHaveLength(0);
    expect((await accept("ukendt-token-der-ikke-findes-aaaaaaaaaaaaaaaaa")).status).toBe(410);
  });

  it("lets only one of two concurrent accepts through", async () => {
    await invite({ name: "Kaj Kapløb", email: "kaj@billund.dk", role: "municipality", municipalityCode: "0530", agency: "" });
    const token = (await tokenFromOutbox("kaj@billund.dk"))!;
    const results = await Promise.all([
      acceptInvitation(db, token, NEW_PASSWORD, new Request("http://localhost/")),
      acceptInvitation(db, token, NEW_PASSWORD, new Request("http://localhost/")),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await db.select().from(users).where(eq(users.email, "kaj@billund.dk"))).toHaveLength(1);
  });

  it("asks for matching passwords of at least 12 characters and keeps the link usable", async () => {
    await invite({ name: "Pia Password", email: "pia@struer.dk", role: "municipality", municipalityCode: "0671", agency: "" });
    const token = (await tokenFromOutbox("pia@struer.dk"))!;
    const short = await accept(token, "kort");
    expect(short.status).toBe(400);
    expect(short.data!.errors.password).toBe("Adgangskoden skal være mindst 12 tegn.");
    expect(short.data!.values).not.toHaveProperty("password");
    const mismatch = await accept(token, NEW_PASSWORD, NEW_PASSWORD + "x");
    expect(mismatch.data!.errors.confirmPassword).toBe("De to adgangskoder er ikke ens.");
    expect(await findOpenInvitation(db, token)).not.toBeNull();
  });
});

describe("invite rules", () => {
  it("refuses an e-mail that already has an active user, next to the field", async () => {
    const before = await invitationCount();
    const result = await invite({ name: "Igen", email: caseworker.email.toUpperCase(), role: "caseworker", municipalityCode: "", agency: "" });
    expect(result.status).toBe(409);
    expect(result.data!.errors.email).toBe("Der findes allerede en aktiv bruger med denne e-mailadresse.");
    expect(result.data!.values).toMatchObject({ name: "Igen" });
    expect(await invitationCount()).toBe(before);
  });

  it("revokes the earlier open invitation when the same e-mail is invited again", async () => {
    await invite({ name: "Dorte Dobbelt", email: "dorte@samsoe.dk", role: "municipality", municipalityCode: "0741", agency: "" });
    const first = (await tokenFromOutbox("dorte@samsoe.dk"))!;
    await invite({ name: "Dorte Dobbelt", email: "DORTE@samsoe.dk", role: "municipality", municipalityCode: "0741", agency: "" });
    const second = (await tokenFromOutbox("dorte@samsoe.dk"))!;
    expect(second).not.toBe(first);
    expect(await findOpenInvitation(db, first)).toBeNull();
    expect(await findOpenInvitation(db, second)).not.toBeNull();
  });

  it.each([
    ["empty fields", { name: "", email: "", role: "", municipalityCode: "", agency: "" }, ["name", "email", "role"]],
    ["a too long name", { name: "x".repeat(201), email: "a@b.dk", role: "caseworker", municipalityCode: "", agency: "" }, ["name"]],
    ["a malformed e-mail", { name: "Navn", email: "ikke-en-mail", role: "caseworker", municipalityCode: "", agency: "" }, ["email"]],
    ["a 1 MB name", { name: "a".repeat(1024 * 1024), email: "a@b.dk", role: "caseworker", municipalityCode: "", agency: "" }, ["name"]],
    ["a CPR number in the name", { name: "Barn 010203-1234", email: "a@b.dk", role: "caseworker", municipalityCode: "", agency: "" }, ["name"]],
    ["a municipality user without municipality", { name: "Navn", email: "a@b.dk", role: "municipality", municipalityCode: "", agency: "" }, ["municipalityCode"]],
    ["an advisor without agency", { name: "Navn", email: "a@b.dk", role: "advisor", municipalityCode: "", agency: "" }, ["agency"]],
    ["an unknown role", { name: "Navn", email: "a@b.dk", role: "superuser", municipalityCode: "", agency: "" }, ["role"]],
    ["an extra field", { name: "Navn", email: "a@b.dk", role: "caseworker", municipalityCode: "", agency: "", invitedBy: "x" }, ["form"]],
  ])("refuses %s with Danish field errors and no new invitation", async (_label, fields, errorFields) => {
    const before = await invitationCount();
    const mailsBefore = (await db.select({ n: count() }).from(emailOutbox))[0].n;
    const result = await invite(fields);
    expect(result.status).toBe(400);
    expect(Object.keys(result.data!.errors).sort()).toEqual([...errorFields].sort());
    for (const message of Object.values(result.data!.errors)) expect(message).toMatch(/[a-zæøå]/i);
    if (fields.name.length < 1000) expect(result.data!.values.name).toBe(fields.name);
    expect(await invitationCount()).toBe(before);
    expect((await db.select({ n: count() }).from(emailOutbox))[0].n).toBe(mailsBefore);
  });

  it("shows a CPR number refusal and empty fields in Danish", async () => {
    const cpr = await invite({ name: "Barn 010203-1234", email: "a@b.dk", role: "caseworker", municipalityCode: "", agency: "" });
    expect(cpr.data!.errors.name).toMatch(/CPR-nummer/);
    const empty = await invite({ name: "", email: "", role: "", municipalityCode: "", agency: "" });
    expect(empty.data!.errors).toMatchObject({ name: "Udfyld navnet.", email: "Udfyld e-mailadressen.", role: "Vælg en rolle fra listen." });
  });

  it("refuses an unknown municipality code", async () => {
    const result = await invite({ name: "Navn", email: "ukendt-kommune@b.dk", role: "municipality", municipalityCode: "9999", agency: "" });
    expect(result.status).toBe(409);
    expect(result.data!.errors.municipalityCode).toBe("Vælg en kommune fra listen.");
  });
});

describe("revoking and access", () => {
  it("revokes an open invitation after confirmation, audited, and the link dies", async () => {
    await invite({ name: "Tove Tilbage", email: "tove@toender.dk", role: "municipality", municipalityCode: "0550", agency: "" });
    const token = (await tokenFromOutbox("tove@toender.dk"))!;
    const open = (await findOpenInvitation(db, token))!;
    const confirm = await outcome(async () =>
      usersLoader({ request: await signedInRequest(db, admin, `/admin/users?revoke=${open.id}`), params: {}, context: {} }),
    );
    expect(confirm.data!.toRevoke).toMatchObject({ id: open.id, email: "tove@toender.dk" });
    expect(confirm.data!.invitations.some((i: { id: number }) => i.id === open.id)).toBe(true);

    const revoke = () => outcome(async () =>
      usersAction({ request: await postForm(db, admin, "/admin/users", { intent: "revoke-invitation", invitationId: String(open.id) }), params: {}, context: {} }),
    );
    expect((await revoke()).status).toBe(302);
    expect(await findOpenInvitation(db, token)).toBeNull();
    expect((await accept(token)).status).toBe(410);
    expect(await db.select().from(auditLog).where(and(eq(auditLog.action, "invitation.revoked"), eq(auditLog.entityId, String(open.id))))).toHaveLength(1);
    expect((await revoke()).status).toBe(404);
  });

  it("gives a caseworker 403 on the users pages and the invite form", async () => {
    const calls = [
      async () => usersLoader({ request: await signedInRequest(db, caseworker, "/admin/users"), params: {}, context: {} }),
      async () => usersAction({ request: await postForm(db, caseworker, "/admin/users", { intent: "revoke-invitation", invitationId: "1" }), params: {}, context: {} }),
      async () => inviteLoader({ request: await signedInRequest(db, caseworker, "/admin/users/invite"), params: {}, context: {} }),
      async () => inviteAction({ request: await postForm(db, caseworker, "/admin/users/invite", { name: "X", email: "x@y.dk", role: "admin", municipalityCode: "", agency: "" }), params: {}, context: {} }),
    ];
    const before = await invitationCount();
    for (const call of calls) expect((await outcome(call)).status).toBe(403);
    expect(await invitationCount()).toBe(before);
  });
});
