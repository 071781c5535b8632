// Browser-test data for the allocation board and the payments, added at e2e seed time
// (scripts/e2e-server.ts → collectE2eFixtures), never by the demo seed: pools and calls of
// their own, so the specs that decide and pay leave the demo's figures alone.
//  - a call on a 5 mio. kr. pool with four assessed applications asking 5,7 mio. kr.;
//  - two calls on one 2 mio. kr. pool, each with a round the caseworker has proposed that
//    fits alone (1,5 and 1,2 mio. kr.) but not together: two admins approving at once;
//  - a demo grant (2022 round) with an unpaid quarter to prepare, approve and pay.
import { and, asc, eq, isNull, notInArray } from "drizzle-orm";
import type { Database } from "../../db/client";
import {
  applicationBudgetLines,
  applications,
  callCostCategories,
  callEligibleMunicipalities,
  calls,
  grants,
  needIndexEntries,
  payments,
  pools,
} from "../../db/schema";
import { saveRound } from "../../app/domain/grants/allocation.server";
import { copenhagenDateString } from "../../app/utils/dates";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Contact e-mails of the fixture applications: the letters' recipients, searchable in /admin/mail. */
export const BOARD_MAIL_PREFIX = "fordeling-e2e";

/** Aabenraa, Kalundborg, Vordingborg, Svendborg: ranked in this order, asking 2,0 / 1,5 / 1,2 / 1,0 mio. kr. */
export const BOARD_APPLICANTS = [
  { code: "0580", kroner: 2_000_000 },
  { code: "0326", kroner: 1_500_000 },
  { code: "0390", kroner: 1_200_000 },
  { code: "0479", kroner: 1_000_000 },
] as const;
export const BOARD_POOL_KRONER = 5_000_000;
/** Haderslev's call and Sønderborg's call share a 2 mio. kr. pool. */
export const RACE_APPLICANTS = [
  { code: "0510", kroner: 1_500_000 },
  { code: "0540", kroner: 1_200_000 },
] as const;
export const RACE_POOL_KRONER = 2_000_000;

export type AllocationFixtures = {
  boardCallId: number;
  boardPoolName: string;
  /** Application ids in ranking order (BOARD_APPLICANTS). */
  boardApplicationIds: number[];
  raceCallIds: [number, number];
  racePoolName: string;
  raceApplicationIds: [number, number];
  /** A 2022 grant (accepted, not held, not one another spec uses) with a planned payment. */
  paymentGrantId: number;
  paymentId: number;
  paymentQuarter: string;
  paymentAmountOre: string;
};

type Staff = { id: string };

async function insertPool(db: Database, name: string, kroner: number, year: number) {
  const [pool] = await db
    .insert(pools)
    .values({ name, financeLine: "Fiktiv (browsertest)", totalOre: BigInt(kroner) * 100n, startsOn: `${year}-01-01`, endsOn: `${year + 2}-12-31` })
    .returning({ id: pools.id });
  return pool!.id;
}

