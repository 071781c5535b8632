// The test clock moves "now" for every deadline check, only for admins and never in
// production; a draft closes at the deadline (server side too) unless reopened.
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { applications, auditLog } from "#db/schema";
import { getDb } from "~/db.server";
import { appNow, readTestClock, setTestClock } from "~/domain/clock/clock.server";
import { DRAFT_CLOSED_MESSAGE } from "~/domain/calls/deadline";
import { resetEnvCache } from "~/env.server";
import { action as clockAction, loader as clockLoader } from "~/routes/admin.clock";
import { action as appAction, loader as appLoader } from "~/routes/applications.$applicationId._index";
import { loader as rootLoader } from "~/root";
import { copenhagenInstant } from "~/utils/dates";
import { createUser, postForm, seedBase, signedInRequest } from "../fixtures";
import { completeForm, makeCall } from "./application-helpers";
import { outcome, type DataResult } from "../support/route-result";

const ctx = { context: {} };
const DEADLINE_2022 = copenhagenInstant("2022-11-07", "12:00");

beforeAll(async () => {
  await seedBase(await getDb());
});

afterEach(() => {
  process.env.NODE_ENV = "test";
  delete process.env.DEMO_MODE;
  resetEnvCache();
});

describe("the test clock", () => {
  it("an admin moves now for deadlines (audited); time keeps running from there; clearing returns to real time", async () => {
    const db = await getDb();
    const admin = await createUser(db, "admin");
    const real = new Date("2026-11-27T12:00:00Z");
    const set = await setTestClock(db, admin, copenhagenInstant("2022-11-07", "11:00"), real);
    expect(set.ok).toBe(true);
    expect((await appNow(db, real)).toISOString()).toBe("2022-11-07T10:00:00.000Z");
    expect((await appNow(db, new Date(real.getTime() + 90 * 60_000))).toISOString()).toBe("2022-11-07T11:30:00.000Z");
    const [row] = await db.select().from(auditLog).where(eq(auditLog.action, "test_clock.set"));
    expect(row).toMatchObject({ actorUserId: admin.userId, entityType: "setting" });
    expect(await setTestClock(db, admin, null)).toMatchObject({ ok: true, clock: null });
    expect((await appNow(db, real)).toISOString()).toBe(real.toISOString());
  });

  it("the read is built once per database handle (decision 040) and still sees every change", async () => {
    const db = await getDb();
    const admin = await createUser(db, "admin");
    await readTestClock(db);
    const select = vi.spyOn(db, "select");
    try {
      expect(await setTestClock(db, admin, DEADLINE_2022)).toMatchObject({ ok: true });
      expect((await readTestClock(db))?.setTo).toBe(DEADLINE_2022.toISOString());
      await setTestClock(db, admin, null);
      expect(await readTestClock(db)).toBeNull();
      expect(select).not.toHaveBeenCalled();
    } finally {
      select.mockRestore();
      await setTestClock(db, admin, null);
    }
  });

  it("is refused to non-admins, and refused and hidden in production (unless a demo run)", async () => {
    const db = await getDb();
    const admin = await createUser(db, "admin");
    const caseworker = await createUser(db, "caseworker");
    expect(await setTestClock(db, caseworker, new Date())).toMatchObject({ ok: false });
    expect((await outcome(async () => clockLoader({ request: await signedInRequest(db, caseworker, "/admin/clock"), params: {}, ...ctx }))).status).toBe(403);

    await setTestClock(db, admin, DEADLINE_2022);
    process.env.NODE_ENV = "production";
    process.env.SESSION_SECRET ??= "production-secret-for-this-test-000000000";
    resetEnvCache();
    expect(await readTestClock(db)).toBeNull();
    expect(await setTestClock(db, admin, new Date())).toMatchObject({ ok: false, message: "Testuret kan ikke bruges i produktion." });
    expect((await outcome(async () => clockLoader({ request: await signedInRequest(db, admin, "/admin/clock"), params: {}, ...ctx }))).status).toBe(404);
    const post = await outcome(async () =>
      clockAction({ request: await postForm(db, admin, "/admin/clock", { intent: "set", date: "2022-11-07", time: "11:00" }), params: {}, ...ctx }),
    );
    expect(post.status).toBe(404);
    const root = await rootLoader({ request: await signedInRequest(db, admin, "/"), params: {}, ...ctx });
    expect(root.testClock).toBeNull();
    expect(root.nav.map((n) => n.to)).not.toContain("/admin/clock");

    process.env.DEMO_MODE = "1";
    resetEnvCache();
    expect(await readTestClock(db)).not.toBeNull();
    const demoRoot = await rootLoader({ request: await signedInRequest(db, admin, "/"), params: {}, ...ctx });
    expect(demoRoot.testClock?.now).toMatch(/2022/);
    expect(demoRoot.nav.map((n) => n.to)).toContain("/admin/clock");
  });

  it("replays the 2022 round: the form is open with hours left at 09:00 on 7 November, closed after 12:00", async () => {
    const db = await getDb();
    const admin = await createUser(db, "admin");
    const { call, categories } = await makeCall(db, { deadline: DEADLINE_2022 });
    const user = await createUser(db, "municipality", { municipalityCode: "0360" });
    const [app] = await db.insert(applications).values({ callId: call.id, municipalityCode: "0360" }).returning();
    const params = { applicationId: String(app.id) };
    const view = async () => appLoader({ request: await signedInRequest(db, user, `/applications/${app.id}`), params, ...ctx });
    const save = async (version: number) =>
      (await appAction({
        request: await postForm(db, user, `/applications/${app.id}`, { ...completeForm(categories.map((c) => c.id)), intent: "save", version: String(version) }),
        params,
        ...ctx,
      })) as unknown as DataResult | Response;

    await setTestClock(db, admin, copenhagenInstant("2022-11-07", "09:00"));
    const before = await view();
    expect(before.mode).toBe("edit");
    expect(before.call.timeLeft).toMatch(/^(2 timer og 59 minutter|3 timer)$/);
    const saved = (await outcome(() => save(1))).status;
    expect(saved).toBe(302);

    await setTestClock(db, admin, copenhagenInstant("2022-11-07", "12:01"));
    const after = await view();
    expect(after.mode).toBe("view");
    expect(after.closedReason).toBe(DRAFT_CLOSED_MESSAGE);
    const refused = (await save(2)) as DataResult;
    expect(refused.init?.status).toBe(409);
    expect(refused.data.errors.form).toBe(DRAFT_CLOSED_MESSAGE);
    expect((await db.select().from(applications).where(eq(applications.id, app.id)))[0].version).toBe(2);

    // Reopened for correction by the ministry: editable after the deadline.
    await db.update(applications).set({ status: "correction", reopenReason: "Ret budgettet" }).where(eq(applications.id, app.id));
    expect((await view()).mode).toBe("edit");
    expect((await outcome(() => save(2))).status).toBe(302);
  });
});
