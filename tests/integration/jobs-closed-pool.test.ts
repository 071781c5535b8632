// After close-out a pool's data is read-only in the database (PP403). The scheduled jobs pass
// over it: an overdue milestone or a grant without its letter in a closed pool must neither
// be worked on (the write would be refused and fail the whole run, for every pool) nor
// listed as something to act on, while the same in an open pool goes on as before.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#db/client";
import { calls, emailOutbox, milestoneReminders, pools } from "#db/schema";
import { getDb } from "~/db.server";
import { pendingDecisionLetters } from "~/domain/grants/letters/letters.server";
import { overdueMilestones } from "~/domain/timeline/reminders.server";
import { milestoneOverdueReminders } from "~/jobs/registry.server";
import { createJobRunner } from "~/jobs/runner.server";
import { copenhagenInstant } from "~/utils/dates";
import { createUser } from "../fixtures";
import { makeAssessmentCall } from "./assessment-fixtures";
import { makeGrant } from "./grant-fixtures";
import { makeProgramme } from "./timeline-fixtures";

let db: Database;
let closedPoolId: number;
const ids = { closedMilestone: 0, openMilestone: 0, closedGrant: 0, openGrant: 0 };
const now = copenhagenInstant("2024-05-10", "10:00");

beforeAll(async () => {
  db = await getDb();
  const { call } = await makeAssessmentCall(db);
  closedPoolId = call.poolId;
  const [openPool] = await db
    .insert(pools)
    .values({ name: "Opfølgningspulje", financeLine: "§ 15.11.79.10", totalOre: 500_000_000n, startsOn: "2024-01-01", endsOn: "2025-12-31" })
    .returning();
  const [openCall] = await db
    .insert(calls)
    .values({ poolId: openPool!.id, title: "Opfølgning 2024", purpose: "Test", projectStart: "2024-03-01", projectEnd: "2025-06-30", deadline: new Date("2024-02-01T11:00:00Z"), status: "published" })
    .returning();
  const closedGrant = (await makeGrant(db, call.id, "0360", { poolId: closedPoolId })).grant;
  const openGrant = (await makeGrant(db, openCall!.id, "0320", { poolId: openPool!.id })).grant;
  const advisor = await createUser(db, "advisor", { agencySlug: "sbst" });
  const overdue = [{ title: "Behovsafdækning", plannedOn: "2024-05-01" }];
  const c = await makeProgramme(db, closedGrant, { advisors: [{ userId: advisor.userId, agency: "sbst" }], milestones: overdue });
  const o = await makeProgramme(db, openGrant, { advisors: [{ userId: advisor.userId, agency: "sbst" }], milestones: overdue });
  Object.assign(ids, { closedMilestone: c.milestones[0]!.id, openMilestone: o.milestones[0]!.id, closedGrant: closedGrant.id, openGrant: openGrant.id });
  await db.update(pools).set({ closedAt: new Date("2024-04-30T10:00:00Z") }).where(eq(pools.id, closedPoolId));
}, 60_000);

describe("scheduled jobs after close-out", () => {
  it("reminds the open pool's overdue milestone and passes over the closed pool's, so the run succeeds", async () => {
    const runner = createJobRunner({ db, jobs: [milestoneOverdueReminders], clock: () => now, now: async () => now });
    expect((await runner.runOnce()).map((r) => r.outcome)).toEqual(["done"]);
    const reminded = await db.select({ id: milestoneReminders.milestoneId }).from(milestoneReminders);
    expect(reminded.map((r) => r.id)).toEqual([ids.openMilestone]);
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.template, "milestone-overdue"))).toHaveLength(1);
  });

  it("lists only the open pool's overdue milestone on the ministry's start page", async () => {
    const list = await overdueMilestones(db, "2024-05-10");
    expect(list.rows.map((r) => r.id)).toEqual([ids.openMilestone]);
    expect(list.total).toBe(1);
  });

  it("leaves a closed pool's grant without its letter out of the letters still to issue", async () => {
    const pending = await pendingDecisionLetters(db);
    expect(pending.grantIds).toContain(ids.openGrant);
    expect(pending.grantIds).not.toContain(ids.closedGrant);
  });
});
