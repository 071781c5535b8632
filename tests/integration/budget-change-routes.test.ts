// The budget change pages through their loaders and actions: who may open and post them,
// 404 for another municipality's grant (also with a junk form), the redirect with the
// outcome, and the grant page's budget section.
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#db/client";
import { getDb } from "~/db.server";
import { action as requestAction, loader as requestLoader } from "~/routes/grants.$grantId.budget-changes.new";
import { action as decideAction, loader as changeLoader } from "~/routes/grants.$grantId.budget-changes.$changeId";
import { loader as grantLoader } from "~/routes/grants.$grantId._index";
import { createUser, postForm, signedInRequest, type TestUser } from "../fixtures";
import { outcome } from "../support/route-result";
import { changeForm, KR, makeBudgetGrant, moved } from "./budget-change-fixtures";

// The routes use the file's database (getDb), so the test does too.
let t: { db: Database };
let lolland: TestUser;
let faxe: TestUser;
let caseworker: TestUser;
let advisor: TestUser;
let g: Awaited<ReturnType<typeof makeBudgetGrant>>;
const ctx = { context: {} };

beforeAll(async () => {
  t = { db: await getDb() };
  g = await makeBudgetGrant(t.db);
  lolland = await createUser(t.db, "municipality", { municipalityCode: "0360" });
  faxe = await createUser(t.db, "municipality", { municipalityCode: "0320" });
  caseworker = await createUser(t.db, "caseworker");
  advisor = await createUser(t.db, "advisor");
}, 60_000);

const path = () => `/grants/${g.grant.id}/budget-changes/new`;
const params = () => ({ grantId: String(g.grant.id) });

describe("the request page", () => {
  it("opens pre-filled for the own municipality; 404 for another; 403 for the ministry and advisors", async () => {
    const own = await outcome(async () => requestLoader({ request: await signedInRequest(t.db, lolland, path()), params: params(), ...ctx }));
    expect(own.status).toBe(200);
    expect(own.data!.blocked).toBeNull();
    expect(own.data!.form.values[`budget_${g.categories[0]!.id}_2023-Q1`]).toBe("62.500,00");
    expect(own.data!.form.version).toBe(1);
    const other = await outcome(async () => requestLoader({ request: await signedInRequest(t.db, faxe, path()), params: params(), ...ctx }));
    expect(other.status).toBe(404);
    for (const u of [caseworker, advisor]) {
      const r = await outcome(async () => requestLoader({ request: await signedInRequest(t.db, u, path()), params: params(), ...ctx }));
      expect(r.status).toBe(403);
    }
  });

  it("answers 404, not 400, to another municipality's junk form; 400 with the message at the budget for the own", async () => {
    const junk = await outcome(async () => requestAction({ request: await postForm(t.db, faxe, path(), { x: "y" }), params: params(), ...ctx }));
    expect(junk.status).toBe(404);
    const wrong = changeForm(g.lines.map((l, i) => (i === 0 ? { ...l, amountOre: l.amountOre + 100n } : l)));
    const bad = await outcome(async () => requestAction({ request: await postForm(t.db, lolland, path(), wrong), params: params(), ...ctx }));
    expect(bad.status).toBe(400);
    expect(bad.data!.errors.budget).toContain("1,00 kr. for meget");
    expect(bad.data!.values.reason).toBe(wrong.reason);
  });

  it("registers a small change and redirects to the grant page, whose section shows version 1 and 2", async () => {
    const form = changeForm(moved(g.lines, g.categories[0]!.id, g.categories[1]!.id, 10_000n * KR));
    const r = await outcome(async () => requestAction({ request: await postForm(t.db, lolland, path(), form), params: params(), ...ctx }));
    expect(r.status).toBe(302);
    expect(r.headers.get("location")).toBe(`/grants/${g.grant.id}?budgetaendring=registered#grant-budget`);
    const page = await outcome(async () =>
      grantLoader({ request: await signedInRequest(t.db, lolland, `/grants/${g.grant.id}?budgetaendring=registered`), params: params(), ...ctx }),
    );
    expect(page.data!.budget.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(page.data!.budget.shownVersion).toBe(2);
    expect(page.data!.budget.changes[0].status).toBe("registered");
    expect(page.data!.budget.canRequest).toBe(true);
  });

  it("a pending change: the ministry opens and approves it; the municipality may read it but not decide", async () => {
    const form = changeForm(moved(g.lines, g.categories[0]!.id, g.categories[1]!.id, 60_000n * KR, "2024-Q1"), "Større behov for efteruddannelse.", 2);
    // version 2 moved 10.000 kr. in 2023-Q3; this form starts from version 2's lines there too
    const v2 = moved(g.lines, g.categories[0]!.id, g.categories[1]!.id, 10_000n * KR);
    const fromV2 = changeForm(moved(v2, g.categories[0]!.id, g.categories[1]!.id, 60_000n * KR, "2024-Q1"), form.reason, 2);
    const r = await outcome(async () => requestAction({ request: await postForm(t.db, lolland, path(), fromV2), params: params(), ...ctx }));
    expect(r.headers.get("location")).toBe(`/grants/${g.grant.id}?budgetaendring=pending#grant-budget`);
    const page = await outcome(async () => grantLoader({ request: await signedInRequest(t.db, lolland, `/grants/${g.grant.id}`), params: params(), ...ctx }));
    expect(page.data!.budget.canRequest).toBe(false);
    const changeId = page.data!.budget.changes[0].id as number;
    const changePath = `/grants/${g.grant.id}/budget-changes/${changeId}`;
    const cp = { grantId: String(g.grant.id), changeId: String(changeId) };

    const seen = await outcome(async () => changeLoader({ request: await signedInRequest(t.db, caseworker, changePath), params: cp, ...ctx }));
    expect(seen.data!.canDecide).toBe(true);
    expect(seen.data!.change.ruleExplanation).toContain("over 10 %");
    const own = await outcome(async () => changeLoader({ request: await signedInRequest(t.db, lolland, changePath), params: cp, ...ctx }));
    expect(own.data!.canDecide).toBe(false);
    expect((await outcome(async () => changeLoader({ request: await signedInRequest(t.db, faxe, changePath), params: cp, ...ctx }))).status).toBe(404);

    const byMunicipality = await outcome(async () => decideAction({ request: await postForm(t.db, lolland, changePath, { decision: "approve", note: "" }), params: cp, ...ctx }));
    expect(byMunicipality.status).toBe(403);
    const noReason = await outcome(async () => decideAction({ request: await postForm(t.db, caseworker, changePath, { decision: "reject", note: "" }), params: cp, ...ctx }));
    expect(noReason.status).toBe(400);
    expect(noReason.data!.errors.note).toBe("Skriv en begrundelse for afvisningen. Kommunen får den at se.");
    const approved = await outcome(async () => decideAction({ request: await postForm(t.db, caseworker, changePath, { decision: "approve", note: "" }), params: cp, ...ctx }));
    expect(approved.headers.get("location")).toBe(`/grants/${g.grant.id}?budgetaendring=approved#grant-budget`);
    const after = await outcome(async () => grantLoader({ request: await signedInRequest(t.db, lolland, `/grants/${g.grant.id}`), params: params(), ...ctx }));
    expect(after.data!.budget.versions).toHaveLength(3);
  });
});
