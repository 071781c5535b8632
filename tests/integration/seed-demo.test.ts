import { and, eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  allocationRounds,
  budgetVersionLines,
  budgetVersions,
  grants,
  applicationBudgetLines,
  applications,
  assessmentScores,
  assessmentSubmissions,
  auditLog,
  callCostCategories,
  callCriteria,
  calls,
  grantAccounts,
  grantLedgerEntries,
  memberships,
  municipalities,
  needIndexEntries,
  payments,
  pools,
  repaymentClaims,
  users,
} from "#db/schema";
import { DEMO_UNSPENT_ORE } from "#db/seed/demo-settlement";
import { DEMO_PASSWORD, demoLogins, GRANTED, NOT_GRANTED, seedDemo } from "#db/seed/demo";
import { readMunicipalities } from "#db/seed/reference";
import { disableDemoUsers, refuseDemoUsersInProduction } from "~/auth/demo-users.server";
import { attemptLogin } from "~/auth/login.server";
import { projectPeriodOutsidePool } from "~/domain/calls/call-period";
import { compareAssessments } from "~/domain/assessment/double-assessment";
import { verifyPassword } from "~/auth/password.server";
import { getDb } from "~/db.server";
import { resetEnvCache } from "~/env.server";
import { copenhagenDateString } from "~/utils/dates";
import { expectLedgerConsistent } from "./grant-fixtures";

const now = new Date("2026-03-10T09:00:00Z");
let seeded: Awaited<ReturnType<typeof seedDemo>>;
const codeOf = new Map(readMunicipalities().map((m) => [m.name, m.code]));

beforeAll(async () => {
  seeded = await seedDemo(await getDb(), { now });
}, 240_000);

