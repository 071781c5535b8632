// Demo data for `npm start`: users of every role with one known password, the 2022
// call with submitted and assessed applications, and an open follow-up call.
// The caller seeds only an empty database (no users); everything is one transaction.
import { hashPassword } from "../../app/auth/password.server";
import { audit } from "../../app/utils/audit.server";
import { copenhagenDateString, copenhagenInstant, quartersBetween } from "../../app/utils/dates";
import type { Database, Tx } from "../client";
import {
  agencies,
  applicationBudgetLines,
  applications,
  assessmentScores,
  assessmentSubmissions,
  callCostCategories,
  callCriteria,
  callEligibleMunicipalities,
  calls,
  formalChecks,
  memberships,
  needIndexEntries,
  pools,
  users,
} from "../schema";
import type { ApplicationStatus } from "../../app/domain/applications/application-constants";
import {
  applicationTexts,
  CRITERIA,
  DEMO_DOMAIN,
  DEMO_NOTE,
  DEMO_PASSWORD,
  DEMO_USERS,
  EXTRA_APPLICANT,
  DEMO_FOLLOW_UP_POOL,
  FOLLOW_UP_CALL,
  FORMAL_REQUIREMENTS,
  GRANTED,
  HISTORICAL_CALL,
  MUNICIPALITY_PEOPLE,
  NOT_GRANTED,
  REJECTION_REASONS,
} from "./demo-content";
import { seedDemoBudgetChange } from "./demo-budget-change";
import { seedDemoPayments } from "./demo-payments";
import { seedDemoSettlement } from "./demo-settlement";
import { demoBudget, demoNeedIndex, sumOre } from "./demo-numbers";
import { DEMO_NOT_GRANTED_REASON, seedDemoAllocation } from "./demo-allocation";
import { seedDemoLetters } from "./demo-letters";
import { seedDemoProgrammes } from "./demo-programmes";
import { seedDemoReports } from "./demo-reports";
import { readMunicipalities, seedReference } from "./reference";

export { DEMO_PASSWORD, demoLogins, GRANTED, NOT_GRANTED, type DemoLogin } from "./demo-content";

export const PRODUCTION_REFUSAL =
  "Demodata må ikke oprettes i produktion (NODE_ENV=production): demobrugerne har en kendt adgangskode. " +
  "Opret i stedet den første administrator med `npx tsx scripts/create-admin.ts`.";

const DAY_MS = 24 * 60 * 60 * 1000;
const system = { userId: null, role: "system", requestId: "seed" } as const;

