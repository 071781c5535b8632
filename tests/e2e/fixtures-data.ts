// Ids and logins from the seeded demo database, written once by the e2e server
// so the browser tests never guess serial ids.
import { and, asc, eq, ne } from "drizzle-orm";
import type { Database } from "../../db/client";
import {
  advisoryProgrammes,
  applicationBudgetLines,
  applications,
  budgetVersionLines,
  budgetVersions,
  callCostCategories,
  calls,
  pools,
  decisionLetters,
  formalChecks,
  grants,
  memberships,
  milestones,
  reportIndicators,
  users,
} from "../../db/schema";
import { demoBudget, sumOre } from "../../db/seed/demo-numbers";
import { DEMO_INDICATORS } from "../../db/seed/demo-reporting";
import { quartersBetween } from "../../app/utils/dates";
import { postLedgerEntry } from "../../app/domain/grants/ledger.server";
import { collectAllocationFixtures, type AllocationFixtures } from "./fixtures-allocation";

export const LOLLAND = "0360";
export const FAXE = "0320";
export const GULDBORGSUND = "0376";
export const STRUER = "0671";
/** Morsø: the demo grant in the follow-up pool left "offered", to accept. */
export const MORSOE = "0773";
export const ODSHERRED = "0306";
export const HOLSTEBRO = "0661";
/** Langeland: the demo grant whose payments are held. */
export const LANGELAND = "0482";

type LoginKey = "admin" | "caseworker" | "municipality" | "otherMunicipality" | "draftMunicipality" | "advisor" | "offeredMunicipality";

export type E2eFixtures = {
  logins: Record<LoginKey, string>;
  userIds: Record<LoginKey, string>;
  historicalCallId: number;
  /** The 2022 call's pool (the nine grants): for the pool overview. */
  historicalPoolId: number;
  openCallId: number;
  ownApplicationId: number;
  otherApplicationId: number;
  /** Guldborgsund's seeded draft on the open call. */
  draftApplicationId: number;
  /** The open call's deadline (ISO), for moving the test clock around it. */
  openCallDeadline: string;
  /** An application on the 2022 call through formalia, not yet scored (the formal check can be saved again): Holstebro's, a copy of Struer's made here (the demo decides all twelve of 2022). */
  formaliaApplicationId: number;
  /** Odsherred's application on the open call: scored twice (caseworker and admin), both submitted, a flagged difference, not yet agreed. */
  doubleAssessedApplicationId: number;
  /** Lolland's grant (the municipality login's own) and Faxe's (another municipality's). */
  ownGrantId: number;
  /** A grant of Lolland's of its own, accepted, with a budget and no reporting plan: progress-reports.spec.ts plans it and fills in its first report (the nine demo grants have their reports). */
  reportGrantId: number;
  otherGrantId: number;
  /** Morsø's grant in the follow-up pool, offered with a deadline ahead, its award letter and application. */
  offeredGrantId: number;
  offeredGrantLetterId: number;
  offeredApplicationId: number;
  /** A published call nobody has applied to (and no municipality sees): for withdrawing. */
  withdrawableCallId: number;
  /** A pool of its own with nothing unsettled (one published call, no applications), its initiative ending 30.06.2031: close-out.spec.ts closes it. */
  closeOut: { poolId: number; callId: number };
  /** Lolland's accepted 2022 grant with a budget version: for budget changes. */
  budgetGrantId: number;
  /** Faxe's accepted grant, fully paid: the accounts browser test submits and settles it. */
  accountsGrantId: number;
  /** The allocation board's and the payments' own data (fixtures-allocation.ts). */
  allocation: AllocationFixtures;
  /** Lolland's advisory programme (the advisor login, ast1, is assigned) and Faxe's (not assigned), each with its first milestone. */
  ownProgrammeId: number;
  ownMilestoneId: number;
  otherProgrammeId: number;
  otherMilestoneId: number;
};

async function programmeOf(db: Database, code: string) {
  const [row] = await db
    .select({ id: advisoryProgrammes.id, milestoneId: milestones.id })
    .from(advisoryProgrammes)
    .innerJoin(milestones, eq(milestones.programmeId, advisoryProgrammes.id))
    .where(eq(advisoryProgrammes.municipalityCode, code))
    .orderBy(asc(milestones.plannedOn), asc(milestones.id))
    .limit(1);
  if (!row) throw new Error(`demo data lacks an advisory programme for ${code}`);
  return row;
}