describe("seedDemo", () => {
  it("loads reference data: 98 municipalities and the 14,3 mio. kr. pool", async () => {
    const db = await getDb();
    const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(municipalities);
    expect(n).toBe(98);
    const [pool] = await db.select().from(pools).where(eq(pools.name, "Ekstra hjælp til kommuner med mange børnesager"));
    expect(pool.totalOre).toBe(1_430_000_000n);
  });

  it("puts the follow-up call on a second pool that says it is invented and whose period contains the call's", async () => {
    const db = await getDb();
    const [call] = await db.select().from(calls).where(eq(calls.title, "Ekstra hjælp til kommuner med mange børnesager – opfølgningsrunde"));
    const [pool] = await db.select().from(pools).where(eq(pools.id, call.poolId));
    expect(pool.name).toContain("fiktiv demopulje");
    expect(pool.startsOn <= call.projectStart && call.projectEnd <= pool.endsOn).toBe(true);
  });

  it("gives every demo call a period inside its pool's, by the rule create and edit use", async () => {
    const db = await getDb();
    const rows = await db
      .select({ title: calls.title, projectStart: calls.projectStart, projectEnd: calls.projectEnd, startsOn: pools.startsOn, endsOn: pools.endsOn })
      .from(calls)
      .innerJoin(pools, eq(pools.id, calls.poolId));
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.map((r) => ({ title: r.title, errors: projectPeriodOutsidePool(r, r) }))).toEqual(rows.map((r) => ({ title: r.title, errors: {} })));
  });

  it("gives each of the nine granted municipalities a login and a submitted application", async () => {
    const db = await getDb();
    for (const name of GRANTED) {
      const code = codeOf.get(name)!;
      const [member] = await db.select().from(memberships).where(eq(memberships.municipalityCode, code));
      expect(member.role).toBe("municipality");
      const [app] = await db
        .select()
        .from(applications)
        .where(and(eq(applications.callId, seeded.historicalCallId), eq(applications.municipalityCode, code)));
      expect(app.status).not.toBe("draft");
      expect(app.submittedBy).toBe(member.userId);
    }
    const statuses = await db
      .select({ status: applications.status })
      .from(applications)
      .where(eq(applications.callId, seeded.historicalCallId));
    expect(statuses).toHaveLength(12);
    expect(statuses.filter((s) => s.status === "granted")).toHaveLength(9);
    expect(statuses.filter((s) => s.status === "rejected")).toHaveLength(3);
  });

  it("decides the 2022 call in December 2022 through an approved round: nine accepted grants of exactly 14.300.000,00 kr.", async () => {
    const db = await getDb();
    const rows = await db.select().from(grants).where(eq(grants.callId, seeded.historicalCallId));
    expect(rows.map((g) => g.municipalityCode).sort()).toEqual(GRANTED.map((n) => codeOf.get(n)!).sort());
    expect(rows.reduce((s, g) => s + g.awardedOre, 0n)).toBe(1_430_000_000n);
    // All accepted and fully committed, except Struer's, settled with a small repayment (below).
    const struer = codeOf.get("Struer")!;
    expect(rows.filter((g) => g.municipalityCode !== struer).every((g) => g.status === "accepted" && g.committedOre === g.awardedOre)).toBe(true);
    expect(new Set(rows.map((g) => copenhagenDateString(g.decidedAt)))).toEqual(new Set(["2022-12-15"]));
    const [round] = await db.select().from(allocationRounds).where(eq(allocationRounds.callId, seeded.historicalCallId));
    expect(round.status).toBe("approved");
    expect(round.proposedBy).toBe(seeded.caseworkerId);
    expect(round.approvedBy).toBe(seeded.adminId);
    const [pool] = await db.select().from(pools).where(eq(pools.id, rows[0].poolId));
    // The ledger committed exactly 14.300.000,00 kr.; the settled grant's repayment went back to the pool.
    const [committed] = await db
      .select({ sum: sql<string>`sum(${grantLedgerEntries.committedDeltaOre})::text` })
      .from(grantLedgerEntries)
      .where(and(eq(grantLedgerEntries.poolId, pool.id), eq(grantLedgerEntries.kind, "committed")));
    expect(BigInt(committed.sum)).toBe(1_430_000_000n);
    expect(pool.allocatedOre).toBe(1_430_000_000n - DEMO_UNSPENT_ORE);
    await expectLedgerConsistent(db);
    const rejected = await db
      .select({ reason: applications.rejectionReason })
      .from(applications)
      .where(and(eq(applications.callId, seeded.historicalCallId), eq(applications.status, "rejected")));
    expect(rejected.every((r) => (r.reason ?? "").length > 20)).toBe(true);
    // Each grant's budget version 1 sums to its grant (the reduced one scaled exactly).
    for (const g of rows) {
      const [v] = await db
        .select({ sum: sql<string>`coalesce(sum(${budgetVersionLines.amountOre}), 0)::text` })
        .from(budgetVersionLines)
        .innerJoin(budgetVersions, eq(budgetVersions.id, budgetVersionLines.budgetVersionId))
        .where(and(eq(budgetVersions.grantId, g.id), eq(budgetVersions.version, 1)));
      expect(BigInt(v.sum)).toBe(g.awardedOre);
    }
  });

  it("settles Struer's grant through the domain commands: fully paid, accounts approved, a small repayment paid, afsluttet", async () => {
    const db = await getDb();
    const [g] = await db
      .select()
      .from(grants)
      .where(and(eq(grants.callId, seeded.historicalCallId), eq(grants.municipalityCode, codeOf.get("Struer")!)));
    expect(g.status).toBe("closed");
    expect(g.closedAt).not.toBeNull();
    expect(g.committedOre).toBe(g.awardedOre - DEMO_UNSPENT_ORE);
    expect(g.paidOre).toBe(g.committedOre);
    const plan = await db.select().from(payments).where(eq(payments.grantId, g.id));
    expect(plan.filter((p) => p.status !== "cancelled").every((p) => p.status === "paid")).toBe(true);
    const [accounts] = await db.select().from(grantAccounts).where(eq(grantAccounts.grantId, g.id));
    expect(accounts.status).toBe("approved");
    expect(accounts.auditorStatementFileId).not.toBeNull();
    const [claim] = await db.select().from(repaymentClaims).where(eq(repaymentClaims.grantId, g.id));
    expect(claim).toMatchObject({ status: "paid", amountOre: DEMO_UNSPENT_ORE });
    expect(DEMO_UNSPENT_ORE).toBeGreaterThanOrEqual(50_000n); // the pool's 500 kr. threshold
    const entries = await db.select().from(grantLedgerEntries).where(eq(grantLedgerEntries.grantId, g.id));
    expect(entries.filter((e) => e.kind === "repaid").map((e) => [e.paidDeltaOre, e.committedDeltaOre])).toEqual([[-DEMO_UNSPENT_ORE, -DEMO_UNSPENT_ORE]]);
    const actions = (await db.select({ a: auditLog.action }).from(auditLog).where(and(eq(auditLog.entityType, "grant"), eq(auditLog.entityId, String(g.id))))).map((r) => r.a);
    expect(actions).toEqual(expect.arrayContaining(["accounts.submitted", "accounts.approved", "repayment.paid"]));
    await expectLedgerConsistent(db);
  });

  it("stores the 2022 deadline as 12:00 Copenhagen time (11:00 UTC in winter)", async () => {
    const db = await getDb();
    const [call] = await db.select().from(calls).where(eq(calls.id, seeded.historicalCallId));
    expect(call.deadline.toISOString()).toBe("2022-11-07T11:00:00.000Z");
    expect(call.status).toBe("published");
    const criteria = await db.select().from(callCriteria).where(eq(callCriteria.callId, call.id));
    expect(criteria.reduce((s, c) => s + c.weight, 0)).toBe(100);
  });

  it("makes every requested amount the sum of its budget lines, within 0,9–2,2 mio. kr.", async () => {
    const db = await getDb();
    const rows = await db
      .select({
        id: applications.id,
        requested: applications.requestedOre,
        status: applications.status,
        sum: sql<string>`coalesce(sum(${applicationBudgetLines.amountOre}), 0)::text`,
        lines: sql<number>`count(${applicationBudgetLines.quarter})::int`,
      })
      .from(applications)
      .leftJoin(applicationBudgetLines, eq(applicationBudgetLines.applicationId, applications.id))
      .groupBy(applications.id);
    // 14, and Morsø's application in the follow-up pool's fast track (demo-letters.ts).
    expect(rows).toHaveLength(15);
    for (const r of rows) {
      expect(r.requested).toBe(BigInt(r.sum));
      if (r.status === "draft") continue;
      expect(r.lines).toBe(24);
      expect(r.requested).toBeGreaterThanOrEqual(90_000_000n);
      expect(r.requested).toBeLessThanOrEqual(220_000_000n);
    }
  });

  it("ranks the nine and the two others at the top of a need index labelled as demo data", async () => {
    const db = await getDb();
    const entries = await db
      .select()
      .from(needIndexEntries)
      .where(eq(needIndexEntries.callId, seeded.historicalCallId))
      .orderBy(sql`${needIndexEntries.value} desc`);
    expect(entries).toHaveLength(98);
    const top = entries.slice(0, 11).map((e) => e.municipalityCode);
    expect(new Set(top)).toEqual(new Set([...GRANTED, ...NOT_GRANTED].map((n) => codeOf.get(n))));
    expect(entries.every((e) => e.sourceNote?.startsWith("Demodata"))).toBe(true);
  });

  it("opens a follow-up call whose deadline lies ahead of the given now, with Guldborgsund's draft, Odsherred's double-assessed application and nothing from Lolland", async () => {
    const db = await getDb();
    const [call] = await db.select().from(calls).where(eq(calls.id, seeded.openCallId));
    expect(call.deadline.getTime()).toBeGreaterThan(now.getTime());
    expect(call.projectStart).toBe("2027-01-01");
    expect(call.projectEnd).toBe("2028-12-31");
    expect(call.maxAmountOre).toBe(200_000_000n);
    const cats = await db.select().from(callCostCategories).where(eq(callCostCategories.callId, call.id));
    expect(cats.map((c) => c.label)).toContain("Supervision og sparring");
    const apps = await db.select().from(applications).where(eq(applications.callId, call.id));
    expect(apps.map((a) => [a.municipalityCode, a.status]).sort()).toEqual(
      [
        [codeOf.get("Guldborgsund"), "draft"],
        [codeOf.get("Odsherred"), "formalia_approved"],
      ].sort(),
    );
  });

  it("gives Odsherred's application on the open call two submitted assessments with a flagged difference (decision 017)", async () => {
    const db = await getDb();
    const [app] = await db
      .select()
      .from(applications)
      .where(and(eq(applications.callId, seeded.openCallId), eq(applications.municipalityCode, codeOf.get("Odsherred")!)));
    expect(app.submittedAt).not.toBeNull();
    expect(app.assignedTo).not.toBeNull();
    expect(app.secondAssessorId).not.toBeNull();
    const submitted = await db.select().from(assessmentSubmissions).where(eq(assessmentSubmissions.applicationId, app.id));
    expect(submitted.map((s) => s.assessorId).sort()).toEqual([app.assignedTo, app.secondAssessorId].sort());
    const scores = await db.select().from(assessmentScores).where(eq(assessmentScores.applicationId, app.id));
    const rows = compareAssessments(
      [...new Set(scores.map((s) => s.criterionId))].map((id) => ({ id })),
      scores.filter((s) => s.assessorId === app.assignedTo),
      scores.filter((s) => s.assessorId === app.secondAssessorId),
      [],
    );
    expect(rows.some((r) => r.flagged)).toBe(true);
  });

  it("hashes the demo password once for all users and writes one audit row", async () => {
    const db = await getDb();
    const rows = await db.select({ email: users.email, hash: users.passwordHash }).from(users);
    expect(rows.map((r) => r.email).sort()).toEqual(demoLogins().map((l) => l.email).sort());
    // The banner shows official names, as every full name on screen does.
    expect(demoLogins().find((l) => l.email.startsWith("vesthimmerland@"))?.organisation).toBe("Vesthimmerlands Kommune");
    expect(new Set(rows.map((r) => r.hash)).size).toBe(1);
    expect(await verifyPassword(rows[0].hash!, DEMO_PASSWORD)).toBe(true);
    const audits = await db.select().from(auditLog).where(eq(auditLog.action, "seed.demo"));
    expect(audits).toHaveLength(1);
    expect(audits[0].entityType).toBe("database");
    expect(audits[0].after).toMatchObject({ users: rows.length, applications: 14 });
  });
});