export async function seedDemo(db: Database, opts: { now?: Date } = {}) {
  if (process.env.NODE_ENV === "production") throw new Error(PRODUCTION_REFUSAL);
  const now = opts.now ?? new Date();
  // argon2 is deliberately slow: hash the one shared password once, outside the transaction.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    const poolId = await seedReference(tx);
    const all = readMunicipalities();
    const codeByName = new Map(all.map((m) => [m.name, m.code]));
    const codeOf = (name: string) => {
      const code = codeByName.get(name);
      if (!code) throw new Error(`Ukendt kommune i demodata: ${name}`);
      return code;
    };
    const userIds = await insertUsers(tx, passwordHash, codeOf);
    const adminId = userIds.get("admin")!;
    const caseworkerId = userIds.get("caseworker")!;

    // ---------------------------------------------------------------- the 2022 call
    const historical = await insertCall(tx, {
      poolId,
      createdBy: adminId,
      title: HISTORICAL_CALL.title,
      purpose: HISTORICAL_CALL.purpose,
      projectStart: HISTORICAL_CALL.projectStart,
      projectEnd: HISTORICAL_CALL.projectEnd,
      deadline: copenhagenInstant(HISTORICAL_CALL.deadline.date, HISTORICAL_CALL.deadline.time),
      publishedAt: copenhagenInstant(HISTORICAL_CALL.publishedAt.date, HISTORICAL_CALL.publishedAt.time),
      expectedGrants: HISTORICAL_CALL.expectedGrants,
      maxAmountOre: null,
      categories: HISTORICAL_CALL.categories,
      municipalityCodes: all.map((m) => m.code),
    });

    const ranked = [...GRANTED, ...NOT_GRANTED].map(codeOf);
    const needIndex = demoNeedIndex(
      all.map((m) => m.code),
      ranked,
    );
    await tx.insert(needIndexEntries).values(
      [...needIndex].map(([municipalityCode, value]) => ({
        callId: historical.id,
        municipalityCode,
        value,
        sourceNote: DEMO_NOTE,
        importedBy: adminId,
        importedAt: copenhagenInstant("2022-10-03", "09:00"),
      })),
    );

    const quarters = quartersBetween(HISTORICAL_CALL.projectStart, HISTORICAL_CALL.projectEnd);
    const applicants = [...GRANTED, ...NOT_GRANTED, EXTRA_APPLICANT];
    // The nine granted ask for more than the pool holds together, so the last of them is reduced (demo split).
    const totalsKr = [1_880_000, 1_620_000, 1_650_000, 1_410_000, 1_730_000, 1_560_000, 1_590_000, 1_470_000, 1_940_000, 1_610_000, 1_350_000, 1_120_000];
    let budgetLines = 0;
    let formalRows = 0;
    let scoreRows = 0;
    for (const [i, name] of applicants.entries()) {
      const userId = userIds.get(name)!;
      const status = historicalStatus(name, i);
      const lines = demoBudget(quarters, historical.categoryIds, totalsKr[i], 101 + i);
      // Submissions spread over the last three weeks, all before the deadline.
      const submittedAt = new Date(copenhagenInstant("2022-10-17", "10:00").getTime() + i * 1.7 * DAY_MS);
      const [app] = await tx
        .insert(applications)
        .values({
          callId: historical.id,
          municipalityCode: codeOf(name),
          status,
          version: 3,
          ...contactOf(name),
          ...applicationTexts(name, i),
          requestedOre: sumOre(lines),
          submittedAt,
          submittedBy: userId,
          rejectionReason: status === "rejection_proposed" ? REJECTION_REASONS[name] : null,
          assignedTo: caseworkerId,
          createdBy: userId,
          updatedBy: status === "submitted" ? userId : caseworkerId,
          createdAt: new Date(submittedAt.getTime() - 9 * DAY_MS),
          updatedAt: copenhagenInstant("2022-11-28", "14:00"),
        })
        .returning({ id: applications.id });
      await tx.insert(applicationBudgetLines).values(lines.map((l) => ({ ...l, applicationId: app.id })));
      budgetLines += lines.length;

      await tx.insert(formalChecks).values(
        FORMAL_REQUIREMENTS.map((requirement) => ({
          applicationId: app.id,
          requirement,
          met: true,
          checkedBy: caseworkerId,
          checkedAt: copenhagenInstant("2022-11-14", "11:00"),
        })),
      );
      formalRows += FORMAL_REQUIREMENTS.length;
      if (status === "assessed" || status === "rejection_proposed") {
        const strong = (GRANTED as readonly string[]).includes(name);
        await tx.insert(assessmentScores).values(
          historical.criterionIds.map((criterionId, c) => ({
            applicationId: app.id,
            criterionId,
            score: strong ? 3 + ((i + c) % 3) : 2 + ((i + c) % 2),
            note: strong ? "Klar sammenhæng mellem udfordring, aktiviteter og budget." : "Relevant, men svagere begrundet.",
            assessorId: caseworkerId,
            scoredAt: copenhagenInstant("2022-11-24", "13:30"),
          })),
        );
        scoreRows += historical.criterionIds.length;
      }
    }

    // ---------------------------------------------------------------- December 2022: the allocation round
    const allocation = await seedDemoAllocation(tx, {
      callId: historical.id,
      adminId,
      caseworkerId,
      granted: [...GRANTED],
      rejected: { ...DEMO_NOT_GRANTED_REASON, ...REJECTION_REASONS },
      codeOf,
    });

    // ---------------------------------------------------------------- the open follow-up call
    const year = Number(copenhagenDateString(now).slice(0, 4));
    // On its own, clearly invented pool whose period contains the call's.
    const [followUpPool] = await tx
      .insert(pools)
      .values({ ...DEMO_FOLLOW_UP_POOL, startsOn: `${year}-01-01`, endsOn: `${year + 2}-12-31` })
      .returning({ id: pools.id });
    const followUp = await insertCall(tx, {
      poolId: followUpPool.id,
      createdBy: adminId,
      title: FOLLOW_UP_CALL.title,
      purpose: FOLLOW_UP_CALL.purpose,
      projectStart: `${year + 1}-01-01`,
      projectEnd: `${year + 2}-12-31`,
      deadline: copenhagenInstant(copenhagenDateString(new Date(now.getTime() + 45 * DAY_MS)), "12:00"),
      publishedAt: new Date(now.getTime() - 2 * DAY_MS),
      expectedGrants: FOLLOW_UP_CALL.expectedGrants,
      maxAmountOre: FOLLOW_UP_CALL.maxAmountOre,
      categories: FOLLOW_UP_CALL.categories,
      municipalityCodes: all.map((m) => m.code),
    });
    // Guldborgsund has started a draft (half the budget filled in); Lolland has not applied yet.
    const draftAuthor = userIds.get("Guldborgsund")!;
    const draftLines = demoBudget(
      quartersBetween(`${year + 1}-01-01`, `${year + 1}-12-31`),
      followUp.categoryIds.slice(0, 2),
      600_000,
      7,
    );
    const [draft] = await tx
      .insert(applications)
      .values({
        callId: followUp.id,
        municipalityCode: codeOf("Guldborgsund"),
        status: "draft",
        ...contactOf("Guldborgsund"),
        challenge:
          "Erfaringerne fra første runde viser, at nye rådgivere har brug for fast sparring det første år. " +
          "(Kladde – ikke indsendt.)",
        activities: "",
        expectedEffect: "",
        themes: ["inddragelse"],
        requestedOre: sumOre(draftLines),
        createdBy: draftAuthor,
        updatedBy: draftAuthor,
        createdAt: new Date(now.getTime() - DAY_MS),
        updatedAt: new Date(now.getTime() - DAY_MS),
      })
      .returning({ id: applications.id });
    await tx.insert(applicationBudgetLines).values(draftLines.map((l) => ({ ...l, applicationId: draft.id })));
    budgetLines += draftLines.length;

    // One historical budget change on the 2022 grants (once they are seeded): Samsø's, June 2023.
    await seedDemoBudgetChange(tx, {
      callId: historical.id,
      municipalityCode: codeOf("Samsø"),
      requestedBy: userIds.get("Samsø") ?? null,
      decidedBy: caseworkerId,
    });

    // Reporting: the pools' indicators, and the nine grants' plans together with their status reports
    // 2023–2025 (a plan without its reports would put every grant on hold). Langeland missed one, so
    // its payments are held (source 'report') until the caseworker approves the late report.
    const reports = await seedDemoReports(tx, {
      callId: historical.id,
      poolIds: [poolId, followUpPool.id],
      adminId,
      caseworkerId,
      userIdOf: (key) => userIds.get(key)!,
      codeOf,
      now,
    });

    // Payments on the 2022 grants (once they are seeded): through 3. kvt. 2024 paid, the last quarter
    // approved or prepared on some, and left planned on the held grant (Langeland's).
    await seedDemoPayments(tx, { callId: historical.id, preparedBy: caseworkerId, approvedBy: adminId });

    // Struer's grant settled: last payment paid, accounts slightly under the grant approved, the
    // small repayment (over the 500 kr. threshold) recorded as paid: "afsluttet".
    await seedDemoSettlement(tx, {
      callId: historical.id,
      municipalityCode: codeOf("Struer"),
      municipalityUserId: userIds.get("Struer")!,
      caseworkerId,
      adminId,
    });

    // Odsherred has applied and been scored twice, blind: both assessments are in and differ by 2 on one criterion.
    const doubleScored = await insertDoubleAssessed(tx, {
      callId: followUp.id,
      municipalityCode: codeOf("Odsherred"),
      author: userIds.get("Odsherred")!,
      assessors: [caseworkerId, adminId],
      categoryIds: followUp.categoryIds.slice(0, 3),
      criterionIds: followUp.criterionIds,
      quarters: quartersBetween(`${year + 1}-01-01`, `${year + 2}-12-31`),
      now,
    });
    budgetLines += doubleScored.budgetLines;
    formalRows += FORMAL_REQUIREMENTS.length;
    scoreRows += doubleScored.scoreRows;

    // Letters for the decided grants and rejections, and one grant left to accept.
    const letters = await seedDemoLetters(tx, {
      now,
      adminId,
      caseworkerId,
      userIdOf: (key) => userIds.get(key)!,
      codeOf,
    });

    // The nine grants' advisory programmes (2023–2025) and two cross-municipal sessions.
    const programmes = await seedDemoProgrammes(tx, { callId: historical.id, adminId, userIdOf: (key) => userIds.get(key)!, codeOf });

    const counts = {
      users: userIds.size,
      calls: 2,
      applications: applicants.length + 2,
      budgetLines,
      needIndexEntries: needIndex.size,
      formalChecks: formalRows,
      assessmentScores: scoreRows,
      grants: allocation.grantIds.length,
      rejections: allocation.rejected,
      decisionLetters: letters.letters,
      programmes: programmes.programmes,
      milestones: programmes.milestones,
      sessions: programmes.sessions,
      reportDueDates: reports.dueDates,
      progressReports: reports.reports,
    };
    await audit(tx, system, { action: "seed.demo", entityType: "database", after: { ...counts, domain: DEMO_DOMAIN } });
    return { counts, historicalCallId: historical.id, openCallId: followUp.id, grantIds: allocation.grantIds, adminId, caseworkerId };
  });
}