/**
 * Lolland's accepted grant on the 2022 call with budget version 1. The demo seed's nine
 * historical grants (helper `board`) include it; until they are seeded, it is made here
 * from Lolland's application, its money committed through the ledger like any grant.
 */
async function budgetGrant(db: Database, applicationId: number): Promise<number> {
  const [existing] = await db.select({ id: grants.id }).from(grants).where(eq(grants.applicationId, applicationId));
  if (existing) return existing.id;
  return db.transaction(async (tx) => {
    const [app] = await tx.select().from(applications).where(eq(applications.id, applicationId));
    const [call] = await tx.select().from(calls).where(eq(calls.id, app!.callId));
    const lines = await tx.select().from(applicationBudgetLines).where(eq(applicationBudgetLines.applicationId, applicationId));
    const awardedOre = lines.reduce((s, l) => s + l.amountOre, 0n);
    const [g] = await tx
      .insert(grants)
      .values({
        applicationId,
        callId: call!.id,
        poolId: call!.poolId,
        municipalityCode: app!.municipalityCode,
        awardedOre,
        status: "accepted",
        projectStart: call!.projectStart,
        projectEnd: call!.projectEnd,
        acceptanceDeadline: new Date("2023-01-15T22:59:59Z"),
        latestStartOn: "2023-06-30",
        accountsDueOn: "2025-03-31",
        decidedAt: new Date("2022-12-15T10:00:00Z"),
        acceptedAt: new Date("2023-01-05T10:00:00Z"),
      })
      .returning({ id: grants.id });
    const r = await postLedgerEntry(tx, { userId: null, role: "system", requestId: "e2e" }, { grantId: g!.id, kind: "committed", committedDeltaOre: awardedOre, bookedOn: "2022-12-15" });
    if (!r.ok) throw new Error(r.message);
    const [v] = await tx.insert(budgetVersions).values({ grantId: g!.id, version: 1, note: "Budget ved tilsagn" }).returning({ id: budgetVersions.id });
    await tx.insert(budgetVersionLines).values(lines.map((l) => ({ budgetVersionId: v!.id, categoryId: l.categoryId, quarter: l.quarter, amountOre: l.amountOre })));
    return g!.id;
  });
}

/** Pay the whole grant out through the ledger (once), so its accounts can be settled. */
async function paidGrant(db: Database, grantId: number): Promise<number> {
  await db.transaction(async (tx) => {
    const [g] = await tx.select().from(grants).where(eq(grants.id, grantId));
    if (g!.paidOre > 0n) return;
    const r = await postLedgerEntry(tx, { userId: null, role: "system", requestId: "e2e" }, { grantId, kind: "paid", paidDeltaOre: g!.committedOre, bookedOn: "2023-01-02" });
    if (!r.ok) throw new Error(r.message);
  });
  return grantId;
}

async function userOf(db: Database, role: "admin" | "caseworker" | "municipality" | "advisor", code?: string) {
  const [row] = await db
    .select({ email: users.email, id: users.id })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(code ? and(eq(memberships.role, role), eq(memberships.municipalityCode, code)) : eq(memberships.role, role))
    .orderBy(asc(users.email))
    .limit(1);
  if (!row) throw new Error(`demo data lacks a ${role} user ${code ?? ""}`);
  return row;
}

/** A copy of Struer's 2022 application for Holstebro, back at "formalia approved": undecided casework for the browser tests. */
async function insertUndecidedApplication(db: Database, struerId: number) {
  const [src] = await db.select().from(applications).where(eq(applications.id, struerId));
  const { id: _id, ...rest } = src;
  const [row] = await db
    .insert(applications)
    .values({ ...rest, municipalityCode: HOLSTEBRO, status: "formalia_approved", rejectionReason: null })
    .returning({ id: applications.id });
  const lines = await db.select().from(applicationBudgetLines).where(eq(applicationBudgetLines.applicationId, struerId));
  await db.insert(applicationBudgetLines).values(lines.map((l) => ({ ...l, applicationId: row.id })));
  const checks = await db.select().from(formalChecks).where(eq(formalChecks.applicationId, struerId));
  await db.insert(formalChecks).values(checks.map((c) => ({ ...c, applicationId: row.id })));
  return row.id;
}

async function grantOf(db: Database, callId: number, code: string) {
  const [row] = await db.select({ id: grants.id }).from(grants).where(and(eq(grants.callId, callId), eq(grants.municipalityCode, code)));
  if (!row) throw new Error(`demo data lacks a grant for ${code}`);
  return row.id;
}