describe("seedDemo in production", () => {
  const original = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = original;
  });

  it("refuses to create users with a known password", async () => {
    const db = await getDb();
    const [{ before }] = await db.select({ before: sql<number>`count(*)::int` }).from(users);
    process.env.NODE_ENV = "production";
    await expect(seedDemo(db, { now })).rejects.toThrow(/produktion/);
    const [{ after }] = await db.select({ after: sql<number>`count(*)::int` }).from(users);
    expect(after).toBe(before);
  });
});

describe("demo users and production", () => {
  const saved = { NODE_ENV: process.env.NODE_ENV, SESSION_SECRET: process.env.SESSION_SECRET, DEMO_MODE: process.env.DEMO_MODE };
  const production = () => {
    process.env.NODE_ENV = "production";
    process.env.SESSION_SECRET = "x".repeat(40);
    delete process.env.DEMO_MODE;
    resetEnvCache();
  };
  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetEnvCache();
  });

  it("marks every demo user as demo in the data", async () => {
    const rows = await (await getDb()).select({ isDemo: users.isDemo }).from(users);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.isDemo)).toBe(true);
  });

  it("production refuses to start, and refuses their sign-in, while demo users are active; the demo does not", async () => {
    const db = await getDb();
    const admin = demoLogins()[0];
    await expect(refuseDemoUsersInProduction(db, { NODE_ENV: "production", DEMO_MODE: "1" })).resolves.toBeUndefined();
    await expect(refuseDemoUsersInProduction(db, { NODE_ENV: "development", DEMO_MODE: "0" })).resolves.toBeUndefined();
    await expect(refuseDemoUsersInProduction(db, { NODE_ENV: "production", DEMO_MODE: "0" })).rejects.toThrow(
      /^Ugyldig konfiguration: databasen har \d+ aktive demobrugere/,
    );
    production();
    const request = new Request("http://localhost/login", { method: "POST" });
    expect(await attemptLogin(admin.email, DEMO_PASSWORD, request)).toEqual({ ok: false, reason: "invalid" });
  });

  it("starts once the demo users are disabled", async () => {
    const db = await getDb();
    expect(await disableDemoUsers(db)).toBeGreaterThan(0);
    await expect(refuseDemoUsersInProduction(db, { NODE_ENV: "production", DEMO_MODE: "0" })).resolves.toBeUndefined();
  });
});
