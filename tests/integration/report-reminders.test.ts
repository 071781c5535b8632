// Report reminders (issue 18): the daily job mails the municipality's active users 14 and 3
// days before a report's due date and the day after it was missed, through the outbox,
// audited, never twice for the same due date and kind (report_reminders is the claim): a
// rerun, a later day and two runs at once send once. Nothing once the report is submitted,
// nothing for another municipality's users, nothing while an admin has paused the grant.
import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#db/client";
import { auditLog, emailOutbox, grants, reportReminders, users } from "#db/schema";
import { getDb } from "~/db.server";
import { remindReports, reminderSchedule, setReportRemindersPaused } from "~/domain/reports/reminders.server";
import { reportRemindersJob } from "~/jobs/registry.server";
import { createJobRunner } from "~/jobs/runner.server";
import { copenhagenInstant } from "~/utils/dates";
import { action as remindersAction, loader as remindersLoader } from "~/routes/reports.reminders";
import { createUser, postForm, signedInRequest, type TestUser } from "../fixtures";
import { settle } from "../support/route-result";
import { makeAssessmentCall } from "./assessment-fixtures";
import { makeReportingGrant, setReportStatus } from "./reminder-fixtures";

let db: Database;
let admin: TestUser;
let caseworker: TestUser;
let lolland: TestUser[];
let faxe: TestUser;
let lollandGrant: { id: number; poolId: number; municipalityCode: string };
let faxeGrant: { id: number; poolId: number; municipalityCode: string };
let lollandDue: number[];
let faxeDue: number[];

const at = (date: string, time = "07:00") => copenhagenInstant(date, time);
const mails = async () =>
  (await db.select().from(emailOutbox).where(eq(emailOutbox.template, "report-reminder"))).map((m) => ({ to: m.toAddress, subject: m.subject, text: m.textBody }));
const claims = async (dueDateIds: number[]) =>
  (await db.select().from(reportReminders).where(inArray(reportReminders.dueDateId, dueDateIds))).map((r) => `${r.dueDateId}/${r.kind}`).sort();
async function runJobAt(now: Date) {
  const runner = createJobRunner({ db, jobs: [reportRemindersJob], clock: () => now, now: async () => now });
  return runner.runOnce();
}

beforeAll(async () => {
  db = await getDb();
  const { call } = await makeAssessmentCall(db);
  admin = await createUser(db, "admin");
  caseworker = await createUser(db, "caseworker");
  lolland = [
    await createUser(db, "municipality", { municipalityCode: "0360", name: "Lise Lolland" }),
    await createUser(db, "municipality", { municipalityCode: "0360", name: "Lars Lolland" }),
  ];
  const gone = await createUser(db, "municipality", { municipalityCode: "0360" });
  await db.update(users).set({ status: "disabled" }).where(eq(users.id, gone.userId));
  faxe = await createUser(db, "municipality", { municipalityCode: "0320", name: "Frida Faxe" });
  const l = await makeReportingGrant(db, call.id, "0360", [
    { dueOn: "2024-06-30", label: "1. statusrapport" },
    { dueOn: "2024-12-31", label: "2. statusrapport" },
  ]);
  lollandGrant = l.grant;
  lollandDue = l.dueDateIds;
  const f = await makeReportingGrant(db, call.id, "0320", [{ dueOn: "2024-06-30", label: "1. statusrapport" }]);
  faxeGrant = f.grant;
  faxeDue = f.dueDateIds;
}, 60_000);

