// Overdue milestones (planned date passed in Copenhagen, not done or cancelled): the daily job
// writes one reminder per milestone and planned date to the programme's advisors through the
// outbox, audited, never twice for the same date (its own key, not the job's daily key); a
// postponed milestone is reminded again only when its new date passes. The ministry's start
// page lists them with links.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#db/client";
import { auditLog, emailOutbox, milestoneReminders, milestones, programmeAdvisors, users } from "#db/schema";
import { loader as startLoader } from "~/routes/_index";
import { getDb } from "~/db.server";
import { remindOverdueMilestones, overdueMilestones } from "~/domain/timeline/reminders.server";
import { milestoneOverdueReminders } from "~/jobs/registry.server";
import { createJobRunner } from "~/jobs/runner.server";
import { copenhagenInstant } from "~/utils/dates";
import { createUser, signedInRequest, type TestUser } from "../fixtures";
import { makeAssessmentCall } from "./assessment-fixtures";
import { makeGrant } from "./grant-fixtures";
import { makeProgramme } from "./timeline-fixtures";

let db: Database;
let a1: TestUser;
let a2: TestUser;
let a3: TestUser;
let ids: Record<"open" | "done" | "cancelled" | "later" | "faxe" | "orphan", number>;
let orphanProgrammeId: number;

const at = (date: string, time = "10:00") => copenhagenInstant(date, time);
const reminderMails = async () =>
  (await db.select().from(emailOutbox).where(eq(emailOutbox.template, "milestone-overdue"))).map((m) => ({ to: m.toAddress, subject: m.subject, text: m.textBody }));
/** The job through the runner, with the application's clock at `now`. */
async function runJobAt(now: Date) {
  const runner = createJobRunner({ db, jobs: [milestoneOverdueReminders], clock: () => now, now: async () => now });
  return runner.runOnce();
}

beforeAll(async () => {
  db = await getDb();
  const { call } = await makeAssessmentCall(db);
  const lolland = (await makeGrant(db, call.id, "0360")).grant;
  const faxe = (await makeGrant(db, call.id, "0320")).grant;
  const samsoe = (await makeGrant(db, call.id, "0741")).grant;
  a1 = await createUser(db, "advisor", { agencySlug: "sbst", name: "Anne Rådgiver" });
  a2 = await createUser(db, "advisor", { agencySlug: "ast", name: "Bo Konsulent" });
  a3 = await createUser(db, "advisor", { agencySlug: "sbst", name: "Carla Faxe" });
  const l = await makeProgramme(db, lolland, {
    advisors: [
      { userId: a1.userId, agency: "sbst" },
      { userId: a2.userId, agency: "ast" },
    ],
    milestones: [
      { title: "Behovsafdækning", plannedOn: "2024-05-01" },
      { title: "Kick-off", plannedOn: "2024-05-01", status: "gennemfoert" },
      { title: "Workshop om børneinddragelse", plannedOn: "2024-04-01", status: "aflyst" },
      { title: "Midtvejsstatus", plannedOn: "2024-06-01", status: "i_gang" },
    ],
  });
  const f = await makeProgramme(db, faxe, {
    advisors: [{ userId: a3.userId, agency: "sbst" }],
    milestones: [{ title: "Sagsgennemgang af udvalgte sager", plannedOn: "2024-05-09", status: "i_gang" }],
  });
  const o = await makeProgramme(db, samsoe, { milestones: [{ title: "Ledelsestilsyn", plannedOn: "2024-05-02" }] });
  orphanProgrammeId = o.programme.id;
  ids = {
    open: l.milestones[0]!.id,
    done: l.milestones[1]!.id,
    cancelled: l.milestones[2]!.id,
    later: l.milestones[3]!.id,
    faxe: f.milestones[0]!.id,
    orphan: o.milestones[0]!.id,
  };
}, 60_000);

