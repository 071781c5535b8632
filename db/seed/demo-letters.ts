// Demo data for letters and acceptance, run at the end of the demo seed once the grants
// exist: every grant gets its award letter and every rejection its letter, and one grant
// in the fictitious follow-up pool is left "offered" with a deadline ahead, so a new user
// (Morsø Kommune's demo login) can accept it.
import { eq } from "drizzle-orm";
import { APPLICATION_STATUSES, type ApplicationStatus } from "../../app/domain/applications/application-constants";
import { issueDecisionLetters, pendingDecisionLetters } from "../../app/domain/grants/letters/letters.server";
import { postLedgerEntry } from "../../app/domain/grants/ledger.server";
import { copenhagenDateString, copenhagenInstant, quartersBetween } from "../../app/utils/dates";
import type { Tx } from "../client";
import {
  applicationBudgetLines,
  applications,
  budgetVersionLines,
  budgetVersions,
  callCostCategories,
  callEligibleMunicipalities,
  calls,
  grants,
  pools,
} from "../schema";
import { DEMO_DOMAIN, DEMO_FOLLOW_UP_POOL, MUNICIPALITY_PEOPLE } from "./demo-content";
import { demoBudget, sumOre } from "./demo-numbers";

const DAY_MS = 24 * 60 * 60 * 1000;

/** "granted" (the allocation board's status for a decided grant) once the status machine has it; until then "assessed". */
function decidedStatus(): ApplicationStatus {
  return ((APPLICATION_STATUSES as readonly string[]).includes("granted") ? "granted" : "assessed") as ApplicationStatus;
}
const system = { userId: null, role: "system", requestId: "seed" } as const;

export const OFFERED_DEMO = {
  municipality: "Morsø",
  callTitle: "Opfølgningspuljen – hurtigspor for kommuner i gang med Barnets Lov (fiktiv demorunde)",
  totalKr: 1_140_000,
  conditions: "Kommunen deltager i to tværkommunale læringsseminarer i projektperioden. (Demodata.)",
};

export async function seedDemoLetters(
  tx: Tx,
  opts: { now: Date; adminId: string; caseworkerId: string; userIdOf: (key: string) => string; codeOf: (name: string) => string },
) {
  const { now } = opts;
  const year = Number(copenhagenDateString(now).slice(0, 4));
  const [pool] = await tx.select({ id: pools.id }).from(pools).where(eq(pools.name, DEMO_FOLLOW_UP_POOL.name));
  const code = opts.codeOf(OFFERED_DEMO.municipality);
  const author = opts.userIdOf(OFFERED_DEMO.municipality);
  const projectStart = `${year + 1}-01-01`;
  const projectEnd = `${year + 2}-12-31`;

  // A small, closed round in the follow-up pool, decided two days ago.
  const [call] = await tx
    .insert(calls)
    .values({
      poolId: pool!.id,
      title: OFFERED_DEMO.callTitle,
      purpose: "Et hurtigspor for kommuner, der allerede er i gang. Fiktiv demorunde: beløb og afgørelse er opdigtede.",
      projectStart,
      projectEnd,
      deadline: copenhagenInstant(copenhagenDateString(new Date(now.getTime() - 30 * DAY_MS)), "12:00"),
      expectedGrants: 1,
      status: "published",
      publishedAt: new Date(now.getTime() - 60 * DAY_MS),
      acceptanceDays: 14,
      createdBy: opts.adminId,
      createdAt: new Date(now.getTime() - 61 * DAY_MS),
      updatedAt: new Date(now.getTime() - 60 * DAY_MS),
    })
    .returning({ id: calls.id });
  const categories = await tx
    .insert(callCostCategories)
    .values(["Vikardækning", "Efteruddannelse", "Midlertidig ekstra bemanding"].map((label, i) => ({ callId: call!.id, label, sortOrder: i + 1 })))
    .returning({ id: callCostCategories.id });
  await tx.insert(callEligibleMunicipalities).values({ callId: call!.id, municipalityCode: code });

  const lines = demoBudget(quartersBetween(projectStart, projectEnd), categories.map((c) => c.id), OFFERED_DEMO.totalKr, 77);
  const awardedOre = sumOre(lines);
  const person = MUNICIPALITY_PEOPLE[OFFERED_DEMO.municipality]!;
  const submittedAt = new Date(now.getTime() - 35 * DAY_MS);
  const decidedAt = new Date(now.getTime() - 2 * DAY_MS);
  const [app] = await tx
    .insert(applications)
    .values({
      callId: call!.id,
      municipalityCode: code,
      status: decidedStatus(),
      version: 2,
      contactName: person.contact,
      contactEmail: `${person.login}.kontakt@${DEMO_DOMAIN}`,
      contactPhone: person.phone,
      signatoryName: person.contact,
      signatoryTitle: "Børne- og familiechef",
      challenge: "Morsø vil fastholde den systematiske sagsgennemgang fra første runde med vikardækning, mens rådgiverne efteruddannes. (Demodata.)",
      activities: "Vikardækning, et efteruddannelsesforløb i børneinddragelse og en midlertidig ekstra rådgiver.",
      expectedEffect: "Færre skift af sagsbehandler og mere inddragelse af barnet.",
      themes: ["inddragelse", "opfoelgning"],
      requestedOre: awardedOre,
      submittedAt,
      submittedBy: author,
      assignedTo: opts.caseworkerId,
      createdBy: author,
      updatedBy: opts.caseworkerId,
      createdAt: new Date(submittedAt.getTime() - 5 * DAY_MS),
      updatedAt: decidedAt,
    })
    .returning({ id: applications.id });
  await tx.insert(applicationBudgetLines).values(lines.map((l) => ({ ...l, applicationId: app!.id })));

  const [grant] = await tx
    .insert(grants)
    .values({
      applicationId: app!.id,
      callId: call!.id,
      poolId: pool!.id,
      municipalityCode: code,
      awardedOre,
      status: "offered",
      conditions: OFFERED_DEMO.conditions,
      projectStart,
      projectEnd,
      // Twelve days left to accept, ending at midnight Copenhagen time.
      acceptanceDeadline: copenhagenInstant(copenhagenDateString(new Date(now.getTime() + 12 * DAY_MS)), "23:59"),
      latestStartOn: `${year + 1}-06-30`,
      accountsDueOn: `${year + 3}-03-31`,
      decidedBy: opts.adminId,
      decidedAt,
    })
    .returning({ id: grants.id });
  const [version] = await tx.insert(budgetVersions).values({ grantId: grant!.id, version: 1, note: "Budget godkendt med tilsagnet", createdBy: opts.adminId }).returning();
  await tx.insert(budgetVersionLines).values(lines.map((l) => ({ budgetVersionId: version!.id, categoryId: l.categoryId, quarter: l.quarter, amountOre: l.amountOre })));
  const committed = await postLedgerEntry(tx, system, {
    grantId: grant!.id,
    kind: "committed",
    committedDeltaOre: awardedOre,
    note: "Tilsagn (demodata)",
    bookedOn: copenhagenDateString(decidedAt),
  });
  if (!committed.ok) throw new Error(committed.message);

  // Letters for every grant and rejection in the demo, the historical ones included.
  const { letterIds } = await issueDecisionLetters(tx, system, await pendingDecisionLetters(tx));
  return { offeredGrantId: grant!.id, letters: letterIds.length };
}