describe("report reminders", () => {
  it("sends nothing more than 14 days before the due date", async () => {
    expect(await db.transaction((tx) => remindReports(tx, at("2024-06-15", "23:30")))).toEqual({ reminded: 0, mails: 0 });
    expect(await claims([...lollandDue, ...faxeDue])).toEqual([]);
  });

  it("mails the municipality's active users 14 days before, once however often the job runs", async () => {
    // 16 June 00:30 in Copenhagen is still 15 June in UTC: the Copenhagen day counts.
    expect((await runJobAt(at("2024-06-16", "00:30"))).map((r) => r.outcome)).toEqual(["done"]);
    let sent = await mails();
    expect(sent.map((m) => m.to).sort()).toEqual([...lolland.map((u) => u.email), faxe.email].sort());
    const toLise = sent.find((m) => m.to === lolland[0]!.email)!;
    expect(toLise.subject).toBe("Påmindelse: 1. statusrapport skal indsendes senest 30.06.2024");
    expect(toLise.text).toContain("Kære Lise Lolland");
    expect(toLise.text).toContain("Om 14 dage – senest 30.06.2024 – skal Lolland Kommune indsende");
    expect(toLise.text).toContain(`/grants/${lollandGrant.id}`);
    expect(sent.some((m) => m.to === faxe.email && m.text.includes("Faxe Kommune"))).toBe(true);

    // The same key again: the runner does nothing; the work again and later days: the claim holds.
    expect(await runJobAt(at("2024-06-16", "12:00"))).toEqual([]);
    expect(await db.transaction((tx) => remindReports(tx, at("2024-06-16", "13:00")))).toEqual({ reminded: 0, mails: 0 });
    expect((await runJobAt(at("2024-06-17"))).map((r) => r.outcome)).toEqual(["done"]);
    sent = await mails();
    expect(sent).toHaveLength(3);
    expect(await claims(lollandDue)).toEqual([`${lollandDue[0]}/before_14`]);
    const [claim] = await db.select().from(reportReminders).where(eq(reportReminders.dueDateId, lollandDue[0]!));
    expect(claim!.recipients).toBe(2);
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.action, "report.reminded"), eq(auditLog.entityId, String(lollandGrant.id))));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.actorRole).toBe("system");
    expect(audits[0]!.after).toMatchObject({ dueDateId: lollandDue[0], kind: "before_14", dueOn: "2024-06-30" });
  });

  it("stops once the report is submitted: no 3-day and no overdue reminder", async () => {
    await setReportStatus(db, faxeGrant, faxeDue[0]!, "submitted");
    await runJobAt(at("2024-06-27"));
    let sent = await mails();
    expect(sent.filter((m) => m.to === faxe.email)).toHaveLength(1);
    expect(sent.filter((m) => m.subject.startsWith("Påmindelse") && m.text.includes("Om 3 dage")).map((m) => m.to).sort()).toEqual(
      lolland.map((u) => u.email).sort(),
    );
    await runJobAt(at("2024-07-01"));
    sent = await mails();
    expect(sent.filter((m) => m.to === faxe.email)).toHaveLength(1);
    const overdue = sent.filter((m) => m.subject === "Rapporten er ikke modtaget: 1. statusrapport (frist 30.06.2024)");
    expect(overdue.map((m) => m.to).sort()).toEqual(lolland.map((u) => u.email).sort());
    expect(overdue[0]!.text).toContain("Vi har ikke modtaget rapporten");
    expect(await claims(faxeDue)).toEqual([`${faxeDue[0]}/before_14`]);
    expect(await claims(lollandDue)).toEqual([`${lollandDue[0]}/before_14`, `${lollandDue[0]}/before_3`, `${lollandDue[0]}/overdue_1`].sort());
    // Days later: the overdue reminder is not repeated.
    await runJobAt(at("2024-07-20"));
    expect(await mails()).toHaveLength(sent.length);
  });

  it("a report sent back is reminded again only for reminders not yet sent", async () => {
    await setReportStatus(db, faxeGrant, faxeDue[0]!, "sent_back");
    await runJobAt(at("2024-07-21"));
    const toFaxe = (await mails()).filter((m) => m.to === faxe.email);
    expect(toFaxe.map((m) => m.subject)).toEqual([
      "Påmindelse: 1. statusrapport skal indsendes senest 30.06.2024",
      "Rapporten er ikke modtaget: 1. statusrapport (frist 30.06.2024)",
    ]);
  });

  it("sends nothing while an admin has paused the grant's reminders, and again after resuming", async () => {
    expect(await setReportRemindersPaused(db, caseworker, lollandGrant.id, true)).toMatchObject({ ok: false, kind: "refused" });
    expect(await setReportRemindersPaused(db, admin, lollandGrant.id, true)).toMatchObject({ ok: true });
    expect(await setReportRemindersPaused(db, admin, lollandGrant.id, true)).toMatchObject({ ok: false, kind: "conflict" });
    const before = (await mails()).length;
    await runJobAt(at("2024-12-17"));
    await runJobAt(at("2024-12-29"));
    expect(await mails()).toHaveLength(before);
    expect(await claims([lollandDue[1]!])).toEqual([]);
    const schedule = await reminderSchedule(db, "2024-12-29", 1);
    const row = schedule.rows.find((r) => r.dueDateId === lollandDue[1])!;
    expect(row.paused).toBe(true);
    expect(row.reminders.map((r) => r.state.state)).toEqual(["missed", "paused", "paused"]);

    expect(await setReportRemindersPaused(db, admin, lollandGrant.id, false)).toMatchObject({ ok: true });
    await runJobAt(at("2024-12-30"));
    // The 14-day reminder's window passed while paused: only the 3-day one goes out.
    expect(await claims([lollandDue[1]!])).toEqual([`${lollandDue[1]}/before_3`]);
    const [g] = await db.select().from(grants).where(eq(grants.id, lollandGrant.id));
    expect(g!.reportRemindersPausedAt).toBeNull();
    const trail = await db.select().from(auditLog).where(and(eq(auditLog.entityType, "grant"), eq(auditLog.entityId, String(lollandGrant.id))));
    expect(trail.map((a) => a.action).filter((a) => a.startsWith("report.reminders_"))).toEqual(["report.reminders_paused", "report.reminders_resumed"]);
  });

  it("two runs at once send each reminder once (on PostgreSQL on two connections)", async () => {
    const { call } = await makeAssessmentCall(db, { title: "Samtidige kørsler" });
    const samsoe = await createUser(db, "municipality", { municipalityCode: "0741" });
    const s = await makeReportingGrant(db, call.id, "0741", [
      { dueOn: "2025-03-31", label: "A" },
      { dueOn: "2025-04-02", label: "B" }, // 4 days: still the 14-day reminder
      { dueOn: "2025-04-10", label: "C" },
    ]);
    const now = at("2025-03-29");
    const results = await Promise.all([
      db.transaction((tx) => remindReports(tx, now)),
      db.transaction((tx) => remindReports(tx, now)),
      createJobRunner({ db, jobs: [reportRemindersJob], clock: () => now, now: async () => now }).runOnce(),
    ]);
    expect(await claims(s.dueDateIds)).toEqual([`${s.dueDateIds[0]}/before_3`, `${s.dueDateIds[1]}/before_14`, `${s.dueDateIds[2]}/before_14`].sort());
    const toSamsoe = (await mails()).filter((m) => m.to === samsoe.email);
    expect(toSamsoe).toHaveLength(3);
    expect(results[2].map((r) => r.outcome)).toEqual(["done"]);
  });
});

