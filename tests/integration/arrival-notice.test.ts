// Issue 14: the ministry hears of arriving applications — the call's caseworkers (or all
// caseworkers) at once through the outbox, or digest users once a day.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "#db/client";
import { applications, auditLog, emailAttachments, callCaseworkers, emailOutbox, noticeDigests, users } from "#db/schema";
import { sendNoticeDigests } from "~/domain/applications/arrival-notice.server";
import { startApplication, submitApplication } from "~/domain/applications/commands.server";
import { reopenForCorrection } from "~/domain/assessment/commands.server";
import { getDb } from "~/db.server";
import { action as accountAction, loader as accountLoader } from "~/routes/account";
import { createUser, postForm, signedInRequest, type TestUser } from "../fixtures";
import { getTestDb } from "../setup/setup-test-env";
import { outcome } from "../support/route-result";
import { completeForm, makeCall } from "./application-helpers";

let db: Database;
beforeAll(async () => {
  db = await getDb();
});

async function submit(user: TestUser, callId: number, categoryIds: number[], at: Date) {
  const started = await startApplication(db, user, callId);
  if (!started.ok) throw new Error(started.message);
  const res = await submitApplication(db, user, { id: started.value.id, version: 1, values: completeForm(categoryIds), confirmed: true }, at);
  if (!res.ok) throw new Error(JSON.stringify(res));
  return started.value.id;
}

async function clearOutbox() {
  await db.delete(emailAttachments);
  await db.delete(emailOutbox);
}

const mailsTo = async (template: string) =>
  (await db.select().from(emailOutbox).where(eq(emailOutbox.template, template))).map((m) => m.toAddress).sort();

const setMode = (u: TestUser, mode: "immediate" | "daily") =>
  db.update(users).set({ applicationNotice: mode }).where(eq(users.id, u.userId));

describe("notice when an application arrives", () => {
  it("mails each named caseworker of the call, in the submitting transaction; not digest users, not others", async () => {
    await clearOutbox();
    const { call, categories } = await makeCall(db, { eligible: ["0360"] });
    const named1 = await createUser(db, "caseworker", { email: "anna@sm.dk", name: "Anna Sagsbehandler" });
    const named2 = await createUser(db, "caseworker", { email: "bo@sm.dk" });
    const digest = await createUser(db, "caseworker", { email: "dagligt@sm.dk" });
    await createUser(db, "caseworker", { email: "ikke-paa-opslaget@sm.dk" });
    await setMode(digest, "daily");
    await db.insert(callCaseworkers).values([named1, named2, digest].map((u) => ({ callId: call.id, userId: u.userId })));
    const municipality = await createUser(db, "municipality", { municipalityCode: "0360" });

    const id = await submit(municipality, call.id, categories.map((c) => c.id), new Date());

    expect(await mailsTo("application-arrived")).toEqual(["anna@sm.dk", "bo@sm.dk"]);
    const [mail] = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, "anna@sm.dk"));
    expect(mail.subject).toMatch(/^Ny ansøgning PP-\d{4}-\d{4} fra Lolland Kommune$/);
    expect(mail.textBody).toContain("Kære Anna Sagsbehandler");
    expect(mail.textBody).toContain(`/applications/${id}`);
    expect(mail.htmlBody).toContain(`/applications/${id}"`);
  });

  it("falls back to every active caseworker when the call names none, and notices the resubmission too", async () => {
    await clearOutbox();
    const { call, categories } = await makeCall(db, { eligible: ["0482"] });
    const before = await db.select({ email: users.email }).from(users);
    const extra = await createUser(db, "caseworker", { email: "carl@sm.dk" });
    const disabled = await createUser(db, "caseworker", { email: "stoppet@sm.dk" });
    await db.update(users).set({ status: "disabled" }).where(eq(users.id, disabled.userId));
    const admin = await createUser(db, "admin", { email: "admin-x@sm.dk" });
    const municipality = await createUser(db, "municipality", { municipalityCode: "0482" });

    const id = await submit(municipality, call.id, categories.map((c) => c.id), new Date());
    const expected = ["anna@sm.dk", "bo@sm.dk", "carl@sm.dk", "ikke-paa-opslaget@sm.dk"];
    expect(before.map((u) => u.email)).not.toContain(extra.email);
    expect(await mailsTo("application-arrived")).toEqual(expected);

    // Back for a correction and in again: the caseworkers hear of it once more.
    await clearOutbox();
    const reopened = await reopenForCorrection(db, admin, id, "Budgettet mangler 2024.");
    expect(reopened.ok).toBe(true);
    const [row] = await db.select().from(applications).where(eq(applications.id, id));
    const again = await submitApplication(db, municipality, { id, version: row.version, values: completeForm(categories.map((c) => c.id)), confirmed: true });
    expect(again.ok).toBe(true);
    expect(await mailsTo("application-arrived")).toEqual(expected);
    const [mail] = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, "carl@sm.dk"));
    expect(mail.textBody).toContain("indsendt igen efter rettelse");
  });

  it("a refused submission queues no notice", async () => {
    await clearOutbox();
    const { call } = await makeCall(db, { eligible: ["0360"] });
    const municipality = await createUser(db, "municipality", { municipalityCode: "0360", email: "x@lolland.dk" });
    const started = await startApplication(db, municipality, call.id);
    if (!started.ok) throw new Error(started.message);
    const res = await submitApplication(db, municipality, { id: started.value.id, version: 1, values: {}, confirmed: true });
    expect(res.ok).toBe(false);
    expect(await mailsTo("application-arrived")).toEqual([]);
  });
});

