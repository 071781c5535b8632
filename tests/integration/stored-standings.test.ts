// Stored standings (decision 034): after every kind of write that changes a score or a rank —
// each made by the real domain command — application_standings equals the reference SQL (the
// list's former per-request computation, scoreAndRankTable). Every step first checks that the
// reference itself moved, so a refresh missing for that write fails the comparison. Then the
// triggers are counted, and on the PostgreSQL server (DATABASE_URL) parallel scoring in one
// call, from separate connections, must leave no stale rank (the refresh's per-call lock).
// The same steps keep the list's stored sort inputs (need, name order) and its count and sum
// per call and status (application_totals, decision 038): compared with their reference SQL
// after every step, and after parallel writes in one call on the server.
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "#db/client";
import { applications, callCostCategories } from "#db/schema";
import type { ApplicationStatus } from "~/domain/applications/application-constants";
import { getDb } from "~/db.server";
import { submitApplication, startApplication } from "~/domain/applications/commands.server";
import { agreeScores, assignAssessors, saveScores, submitAssessment } from "~/domain/assessment/commands.server";
import {
  referenceStandings,
  referenceTotals,
  storedStandings,
  storedTotals,
  type CallStatusTotal,
  type Standing,
} from "~/domain/assessment/standings.server";
import { callFormSchema, callToFormValues } from "~/domain/calls/call-schema";
import { updateCall } from "~/domain/calls/commands.server";
import { importNeedIndex } from "~/domain/calls/need-index.server";
import { getCallForEdit } from "~/domain/calls/queries.server";
import { createUser } from "../fixtures";
import { completeForm } from "./application-helpers";
import { clearCallsAndApplications, makeApplication, makeAssessmentCall } from "./assessment-fixtures";

type Db = Awaited<ReturnType<typeof getDb>>;
const CODES = ["0360", "0101", "0147", "0151", "0153", "0155", "0157", "0159"];

let db: Db;
let callId: number;
let last: { standings: Standing[]; totals: CallStatusTotal[] } = { standings: [], totals: [] };

/** The stored rows equal the reference, and the reference moved since the last step (unless told it need not). */
async function expectStandingsKept(step: string, opts: { moved?: boolean } = {}) {
  const reference = { standings: await referenceStandings(db, [callId]), totals: await referenceTotals(db) };
  if (opts.moved !== false) expect(reference, `${step}: the write changes nothing the test can see`).not.toEqual(last);
  expect(await storedStandings(db, [callId]), step).toEqual(reference.standings);
  expect(await storedTotals(db), `${step}: totals`).toEqual(reference.totals);
  last = reference;
}

beforeAll(async () => {
  db = await getDb();
  await clearCallsAndApplications(db);
  const need = Object.fromEntries(CODES.slice(0, 6).map((c, i) => [c, `${(i % 3) + 1}.5000`]));
  const { call } = await makeAssessmentCall(db, { needIndex: need });
  callId = call.id;
  await db.insert(callCostCategories).values([
    { callId, label: "Vikardækning", sortOrder: 1 },
    { callId, label: "Efteruddannelse", sortOrder: 2 },
  ]);
}, 120_000);

