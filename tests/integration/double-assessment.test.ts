// Two independent assessments (decision 017), against a real database (PGlite, and the
// PostgreSQL server when DATABASE_URL is set). The blind rule is asserted on the query
// itself: assessor B's read of the scores returns none of A's rows, nor A's notes, until
// both have submitted, whoever asks.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { agreedScores, assessmentScores, assessmentSubmissions } from "#db/schema";
import { getDb } from "~/db.server";
import {
  agreeScores,
  assignAssessors,
  completeAssessment,
  saveScores,
  submitAssessment,
} from "~/domain/assessment/commands.server";
import { visibleScores } from "~/domain/assessment/queries.server";
import { getCallRanking } from "~/domain/assessment/ranking.server";
import { action, loader } from "~/routes/applications.$applicationId.assessment";
import { createUser, postForm, signedInRequest } from "../fixtures";
import { settle, type DataResult } from "../support/route-result";
import { appRow, auditRows, clearCallsAndApplications, ctx, makeApplication, makeAssessmentCall } from "./assessment-fixtures";

async function setup() {
  const db = await getDb();
  await clearCallsAndApplications(db);
  const { call, criteria } = await makeAssessmentCall(db, { needIndex: { "0360": "9.5000" } });
  const app = await makeApplication(db, call.id, "0360", { status: "formalia_approved" });
  const admin = await createUser(db, "admin", { name: "Admin Andersen" });
  const a = await createUser(db, "caseworker", { name: "Bedømmer A" });
  const b = await createUser(db, "caseworker", { name: "Bedømmer B" });
  const other = await createUser(db, "caseworker", { name: "Tredje Sagsbehandler" });
  expect(await assignAssessors(db, admin, app.id, { assignedTo: a.userId, secondAssessorId: b.userId })).toEqual({ ok: true, value: undefined });
  const scoresOf = (values: number[], note = "") =>
    criteria.map((c, i) => ({ criterionId: c.id, score: values[i], note: i === 0 ? note : "" }));
  return { db, call, criteria, app, admin, a, b, other, scoresOf };
}

/** Everything a loader hands the page, as text (bigint money included). */
const json = (v: unknown) => JSON.stringify(v, (_, x) => (typeof x === "bigint" ? String(x) : x));

type Db = Awaited<ReturnType<typeof getDb>>;

async function post(db: Db, user: { userId: string }, id: number, fields: Record<string, string>) {
  const request = await postForm(db, user, `/applications/${id}/assessment`, fields);
  return settle(action({ request, params: { applicationId: String(id) }, ...ctx }) as unknown as Promise<DataResult>);
}

async function page(db: Db, user: { userId: string }, id: number) {
  return loader({ request: await signedInRequest(db, user, `/applications/${id}/assessment`), params: { applicationId: String(id) }, ...ctx });
}