/**
 * A submitted application on the open call with two independent assessments, both
 * submitted ("Afgiv vurdering"), no agreement yet: the side-by-side view shows a flagged
 * difference of 2 on the first criterion (decision 017).
 */
async function insertDoubleAssessed(
  tx: Tx,
  spec: {
    callId: number;
    municipalityCode: string;
    author: string;
    assessors: [string, string];
    categoryIds: number[];
    criterionIds: number[];
    quarters: string[];
    now: Date;
  },
) {
  const person = MUNICIPALITY_PEOPLE.Odsherred;
  const lines = demoBudget(spec.quarters, spec.categoryIds, 1_450_000, 23);
  const submittedAt = new Date(spec.now.getTime() - 6 * DAY_MS);
  const [first, second] = spec.assessors;
  const [app] = await tx
    .insert(applications)
    .values({
      callId: spec.callId,
      municipalityCode: spec.municipalityCode,
      status: "formalia_approved",
      version: 2,
      ...contactOf("Odsherred"),
      ...applicationTexts("Odsherred", 4),
      requestedOre: sumOre(lines),
      submittedAt,
      submittedBy: spec.author,
      assignedTo: first,
      secondAssessorId: second,
      createdBy: spec.author,
      updatedBy: first,
      createdAt: new Date(submittedAt.getTime() - 5 * DAY_MS),
      updatedAt: new Date(spec.now.getTime() - 2 * DAY_MS),
    })
    .returning({ id: applications.id });
  await tx.insert(applicationBudgetLines).values(lines.map((l) => ({ ...l, applicationId: app.id })));
  await tx.insert(formalChecks).values(
    FORMAL_REQUIREMENTS.map((requirement) => ({
      applicationId: app.id,
      requirement,
      met: true,
      checkedBy: first,
      checkedAt: new Date(spec.now.getTime() - 4 * DAY_MS),
    })),
  );
  // First criterion 4 against 2 (flagged), the others 1 apart or equal.
  const scoresOf = [
    [4, 3, 3, 4],
    [2, 3, 4, 4],
  ];
  const notes = [`${person.contact} beskriver et tydeligt behov; aktiviteterne er konkrete.`, "Formålet er kun delvis begrundet i ansøgningen."];
  const rows = spec.assessors.flatMap((assessorId, a) =>
    spec.criterionIds.map((criterionId, c) => ({
      applicationId: app.id,
      criterionId,
      assessorId,
      score: scoresOf[a][c % 4],
      note: c === 0 ? notes[a] : "",
      scoredAt: new Date(spec.now.getTime() - (3 - a) * DAY_MS),
    })),
  );
  await tx.insert(assessmentScores).values(rows);
  await tx.insert(assessmentSubmissions).values(
    spec.assessors.map((assessorId, a) => ({ applicationId: app.id, assessorId, submittedAt: new Date(spec.now.getTime() - (3 - a) * DAY_MS) })),
  );
  return { id: app.id, budgetLines: lines.length, scoreRows: rows.length };
}