describe("the admin's reminder schedule page", () => {
  const ctx = { params: {}, context: {} } as const;
  it("shows admins the schedule with sent reminders; others are refused", async () => {
    const page = (await remindersLoader({ request: await signedInRequest(db, admin, "/reports/reminders"), ...ctx })) as any;
    const row = page.schedule.rows.find((r: any) => r.dueDateId === lollandDue[0]);
    expect(row).toMatchObject({ municipalityName: "Lolland", reportLabel: "1. statusrapport", dueOn: "30.06.2024" });
    expect(row.reminders.map((r: any) => r.text)).toEqual(["Sendt 16.06.2024 (2 modtagere)", "Sendt 27.06.2024 (2 modtagere)", "Sendt 01.07.2024 (2 modtagere)"]);
    expect(page.grants.map((g: any) => g.grantId)).toContain(lollandGrant.id);
    for (const u of [caseworker, lolland[0]!]) {
      expect(await settle(remindersLoader({ request: await signedInRequest(db, u, "/reports/reminders"), ...ctx }))).toMatchObject({ status: 403 });
      const post = await settle(remindersAction({ request: await postForm(db, u, "/reports/reminders", { intent: "pause", grantId: String(faxeGrant.id) }), ...ctx }));
      expect(post).toMatchObject({ status: 403 });
    }
    expect((await db.select().from(grants).where(eq(grants.id, faxeGrant.id)))[0]!.reportRemindersPausedAt).toBeNull();
  });

  it("pauses and resumes a grant's reminders by form, audited; bad input changes nothing", async () => {
    const bad = (await remindersAction({ request: await postForm(db, admin, "/reports/reminders", { intent: "stop", grantId: "x" }), ...ctx })) as any;
    expect(bad.init.status).toBe(400);
    expect(bad.data.errors.grantId).toBe("Vælg et tilsagn.");
    const done = await settle(remindersAction({ request: await postForm(db, admin, "/reports/reminders", { intent: "pause", grantId: String(faxeGrant.id) }), ...ctx }));
    expect(done).toMatchObject({ status: 302 });
    expect((done as Response).headers.get("Location")).toBe(`/reports/reminders?paused=${faxeGrant.id}`);
    const page = (await remindersLoader({ request: await signedInRequest(db, admin, "/reports/reminders"), ...ctx })) as any;
    expect(page.grants.find((g: any) => g.grantId === faxeGrant.id).paused).toMatch(/^På pause siden /);
    const again = (await remindersAction({ request: await postForm(db, admin, "/reports/reminders", { intent: "pause", grantId: String(faxeGrant.id) }), ...ctx })) as any;
    expect(again.init.status).toBe(409);
    const missing = await settle(remindersAction({ request: await postForm(db, admin, "/reports/reminders", { intent: "resume", grantId: "999999" }), ...ctx }));
    expect(missing).toMatchObject({ status: 404 });
    expect(await settle(remindersAction({ request: await postForm(db, admin, "/reports/reminders", { intent: "resume", grantId: String(faxeGrant.id) }), ...ctx }))).toMatchObject({ status: 302 });
    const trail = await db.select().from(auditLog).where(and(eq(auditLog.entityType, "grant"), eq(auditLog.entityId, String(faxeGrant.id))));
    expect(trail.map((a) => a.action).filter((a) => a.startsWith("report.reminders_"))).toEqual(["report.reminders_paused", "report.reminders_resumed"]);
    expect(trail.find((a) => a.action === "report.reminders_paused")!.actorUserId).toBe(admin.userId);
  });
});