describe("the blind rule, in the query", () => {
  it("B reads none of A's scores or notes until both have submitted; A's submission alone does not open them", async () => {
    const { db, app, admin, a, b, other, scoresOf } = await setup();
    expect((await saveScores(db, a, app.id, scoresOf([4, 3, 5], "A's hemmelige bemærkning"))).ok).toBe(true);

    // The rows are there…
    expect(await db.select().from(assessmentScores).where(eq(assessmentScores.applicationId, app.id))).toHaveLength(3);
    // …but B's query (and an admin's, and a third caseworker's) does not return them.
    expect(await visibleScores(db, b, app.id)).toEqual([]);
    expect(await visibleScores(db, admin, app.id)).toEqual([]);
    expect(await visibleScores(db, other, app.id)).toEqual([]);
    expect((await visibleScores(db, a, app.id)).map((s) => s.score).sort()).toEqual([3, 4, 5]);

    // A submits: still blind for B, who has not.
    expect((await submitAssessment(db, a, app.id)).ok).toBe(true);
    expect((await saveScores(db, b, app.id, scoresOf([2, 3, 4]))).ok).toBe(true);
    expect((await visibleScores(db, b, app.id)).map((s) => s.assessorId)).toEqual([b.userId, b.userId, b.userId]);
    const bPage = await page(db, b, app.id);
    expect(bPage.comparison).toBeNull();
    expect(bPage.scores.map((s) => s.score).sort()).toEqual([2, 3, 4]);
    expect(json(bPage)).not.toContain("hemmelige");
    expect(json(await page(db, admin, app.id))).not.toContain("hemmelige");
    // A, having submitted, sees that B has not, but not B's scores.
    const aPage = await page(db, a, app.id);
    expect(aPage.assessment.second?.submittedAt).toBeNull();
    expect(aPage.scores.every((s) => [3, 4, 5].includes(s.score))).toBe(true);
    expect(await visibleScores(db, a, app.id)).toHaveLength(3);

    // Both in: everyone sees both, side by side, the difference of 2 flagged.
    expect((await submitAssessment(db, b, app.id)).ok).toBe(true);
    for (const who of [a, b, admin, other]) expect(await visibleScores(db, who, app.id)).toHaveLength(6);
    const both = await page(db, other, app.id);
    expect(both.comparison?.map((r) => [r.first?.score, r.second?.score, r.flagged, r.proposal])).toEqual([
      [4, 2, true, 3],
      [3, 3, false, 3],
      [5, 4, false, 5],
    ]);
    expect(json(both)).toContain("hemmelige");
  }, 60_000);

  it("a single assessment (no second assessor) stays visible to every caseworker, as before", async () => {
    const { db, app, admin, a, other, scoresOf } = await setup();
    expect((await assignAssessors(db, admin, app.id, { assignedTo: a.userId, secondAssessorId: null })).ok).toBe(true);
    expect((await saveScores(db, a, app.id, scoresOf([4, 3, 5]))).ok).toBe(true);
    expect(await visibleScores(db, other, app.id)).toHaveLength(3);
    expect((await page(db, other, app.id)).score.tenths).toBe(39);
  });
});

describe("submitting (Afgiv vurdering)", () => {
  it("needs every criterion scored, locks the assessor's own scores, and is audited", async () => {
    const { db, app, a, scoresOf, criteria } = await setup();
    expect((await saveScores(db, a, app.id, scoresOf([4, 3, 5]).slice(0, 2))).ok).toBe(true);
    const early = await submitAssessment(db, a, app.id);
    expect(early).toMatchObject({ ok: false, kind: "conflict" });
    expect(await db.select().from(assessmentSubmissions)).toEqual([]);

    expect((await saveScores(db, a, app.id, [{ criterionId: criteria[2].id, score: 5, note: "" }])).ok).toBe(true);
    expect((await submitAssessment(db, a, app.id)).ok).toBe(true);
    const locked = await saveScores(db, a, app.id, scoresOf([1, 1, 1]));
    expect(locked).toMatchObject({ ok: false, kind: "conflict", message: "Du har afgivet din vurdering og kan ikke længere ændre dine scorer." });
    expect(await submitAssessment(db, a, app.id)).toMatchObject({ ok: false, kind: "conflict" });
    expect((await visibleScores(db, a, app.id)).map((s) => s.score).sort()).toEqual([3, 4, 5]);
    const submitted = (await auditRows(db, app.id)).filter((r) => r.action === "application.assessment_submitted");
    expect(submitted).toHaveLength(1);
    expect(submitted[0].actorUserId).toBe(a.userId);
  });

  it("only the two assigned assessors may score or submit", async () => {
    const { db, app, other, scoresOf } = await setup();
    expect(await saveScores(db, other, app.id, scoresOf([4, 3, 5]))).toMatchObject({ ok: false, kind: "refused" });
    expect(await submitAssessment(db, other, app.id)).toMatchObject({ ok: false, kind: "refused" });
    const res = await post(db, other, app.id, { intent: "submit_assessment" });
    expect((res as DataResult).init?.status).toBe(403);
  });
});