async function insertWithdrawableCall(db: Database, poolId: number) {
  const [row] = await db
    .insert(calls)
    .values({
      poolId,
      title: "Opslag offentliggjort ved en fejl (e2e)",
      purpose: "Bruges af browsertesten for at trække et opslag tilbage.",
      projectStart: "2023-01-01",
      projectEnd: "2024-12-31",
      deadline: new Date("2099-11-07T11:00:00Z"),
      status: "published",
      publishedAt: new Date(),
    })
    .returning({ id: calls.id });
  return row.id;
}

/**
 * Lolland's grant in a pool of its own (with the demo's four indicators): a copy of Lolland's
 * 2022 application on a call in 2029–2030, accepted, its money committed through the ledger
 * and budget version 1 in force, with no reporting plan yet.
 */
async function insertReportingGrant(db: Database, lollandApplicationId: number): Promise<number> {
  return db.transaction(async (tx) => {
    const [pool] = await tx
      .insert(pools)
      .values({ name: "Rapporteringstest-puljen (e2e)", financeLine: "§ 15.26.35.91", totalOre: 100_000_000n, startsOn: "2029-01-01", endsOn: "2030-12-31", initiativeEndsOn: "2031-06-30" })
      .returning({ id: pools.id });
    await tx.insert(reportIndicators).values(DEMO_INDICATORS.map((d, i) => ({ ...d, poolId: pool!.id, sortOrder: i + 1 })));
    const [call] = await tx
      .insert(calls)
      .values({
        poolId: pool!.id,
        title: "Opslag til rapporteringstesten (e2e)",
        purpose: "Bruges af browsertesten for statusrapporter.",
        projectStart: "2029-01-01",
        projectEnd: "2030-12-31",
        deadline: new Date("2028-11-01T11:00:00Z"),
        status: "published",
        publishedAt: new Date("2028-09-01T08:00:00Z"),
      })
      .returning({ id: calls.id });
    const categories = await tx
      .insert(callCostCategories)
      .values(["Vikardækning", "Efteruddannelse"].map((label, i) => ({ callId: call!.id, label, sortOrder: i + 1 })))
      .returning({ id: callCostCategories.id });
    const lines = demoBudget(quartersBetween("2029-01-01", "2030-12-31"), categories.map((c) => c.id), 400_000, 5);
    const awardedOre = sumOre(lines);
    const [src] = await tx.select().from(applications).where(eq(applications.id, lollandApplicationId));
    const { id: _id, ...rest } = src!;
    const [app] = await tx.insert(applications).values({ ...rest, callId: call!.id, requestedOre: awardedOre }).returning({ id: applications.id });
    await tx.insert(applicationBudgetLines).values(lines.map((l) => ({ ...l, applicationId: app!.id })));
    const [g] = await tx
      .insert(grants)
      .values({
        applicationId: app!.id,
        callId: call!.id,
        poolId: pool!.id,
        municipalityCode: LOLLAND,
        awardedOre,
        status: "accepted",
        projectStart: "2029-01-01",
        projectEnd: "2030-12-31",
        acceptanceDeadline: new Date("2028-12-20T22:59:59Z"),
        latestStartOn: "2029-06-30",
        accountsDueOn: "2031-03-31",
        decidedAt: new Date("2028-12-01T10:00:00Z"),
        acceptedAt: new Date("2028-12-05T10:00:00Z"),
      })
      .returning({ id: grants.id });
    const r = await postLedgerEntry(tx, { userId: null, role: "system", requestId: "e2e" }, { grantId: g!.id, kind: "committed", committedDeltaOre: awardedOre, bookedOn: "2028-12-01" });
    if (!r.ok) throw new Error(r.message);
    const [v] = await tx.insert(budgetVersions).values({ grantId: g!.id, version: 1, note: "Budget ved tilsagn" }).returning({ id: budgetVersions.id });
    await tx.insert(budgetVersionLines).values(lines.map((l) => ({ budgetVersionId: v!.id, ...l })));
    return g!.id;
  });
}