describe("overdue milestone reminders", () => {
  it("turns overdue at midnight in Copenhagen, not in UTC", async () => {
    // 1 May 2024 23:30 in Copenhagen is 21:30 UTC: the planned day has not passed yet.
    expect(await db.transaction((tx) => remindOverdueMilestones(tx, at("2024-05-01", "23:30")))).toEqual({ reminded: 0, mails: 0 });
    expect(await db.select().from(milestoneReminders)).toEqual([]);
  });

  it("mails each assigned advisor once per overdue milestone when the job runs, twice or on later days", async () => {
    const first = await runJobAt(at("2024-05-10"));
    expect(first.map((r) => r.outcome)).toEqual(["done"]);
    const mails = await reminderMails();
    expect(mails.map((m) => m.to).sort()).toEqual([a1.email, a2.email, a3.email].sort());
    const toA1 = mails.find((m) => m.to === a1.email)!;
    expect(toA1.subject).toBe("Milepæl overskredet: Behovsafdækning (Lolland Kommune)");
    expect(toA1.text).toContain("var planlagt til 01.05.2024");
    expect(toA1.text).toContain(`/programmes/`);

    // The same key again: the runner does nothing; the work itself again: its own key holds.
    expect(await runJobAt(at("2024-05-10", "14:00"))).toEqual([]);
    expect(await db.transaction((tx) => remindOverdueMilestones(tx, at("2024-05-10", "15:00")))).toEqual({ reminded: 0, mails: 0 });
    // The next day is a new job key, but the same milestones and dates.
    expect((await runJobAt(at("2024-05-11"))).map((r) => r.outcome)).toEqual(["done"]);
    expect(await reminderMails()).toHaveLength(3);

    const reminded = await db.select().from(milestoneReminders);
    expect(reminded.map((r) => r.milestoneId).sort()).toEqual([ids.open, ids.faxe].sort());
    const audits = await db.select().from(auditLog).where(eq(auditLog.action, "milestone.overdue_reminded"));
    expect(audits.map((a) => Number(a.entityId)).sort()).toEqual([ids.open, ids.faxe].sort());
    expect(audits.every((a) => a.actorRole === "system" && a.entityType === "milestone")).toBe(true);
  });

  it("reminds a postponed milestone again only when its new date passes", async () => {
    await db.update(milestones).set({ status: "udskudt", statusReason: "Kommunen bad om en ny dato", plannedOn: "2024-06-15" }).where(eq(milestones.id, ids.open));
    expect((await runJobAt(at("2024-06-15"))).map((r) => r.outcome)).toEqual(["done"]);
    // 15 June is the planned day itself: not overdue. "Midtvejsstatus" (1 June, in progress) is.
    let mails = await reminderMails();
    expect(mails.filter((m) => m.subject.includes("Behovsafdækning"))).toHaveLength(2);
    expect(mails.filter((m) => m.subject.includes("Midtvejsstatus")).map((m) => m.to).sort()).toEqual([a1.email, a2.email].sort());

    await runJobAt(at("2024-06-16"));
    mails = await reminderMails();
    expect(mails.filter((m) => m.subject.includes("Behovsafdækning"))).toHaveLength(4);
    expect(mails.filter((m) => m.subject.includes("Behovsafdækning") && m.text.includes("15.06.2024")).map((m) => m.to).sort()).toEqual(
      [a1.email, a2.email].sort(),
    );
    const keys = await db.select().from(milestoneReminders).where(eq(milestoneReminders.milestoneId, ids.open));
    expect(keys.map((k) => k.plannedOn).sort()).toEqual(["2024-05-01", "2024-06-15"]);
    await runJobAt(at("2024-06-17"));
    expect(await reminderMails()).toHaveLength(mails.length);
  });

  it("never reminds done or cancelled milestones; waits for an advisor; skips disabled advisors", async () => {
    const claimed = (await db.select().from(milestoneReminders)).map((r) => r.milestoneId);
    expect(claimed).not.toContain(ids.done);
    expect(claimed).not.toContain(ids.cancelled);
    expect(claimed).not.toContain(ids.orphan);

    const late = await createUser(db, "advisor", { agencySlug: "ast" });
    const gone = await createUser(db, "advisor", { agencySlug: "sbst" });
    await db.update(users).set({ status: "disabled" }).where(eq(users.id, gone.userId));
    await db.insert(programmeAdvisors).values([
      { programmeId: orphanProgrammeId, userId: late.userId, agencyId: late.agencyId! },
      { programmeId: orphanProgrammeId, userId: gone.userId, agencyId: gone.agencyId! },
    ]);
    await runJobAt(at("2024-06-18"));
    const orphanMails = (await reminderMails()).filter((m) => m.subject.includes("Ledelsestilsyn"));
    expect(orphanMails.map((m) => m.to)).toEqual([late.email]);
    const [key] = await db.select().from(milestoneReminders).where(and(eq(milestoneReminders.milestoneId, ids.orphan)));
    expect(key!.recipients).toBe(1);
  });
});

describe("overdue milestones on the ministry's start page", () => {
  it("lists overdue milestones oldest first, with the programme's link", async () => {
    const list = await overdueMilestones(db, "2024-06-20");
    expect(list.rows.map((r) => r.id)).toEqual([ids.orphan, ids.faxe, ids.later, ids.open]);
    expect(list.total).toBe(4);
    expect(list.rows[0]).toMatchObject({ municipalityName: "Samsø", title: "Ledelsestilsyn", plannedOn: "2024-05-02", statusLabel: "Planlagt" });
  });

  it("shows them to the ministry only", async () => {
    const caseworker = await createUser(db, "caseworker");
    const data = (await startLoader({ request: await signedInRequest(db, caseworker, "/"), params: {}, context: {} })) as { kind: string; overdue?: { total: number; rows: { id: number; programmeId: number }[] } };
    expect(data.kind).toBe("ministry");
    expect(data.overdue!.rows.map((r) => r.id)).toContain(ids.faxe);
    const advisor = (await startLoader({ request: await signedInRequest(db, a1, "/"), params: {}, context: {} })) as { overdue?: unknown };
    expect(advisor.overdue).toBeUndefined();
  });
});