describe("agreeing (enighed) and what the ranking counts", () => {
  it("is refused before both have submitted; a flagged difference needs a note; the ranking then counts the agreed scores", async () => {
    const { db, call, app, a, b, other, scoresOf, criteria } = await setup();
    await saveScores(db, a, app.id, scoresOf([4, 3, 5]));
    await submitAssessment(db, a, app.id);
    await saveScores(db, b, app.id, scoresOf([2, 3, 4]));
    const agreement = (notes: string[]) => criteria.map((c, i) => ({ criterionId: c.id, score: [3, 3, 5][i], note: notes[i] ?? "" }));

    expect(await agreeScores(db, other, app.id, agreement(["Drøftet"]))).toMatchObject({ ok: false, kind: "conflict" });
    // B's own scores must not leak into the ranking, either, before the agreement.
    const blind = await getCallRanking(db, call.id);
    expect(blind?.rows.find((r) => r.id === app.id)?.score.tenths).toBeNull();

    await submitAssessment(db, b, app.id);
    expect(await completeAssessment(db, other, app.id)).toMatchObject({ ok: false, kind: "conflict" });

    const noNote = await post(db, other, app.id, {
      intent: "agree",
      ...Object.fromEntries(criteria.flatMap((c, i) => [[`agreed_${c.id}`, String([3, 3, 5][i])], [`agreedNote_${c.id}`, ""]])),
    });
    expect((noNote as DataResult).init?.status).toBe(400);
    expect((noNote as DataResult).data.errors[`agreedNote_${criteria[0].id}`]).toMatch(/2 eller flere point/);
    expect(await db.select().from(agreedScores)).toEqual([]);

    expect((await agreeScores(db, other, app.id, agreement(["Enige om 3 efter drøftelse af målgruppen."]))).ok).toBe(true);
    const stored = await db.select().from(agreedScores).where(eq(agreedScores.applicationId, app.id));
    expect(stored.map((s) => s.score).sort()).toEqual([3, 3, 5]);
    expect(stored.every((s) => s.agreedBy === other.userId)).toBe(true);
    const agreedAudit = (await auditRows(db, app.id)).filter((r) => r.action === "application.scores_agreed");
    expect(agreedAudit).toHaveLength(1);
    expect(json(agreedAudit[0].after)).toContain('"flagged":true');

    // 3·40 + 3·35 + 5·25 = 350 → 3,5 (A alone would be 3,9; B alone 2,9).
    const ranking = await getCallRanking(db, call.id);
    expect(ranking?.rows.find((r) => r.id === app.id)?.score.tenths).toBe(35);
    expect((await completeAssessment(db, other, app.id)).ok).toBe(true);
    expect((await appRow(db, app.id)).status).toBe("assessed");
  });
});

describe("assigning the two assessors", () => {
  it("an admin assigns both in one form; the same person twice is refused beside the field; a submitted assessor stays", async () => {
    const { db, app, admin, a, b, other, scoresOf } = await setup();
    const same = (await post(db, admin, app.id, { intent: "assign", assignedTo: a.userId, secondAssessorId: a.userId })) as DataResult;
    expect(same.init?.status).toBe(400);
    expect(same.data.errors.secondAssessorId).toBe("De to bedømmere skal være forskellige personer.");

    await saveScores(db, b, app.id, scoresOf([2, 3, 4]));
    await submitAssessment(db, b, app.id);
    const replace = (await post(db, admin, app.id, { intent: "assign", assignedTo: a.userId, secondAssessorId: other.userId })) as DataResult;
    expect(replace.init?.status).toBe(409);
    expect((await appRow(db, app.id)).secondAssessorId).toBe(b.userId);

    const assigned = (await auditRows(db, app.id)).filter((r) => r.action === "application.assigned");
    expect(assigned.at(-1)?.after).toMatchObject({ assignedTo: a.userId, secondAssessorId: b.userId });
  });
});