async function insertCloseOutPool(db: Database) {
  const [pool] = await db
    .insert(pools)
    .values({
      name: "Afslutningstest-puljen (e2e)",
      financeLine: "§ 15.26.35.90",
      totalOre: 100_000_000n,
      startsOn: "2029-01-01",
      endsOn: "2030-12-31",
      initiativeEndsOn: "2031-06-30",
    })
    .returning({ id: pools.id });
  const [call] = await db
    .insert(calls)
    .values({
      poolId: pool.id,
      title: "Opslag i puljen, der afsluttes (e2e)",
      purpose: "Bruges af browsertesten for afslutning af en pulje.",
      projectStart: "2029-01-01",
      projectEnd: "2030-12-31",
      deadline: new Date("2029-03-01T11:00:00Z"),
      status: "published",
      publishedAt: new Date(),
    })
    .returning({ id: calls.id });
  return { poolId: pool.id, callId: call.id };
}

export async function collectE2eFixtures(db: Database): Promise<E2eFixtures> {
  const allCalls = await db.select().from(calls).orderBy(asc(calls.deadline));
  const historical = allCalls[0];
  const open = allCalls[allCalls.length - 1];
  const [own] = await db
    .select({ id: applications.id })
    .from(applications)
    .where(and(eq(applications.callId, historical.id), eq(applications.municipalityCode, LOLLAND)));
  const [other] = await db
    .select({ id: applications.id })
    .from(applications)
    .where(and(eq(applications.callId, historical.id), ne(applications.municipalityCode, LOLLAND), eq(applications.municipalityCode, FAXE)));
  const people = {
    admin: await userOf(db, "admin"),
    caseworker: await userOf(db, "caseworker"),
    municipality: await userOf(db, "municipality", LOLLAND),
    otherMunicipality: await userOf(db, "municipality", FAXE),
    draftMunicipality: await userOf(db, "municipality", GULDBORGSUND),
    advisor: await userOf(db, "advisor"),
    offeredMunicipality: await userOf(db, "municipality", MORSOE),
  };
  const [offered] = await db
    .select({ id: grants.id, applicationId: grants.applicationId, letterId: decisionLetters.id })
    .from(grants)
    .innerJoin(decisionLetters, eq(decisionLetters.grantId, grants.id))
    .where(and(eq(grants.municipalityCode, MORSOE), eq(grants.status, "offered")));
  if (!offered) throw new Error("demo data lacks Morsø's offered grant with its letter");
  const [draft] = await db
    .select({ id: applications.id })
    .from(applications)
    .where(and(eq(applications.callId, open.id), eq(applications.municipalityCode, GULDBORGSUND)));
  const [struer] = await db
    .select({ id: applications.id })
    .from(applications)
    .where(and(eq(applications.callId, historical.id), eq(applications.municipalityCode, STRUER)));
  const [odsherred] = await db
    .select({ id: applications.id })
    .from(applications)
    .where(and(eq(applications.callId, open.id), eq(applications.municipalityCode, ODSHERRED)));
  const pick = (k: "email" | "id") =>
    Object.fromEntries(Object.entries(people).map(([role, u]) => [role, u[k]])) as Record<LoginKey, string>;
  return {
    logins: pick("email"),
    userIds: pick("id"),
    historicalCallId: historical.id,
    historicalPoolId: historical.poolId,
    openCallId: open.id,
    ownApplicationId: own.id,
    otherApplicationId: other.id,
    draftApplicationId: draft.id,
    doubleAssessedApplicationId: odsherred.id,
    formaliaApplicationId: await insertUndecidedApplication(db, struer.id),
    ownGrantId: await grantOf(db, historical.id, LOLLAND),
    reportGrantId: await insertReportingGrant(db, own.id),
    otherGrantId: await grantOf(db, historical.id, FAXE),
    openCallDeadline: open.deadline.toISOString(),
    offeredGrantId: offered.id,
    offeredGrantLetterId: offered.letterId,
    offeredApplicationId: offered.applicationId,
    withdrawableCallId: await insertWithdrawableCall(db, open.poolId),
    closeOut: await insertCloseOutPool(db),
    budgetGrantId: await budgetGrant(db, own.id),
    accountsGrantId: await paidGrant(db, await budgetGrant(db, other.id)),
    allocation: await collectAllocationFixtures(db, people, [LOLLAND, FAXE, LANGELAND], historical.id),
    ownProgrammeId: (await programmeOf(db, LOLLAND)).id,
    ownMilestoneId: (await programmeOf(db, LOLLAND)).milestoneId,
    otherProgrammeId: (await programmeOf(db, FAXE)).id,
    otherMilestoneId: (await programmeOf(db, FAXE)).milestoneId,
  };
}