describe("stored standings", () => {
  it("equal the reference SQL after every kind of write, each by its domain command", async () => {
    const admin = await createUser(db, "admin", { name: "Admin Andersen" });
    const a = await createUser(db, "caseworker", { name: "Bedømmer A" });
    const b = await createUser(db, "caseworker", { name: "Bedømmer B" });
    const apps = [];
    for (const [i, code] of CODES.slice(0, 6).entries()) {
      apps.push(await makeApplication(db, callId, code, { status: i === 5 ? "draft" : "formalia_approved", assignedTo: a.userId }));
    }
    await expectStandingsKept("applications created");
    const criteria = (await getCallForEdit(db, admin, callId))!.criteria;
    const scores = (values: (number | null)[]) => criteria.map((c, i) => ({ criterionId: c.id, score: values[i] ?? null, note: "" }));

    // Scores (insert), a changed score (update), a cleared score (delete).
    expect((await saveScores(db, a, apps[0]!.id, scores([5, 4, 3]))).ok).toBe(true);
    await expectStandingsKept("scored");
    expect((await saveScores(db, a, apps[1]!.id, scores([5, 4, 3]))).ok).toBe(true);
    await expectStandingsKept("scored the same: a tie the name breaks");
    expect((await saveScores(db, a, apps[1]!.id, scores([1, 1, 1]))).ok).toBe(true);
    await expectStandingsKept("score changed");
    expect((await saveScores(db, a, apps[0]!.id, scores([5, 4, null]))).ok).toBe(true);
    await expectStandingsKept("score cleared");

    // A second assessor: the single assessment's scores no longer count.
    expect((await assignAssessors(db, admin, apps[1]!.id, { assignedTo: a.userId, secondAssessorId: b.userId })).ok).toBe(true);
    await expectStandingsKept("second assessor assigned");
    // Both assess, then agree: the agreed scores count.
    expect((await saveScores(db, b, apps[1]!.id, scores([2, 2, 2]))).ok).toBe(true);
    await expectStandingsKept("blind second score (counts for nothing yet)", { moved: false });
    expect((await submitAssessment(db, a, apps[1]!.id)).ok).toBe(true);
    expect((await submitAssessment(db, b, apps[1]!.id)).ok).toBe(true);
    expect((await agreeScores(db, a, apps[1]!.id, scores([4, 4, 4]).map((s) => ({ ...s, score: s.score! })))).ok).toBe(true);
    await expectStandingsKept("scores agreed");

    // A new application (a draft) and its submission: the draft partition.
    const municipal = await createUser(db, "municipality", { municipalityCode: CODES[6]!, name: "Mette Hansen" });
    const doomed = await makeApplication(db, callId, CODES[6]!, { status: "draft" });
    await expectStandingsKept("draft inserted");
    await db.delete(applications).where(eq(applications.id, doomed.id));
    await expectStandingsKept("application deleted");
    const started = await startApplication(db, municipal, callId, new Date("2022-01-01T00:00:00Z"));
    if (!started.ok) throw new Error(started.message);
    await expectStandingsKept("application started");
    const categoryIds = (await db.select({ id: callCostCategories.id }).from(callCostCategories).where(eq(callCostCategories.callId, callId))).map((c) => c.id);
    const submitted = await submitApplication(
      db,
      municipal,
      { id: started.value.id, version: 1, values: completeForm(categoryIds), confirmed: true },
      new Date("2022-11-01T00:00:00Z"),
    );
    expect(submitted).toEqual({ ok: true });
    // Submitted without a need index: no rank yet, but it leaves the draft partition; the
    // need index upload below gives it one.
    await expectStandingsKept("application submitted", { moved: false });
    const [{ draft }] = rowsOf<{ draft: boolean }>(await db.execute(sql`SELECT status = 'draft' AS draft FROM applications WHERE id = ${started.value.id}`));
    expect(draft).toBe(false);

    // The need index, uploaded again with other values and one more municipality.
    const rows = CODES.slice(0, 7).map((municipalityCode, i) => ({ line: i + 2, municipalityCode, value: `${7 - i}.2500`, sourceNote: null }));
    expect((await importNeedIndex(db, admin, callId, rows, { filename: "behov.csv" })).ok).toBe(true);
    await expectStandingsKept("need index uploaded");

    // The call's criteria weights (two assessments where the weights matter).
    expect((await saveScores(db, a, apps[2]!.id, scores([5, 1, 3]))).ok).toBe(true);
    expect((await saveScores(db, a, apps[3]!.id, scores([1, 5, 3]))).ok).toBe(true);
    await expectStandingsKept("two more scored");
    const stored = (await getCallForEdit(db, admin, callId))!;
    const values = { ...callToFormValues(stored), "criterionWeight[]": ["10", "10", "80"], expectedGrants: "5" };
    const updated = await updateCall(db, admin, callId, callFormSchema.parse(values));
    expect(updated.ok, JSON.stringify(updated)).toBe(true);
    await expectStandingsKept("criteria weights changed");

    // A draft's amount, autosaved, moves the sum only; its text changes nothing and refreshes nothing.
    await db.update(applications).set({ requestedOre: 12_345_600n }).where(eq(applications.id, apps[5]!.id));
    await expectStandingsKept("draft amount saved");
    await db.update(applications).set({ challenge: "Ny tekst" }).where(eq(applications.id, apps[5]!.id));
    await expectStandingsKept("draft text saved", { moved: false });

    // A municipality's name order (the need and score orders' tie-break) is kept on the row.
    await db.execute(sql`UPDATE municipalities SET sort_key = sort_key || 'x' WHERE code = ${CODES[0]!}`);
    await expectStandingsKept("name order changed");
  });

  it("has a refresh trigger for every write to every input", async () => {
    const triggers = rowsOf<{ name: string }>(
      await db.execute(sql`SELECT t.tgname AS name FROM pg_trigger t WHERE t.tgname LIKE '%\_standings\_%' AND NOT t.tgisinternal ORDER BY 1`),
    ).map((r) => r.name);
    const expected = ["assessment_scores", "agreed_scores", "call_criteria", "need_index_entries", "applications"].flatMap((t) =>
      ["insert", "update", "delete"].map((op) => `${t}_standings_${op}`),
    );
    expect(triggers.sort()).toEqual([...expected, "municipalities_standings_update"].sort());
  });

  it("has a totals trigger for every write to applications", async () => {
    const triggers = rowsOf<{ name: string }>(
      await db.execute(sql`SELECT t.tgname AS name FROM pg_trigger t WHERE t.tgname LIKE '%\_totals\_%' AND NOT t.tgisinternal ORDER BY 1`),
    ).map((r) => r.name);
    expect(triggers.sort()).toEqual(["delete", "insert", "update"].map((op) => `applications_totals_${op}`));
  });

  it("leaves no stale rank when many transactions score in the same call at once", async () => {
    await clearCallsAndApplications(db);
    const need = Object.fromEntries(CODES.map((c) => [c, "3.0000"])); // one need: the scores alone rank
    const { call, criteria } = await makeAssessmentCall(db, { needIndex: need });
    callId = call.id;
    const a = await createUser(db, "caseworker", { name: "Bedømmer A" });
    const apps = [];
    for (const code of CODES) apps.push(await makeApplication(db, call.id, code, { status: "formalia_approved", assignedTo: a.userId }));
    const scoresOf = (v: number) => criteria.map((c) => ({ criterionId: c.id, score: v, note: "" }));
    // On the server the pool has several connections, so these run in parallel
    // transactions; on PGlite (one connection) one after the other.
    for (let round = 0; round < 5; round++) {
      const results = await Promise.all(apps.map((app, i) => saveScores(db, a, app.id, scoresOf((i + round) % 6))));
      expect(results.every((r) => r.ok)).toBe(true);
      await expectStandingsKept(`parallel round ${round}`, { moved: false });
    }

    // Parallel transactions moving applications between statuses and amounts in one call
    // (and into statuses the call has no row for yet): the totals add every difference.
    const moves: ApplicationStatus[] = ["submitted", "assessed", "rejected", "granted"];
    for (let round = 0; round < 5; round++) {
      await Promise.all(
        apps.map((app, i) =>
          db.transaction(async (tx) => {
            await tx
              .update(applications)
              .set({ status: moves[(i + round) % moves.length]!, requestedOre: BigInt(1_000_000 * (i + 1) + round) })
              .where(eq(applications.id, app.id));
          }),
        ),
      );
      await expectStandingsKept(`parallel status and amount round ${round}`, { moved: false });
    }
  }, 120_000);
});