/** Nine granted: six assessed, three through formalia; two of the others proposed for rejection. */
function historicalStatus(name: string, index: number): ApplicationStatus {
  if (REJECTION_REASONS[name]) return "rejection_proposed";
  if (name === "Guldborgsund") return "assessed";
  return index < 6 ? "assessed" : "formalia_approved";
}

function contactOf(name: string) {
  const person = MUNICIPALITY_PEOPLE[name];
  return {
    contactName: person.contact,
    contactEmail: `${person.login}.kontakt@${DEMO_DOMAIN}`,
    contactPhone: person.phone,
    signatoryName: person.contact,
    signatoryTitle: "Børne- og familiechef",
  };
}

async function insertUsers(tx: Tx, passwordHash: string, codeOf: (name: string) => string) {
  const agencyRows = await tx.select({ id: agencies.id, slug: agencies.slug }).from(agencies);
  const agencyId = new Map(agencyRows.map((a) => [a.slug, a.id]));
  const inserted = await tx
    .insert(users)
    .values(DEMO_USERS.map((u) => ({ email: u.email, name: u.name, passwordHash, isDemo: true })))
    .returning({ id: users.id, email: users.email });
  const idByEmail = new Map(inserted.map((u) => [u.email, u.id]));
  await tx.insert(memberships).values(
    DEMO_USERS.map((u) => ({
      userId: idByEmail.get(u.email)!,
      role: u.role,
      municipalityCode: u.municipality ? codeOf(u.municipality) : null,
      agencyId: u.agencySlug ? agencyId.get(u.agencySlug)! : null,
    })),
  );
  return new Map(DEMO_USERS.map((u) => [u.key, idByEmail.get(u.email)!]));
}