/** A closed call (deadline passed) with assessed applications, a budget per quarter and a need index. */
async function insertAssessedCall(
  db: Database,
  spec: { poolId: number; title: string; year: number; caseworker: Staff; applicants: readonly { code: string; kroner: number }[] },
) {
  const now = Date.now();
  const [call] = await db
    .insert(calls)
    .values({
      poolId: spec.poolId,
      title: spec.title,
      purpose: "Fiktivt opslag til browsertestene af fordelingen. (Testdata.)",
      projectStart: `${spec.year + 1}-01-01`,
      projectEnd: `${spec.year + 1}-12-31`,
      deadline: new Date(now - 20 * DAY_MS),
      expectedGrants: spec.applicants.length,
      status: "published",
      publishedAt: new Date(now - 60 * DAY_MS),
    })
    .returning({ id: calls.id });
  const [category] = await db.insert(callCostCategories).values({ callId: call!.id, label: "Vikardækning", sortOrder: 1 }).returning({ id: callCostCategories.id });
  const quarters = [1, 2, 3, 4].map((q) => `${spec.year + 1}-Q${q}`);
  const ids: number[] = [];
  for (const [i, a] of spec.applicants.entries()) {
    const requestedOre = BigInt(a.kroner) * 100n;
    await db.insert(callEligibleMunicipalities).values({ callId: call!.id, municipalityCode: a.code });
    await db.insert(needIndexEntries).values({ callId: call!.id, municipalityCode: a.code, value: String(10 - i), sourceNote: "Testdata" });
    const [app] = await db
      .insert(applications)
      .values({
        callId: call!.id,
        municipalityCode: a.code,
        status: "assessed",
        requestedOre,
        contactName: "Kontaktperson (testdata)",
        contactEmail: `${BOARD_MAIL_PREFIX}-${a.code}@example.dk`,
        signatoryName: "Underskriver (testdata)",
        signatoryTitle: "Børne- og familiechef",
        challenge: "Mange børnesager og for få hænder. (Testdata.)",
        submittedAt: new Date(now - 25 * DAY_MS),
        assignedTo: spec.caseworker.id,
      })
      .returning({ id: applications.id });
    const share = requestedOre / 4n;
    await db.insert(applicationBudgetLines).values(
      quarters.map((quarter, q) => ({ applicationId: app!.id, categoryId: category!.id, quarter, amountOre: q === 3 ? requestedOre - 3n * share : share })),
    );
    ids.push(app!.id);
  }
  return { callId: call!.id, applicationIds: ids };
}

export async function collectAllocationFixtures(
  db: Database,
  people: { caseworker: Staff },
  /** Municipalities whose demo grants other specs change (budget change, accounts, the held one). */
  reservedGrantCodes: string[],
  historicalCallId: number,
): Promise<AllocationFixtures> {
  const year = Number(copenhagenDateString(new Date()).slice(0, 4));
  const caseworker = people.caseworker;

  const boardPoolName = "Testpulje til fordelingstavlen (browsertest)";
  const board = await insertAssessedCall(db, {
    poolId: await insertPool(db, boardPoolName, BOARD_POOL_KRONER, year),
    title: "Opslag til fordeling i browsertest",
    year,
    caseworker,
    applicants: BOARD_APPLICANTS,
  });

  const racePoolName = "Testpulje med de sidste penge (browsertest)";
  const racePool = await insertPool(db, racePoolName, RACE_POOL_KRONER, year);
  const race = [];
  for (const [i, a] of RACE_APPLICANTS.entries()) {
    const made = await insertAssessedCall(db, { poolId: racePool, title: `Opslag ${i + 1} om de sidste penge (browsertest)`, year, caseworker, applicants: [a] });
    const actor = { userId: caseworker.id, role: "caseworker" as const, requestId: "e2e-fixtures", municipalityCode: null, agencyId: null };
    const line = { applicationId: made.applicationIds[0]!, requestedOre: BigInt(a.kroner) * 100n, decision: "full" as const, amountOre: null, reason: "" };
    const r = await saveRound(db, actor, made.callId, { lines: [line], version: null }, { propose: true });
    if (!r.ok) throw new Error(`e2e fixtures: round not proposed: ${r.message}`);
    race.push(made);
  }

  const [payment] = await db
    .select({ grantId: grants.id, id: payments.id, quarter: payments.quarter, amountOre: payments.amountOre })
    .from(payments)
    .innerJoin(grants, eq(grants.id, payments.grantId))
    .where(
      and(
        eq(grants.callId, historicalCallId),
        eq(grants.status, "accepted"),
        isNull(grants.paymentHoldReason),
        notInArray(grants.municipalityCode, reservedGrantCodes),
        eq(payments.status, "planned"),
      ),
    )
    .orderBy(asc(grants.id), asc(payments.quarter))
    .limit(1);
  if (!payment) throw new Error("e2e fixtures: no demo grant has a planned payment");

  return {
    boardCallId: board.callId,
    boardPoolName,
    boardApplicationIds: board.applicationIds,
    raceCallIds: [race[0]!.callId, race[1]!.callId],
    racePoolName,
    raceApplicationIds: [race[0]!.applicationIds[0]!, race[1]!.applicationIds[0]!],
    paymentGrantId: payment.grantId,
    paymentId: payment.id,
    paymentQuarter: payment.quarter,
    paymentAmountOre: payment.amountOre.toString(),
  };
}