describe("daily digest", () => {
  // 10:00 in Copenhagen on 4 March 2030; "yesterday" is 3 March.
  const runAt = new Date("2030-03-04T09:00:00Z");

  it("lists yesterday's arrivals for each digest user, and a second run sends nothing", async () => {
    await clearOutbox();
    await db.delete(noticeDigests);
    await db.update(users).set({ applicationNotice: "immediate" });
    const { call, categories } = await makeCall(db, { eligible: ["0360", "0482", "0101"] });
    const reader = await createUser(db, "caseworker", { email: "sammendrag@sm.dk", name: "Dorte" });
    const other = await createUser(db, "caseworker", { email: "andet-opslag@sm.dk" });
    await setMode(reader, "daily");
    await setMode(other, "daily");
    await db.insert(callCaseworkers).values({ callId: call.id, userId: reader.userId });
    const ids = [];
    // 00:30 and 23:30 Copenhagen time on 3 March belong to the day; 00:30 on 4 March does not.
    for (const [code, at] of [
      ["0360", "2030-03-02T23:30:00Z"],
      ["0482", "2030-03-03T22:30:00Z"],
      ["0101", "2030-03-03T23:30:00Z"],
    ] as const) {
      const m = await createUser(db, "municipality", { municipalityCode: code });
      ids.push(await submit(m, call.id, categories.map((c) => c.id), new Date(at)));
    }
    // Digest users got no mail per application.
    expect(await mailsTo("application-arrived")).toEqual([]);

    expect(await sendNoticeDigests(db, runAt)).toBe(1);
    expect(await sendNoticeDigests(db, runAt)).toBe(0);

    const digests = await db.select().from(emailOutbox).where(eq(emailOutbox.template, "application-digest"));
    expect(digests.map((d) => d.toAddress)).toEqual(["sammendrag@sm.dk"]);
    expect(digests[0].subject).toBe("Dagligt sammendrag: 2 nye ansøgninger 3. marts 2030");
    expect(digests[0].textBody).toContain(`/applications/${ids[0]}`);
    expect(digests[0].textBody).toContain(`/applications/${ids[1]}`);
    expect(digests[0].textBody).not.toContain(`/applications/${ids[2]}`);
    expect(digests[0].textBody).toContain("Lolland Kommune");
    const claims = await db.select().from(noticeDigests).where(eq(noticeDigests.userId, reader.userId));
    expect(claims).toEqual([expect.objectContaining({ day: "2030-03-03", applicationCount: 2 })]);
    // The user on no call of these applications is not written to.
    expect(await db.select().from(noticeDigests).where(eq(noticeDigests.userId, other.userId))).toEqual([]);
  });

  it("two concurrent runs (on the real server: two connection pools, like two app processes) send each digest once", async () => {
    await clearOutbox();
    await db.delete(noticeDigests);
    const testDb = await getTestDb();
    const second = testDb.url ? await openDatabase({ databaseUrl: testDb.url, maxConnections: 3 }) : undefined;
    try {
      const runs = await Promise.all([
        sendNoticeDigests(db, runAt),
        sendNoticeDigests(second?.db ?? db, runAt),
        sendNoticeDigests(second?.db ?? db, runAt),
        sendNoticeDigests(db, runAt),
      ]);
      expect(runs.reduce((a, b) => a + b, 0)).toBe(1);
    } finally {
      await second?.close();
    }
    expect(await mailsTo("application-digest")).toEqual(["sammendrag@sm.dk"]);
  });
});

describe("the setting on /account", () => {
  it("a caseworker chooses the daily digest (audited) and back", async () => {
    const me = await createUser(db, "caseworker");
    const page = (await accountLoader({ request: await signedInRequest(db, me, "/account"), params: {}, context: {} })) as {
      applicationNotice: string | null;
    };
    expect(page.applicationNotice).toBe("immediate");

    const post = (mode: string) =>
      outcome(async () =>
        accountAction({ request: await postForm(db, me, "/account", { intent: "application-notice", applicationNotice: mode }), params: {}, context: {} }),
      );
    const saved = await post("daily");
    expect(saved.status).toBe(302);
    expect(saved.headers.get("location")).toBe("/account?notice=1");
    const [row] = await db.select({ mode: users.applicationNotice }).from(users).where(eq(users.id, me.userId));
    expect(row.mode).toBe("daily");
    const trail = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, me.userId), eq(auditLog.action, "user.application_notice_changed")));
    expect(trail).toHaveLength(1);
    expect(trail[0].before).toEqual({ applicationNotice: "immediate" });
    expect(trail[0].after).toEqual({ applicationNotice: "daily" });

    expect((await post("hver-time")).status).toBe(400);
    expect((await post("immediate")).status).toBe(302);
    const [back] = await db.select({ mode: users.applicationNotice }).from(users).where(eq(users.id, me.userId));
    expect(back.mode).toBe("immediate");
  });

  it("is refused for a municipality user and not shown to them", async () => {
    const me = await createUser(db, "municipality", { municipalityCode: "0360" });
    const page = (await accountLoader({ request: await signedInRequest(db, me, "/account"), params: {}, context: {} })) as {
      applicationNotice: string | null;
    };
    expect(page.applicationNotice).toBeNull();
    const res = await outcome(async () =>
      accountAction({ request: await postForm(db, me, "/account", { intent: "application-notice", applicationNotice: "daily" }), params: {}, context: {} }),
    );
    expect(res.status).toBe(403);
    const [row] = await db.select({ mode: users.applicationNotice }).from(users).where(eq(users.id, me.userId));
    expect(row.mode).toBe("immediate");
    const trail = await db.select().from(auditLog).where(eq(auditLog.action, "user.application_notice_changed"));
    expect(trail.map((t) => t.entityId)).not.toContain(me.userId);
  });
});