type CallSpec = {
  poolId: number;
  createdBy: string;
  title: string;
  purpose: string;
  projectStart: string;
  projectEnd: string;
  deadline: Date;
  publishedAt: Date;
  expectedGrants: number;
  maxAmountOre: bigint | null;
  categories: string[];
  municipalityCodes: string[];
};

async function insertCall(tx: Tx, spec: CallSpec) {
  const [call] = await tx
    .insert(calls)
    .values({
      poolId: spec.poolId,
      title: spec.title,
      purpose: spec.purpose,
      projectStart: spec.projectStart,
      projectEnd: spec.projectEnd,
      deadline: spec.deadline,
      expectedGrants: spec.expectedGrants,
      maxAmountOre: spec.maxAmountOre,
      status: "published",
      publishedAt: spec.publishedAt,
      createdBy: spec.createdBy,
      createdAt: new Date(spec.publishedAt.getTime() - 7 * DAY_MS),
      updatedAt: spec.publishedAt,
    })
    .returning({ id: calls.id });
  const categories = await tx
    .insert(callCostCategories)
    .values(spec.categories.map((label, i) => ({ callId: call.id, label, sortOrder: i + 1 })))
    .returning({ id: callCostCategories.id, sortOrder: callCostCategories.sortOrder });
  const criteria = await tx
    .insert(callCriteria)
    .values(CRITERIA.map((c, i) => ({ callId: call.id, ...c, sortOrder: i + 1 })))
    .returning({ id: callCriteria.id, sortOrder: callCriteria.sortOrder });
  await tx
    .insert(callEligibleMunicipalities)
    .values(spec.municipalityCodes.map((municipalityCode) => ({ callId: call.id, municipalityCode })));
  const bySort = <T extends { sortOrder: number; id: number }>(rows: T[]) =>
    rows.sort((a, b) => a.sortOrder - b.sortOrder).map((r) => r.id);
  return { id: call.id, categoryIds: bySort(categories), criterionIds: bySort(criteria) };
}
