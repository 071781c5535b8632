// Calls through their routes: create and publish as a caseworker, scoping for
// municipality users, the publish rules and the rules for changing a published call.
import { and, count, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  applicationBudgetLines,
  applications,
  auditLog,
  callCostCategories,
  callCriteria,
  callEligibleMunicipalities,
  calls,
  pools,
} from "#db/schema";
import { createCall, publishCall } from "~/domain/calls/commands.server";
import { getCallFor, listCallsFor } from "~/domain/calls/queries.server";
import { callFormSchema } from "~/domain/calls/call-schema";
import { getDb } from "~/db.server";
import { action as newCallAction, loader as newCallLoader } from "~/routes/calls.new";
import { action as editCallAction, loader as editCallLoader } from "~/routes/calls.$callId.edit";
import { action as callAction, loader as callLoader } from "~/routes/calls.$callId._index";
import { loader as callsLoader } from "~/routes/calls._index";
import { createUser, postForm, seedBase, signedInRequest, type TestUser } from "../fixtures";
import { settle } from "../support/route-result";

type Fields = Record<string, string | string[]>;

const LOLLAND = "0360";
const KOBENHAVN = "0101";

function callFields(overrides: Fields = {}): Fields {
  return {
    poolId: String(poolId),
    title: "Ekstra hjælp til kommuner med mange børnesager",
    purpose: "Puljen skal hjælpe kommuner med mange børnesager med at implementere Barnets Lov.",
    "categoryId[]": ["", "", "", ""],
    "categories[]": ["Vikardækning", "Efteruddannelse", "Midlertidig ekstra bemanding", ""],
    projectStart: "2030-01-01",
    projectEnd: "2031-12-31",
    deadlineDate: "2029-11-07",
    deadlineTime: "12:00",
    expectedGrants: "8",
    maxAmount: "2.000.000,00",
    "criterionId[]": ["", "", ""],
    "criterionLabel[]": ["Behovsindeks", "Sammenhæng i aktiviteterne", ""],
    "criterionDescription[]": ["", "", ""],
    "criterionWeight[]": ["70", "30", ""],
    eligibility: "selected",
    "municipalities[]": [LOLLAND, "0400"],
    ...overrides,
  };
}

let poolId: number;
let caseworker: TestUser;
let lolland: TestUser;
let kobenhavn: TestUser;
let advisor: TestUser;

beforeAll(async () => {
  const db = await getDb();
  poolId = await seedBase(db);
  // These calls run 2030–2031: a pool period that contains them (publishing checks it).
  await db.update(pools).set({ endsOn: "2032-12-31" }).where(eq(pools.id, poolId));
  caseworker = await createUser(db, "caseworker");
  lolland = await createUser(db, "municipality", { municipalityCode: LOLLAND });
  kobenhavn = await createUser(db, "municipality", { municipalityCode: KOBENHAVN });
  advisor = await createUser(db, "advisor");
});

async function postNewCall(user: TestUser, fields: Fields) {
  const db = await getDb();
  const request = await postForm(db, user, "/calls/new", fields);
  return settle(() => newCallAction({ request, params: {}, context: {} }));
}

async function postEdit(user: TestUser, id: number, fields: Fields) {
  const db = await getDb();
  const request = await postForm(db, user, `/calls/${id}/edit`, fields);
  return settle(() => editCallAction({ request, params: { callId: String(id) }, context: {} }));
}

async function publish(user: TestUser, id: number) {
  const db = await getDb();
  const request = await postForm(db, user, `/calls/${id}`, { intent: "publish" });
  return settle(() => callAction({ request, params: { callId: String(id) }, context: {} }));
}

async function viewCall(user: TestUser, id: number) {
  const db = await getDb();
  const request = await signedInRequest(db, user, `/calls/${id}`);
  return settle(() => callLoader({ request, params: { callId: String(id) }, context: {} }));
}

function redirectedCallId(res: unknown) {
  expect(res).toBeInstanceOf(Response);
  const r = res as Response;
  expect(r.status).toBe(302);
  const m = /^\/calls\/(\d+)\?/.exec(r.headers.get("Location") ?? "");
  expect(m).not.toBeNull();
  return Number(m![1]);
}

async function auditCount(action: string, id: number) {
  const db = await getDb();
  const [{ n }] = await db
    .select({ n: count() })
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.entityId, String(id))));
  return n;
}

function dataOf(res: unknown) {
  const d = res as { data: Record<string, unknown>; init: { status: number } | null };
  return { body: d.data as { ok?: boolean; errors: Record<string, string>; values?: Fields }, status: d.init?.status };
}

describe("creating and publishing a call", () => {
  it("a caseworker creates a draft and publishes it; each command writes one audit row", async () => {
    const db = await getDb();
    const id = redirectedCallId(await postNewCall(caseworker, callFields()));
    const [call] = await db.select().from(calls).where(eq(calls.id, id));
    expect(call.status).toBe("draft");
    expect(call.deadline.toISOString()).toBe("2029-11-07T11:00:00.000Z");
    expect(call.maxAmountOre).toBe(200_000_000n);
    expect(call.createdBy).toBe(caseworker.userId);
    const cats = await db.select().from(callCostCategories).where(eq(callCostCategories.callId, id));
    expect(cats.map((c) => c.label).sort()).toEqual(["Efteruddannelse", "Midlertidig ekstra bemanding", "Vikardækning"]);
    const crit = await db.select().from(callCriteria).where(eq(callCriteria.callId, id));
    expect(crit.map((c) => c.weight).sort()).toEqual([30, 70]);
    expect(await auditCount("call.created", id)).toBe(1);

    // A draft is invisible to the municipality, even one on the list.
    await expect(viewCall(lolland, id)).resolves.toMatchObject({ status: 404 });

    const published = await publish(caseworker, id);
    expect((published as Response).status).toBe(302);
    expect((published as Response).headers.get("Location")).toBe(`/calls/${id}?published=1`);
    const [after] = await db.select().from(calls).where(eq(calls.id, id));
    expect(after.status).toBe("published");
    expect(after.publishedAt).toBeInstanceOf(Date);
    expect(await auditCount("call.published", id)).toBe(1);

    // Eligible municipality sees it; the other one gets 404 and no list entry.
    const seen = (await viewCall(lolland, id)) as Awaited<ReturnType<typeof callLoader>>;
    expect(seen.call.title).toBe("Ekstra hjælp til kommuner med mange børnesager");
    expect(seen.needIndex).toBeNull();
    await expect(viewCall(kobenhavn, id)).resolves.toMatchObject({ status: 404 });
    const listK = await listCallsFor(db, kobenhavn);
    expect(listK.calls.map((c) => c.id)).not.toContain(id);
    const listL = await listCallsFor(db, lolland);
    expect(listL.calls.map((c) => c.id)).toContain(id);

    // Publishing twice is refused and writes nothing.
    const again = dataOf(await publish(caseworker, id));
    expect(again.status).toBe(409);
    expect(again.body.errors.form).toBe("Opslaget er allerede offentliggjort.");
    expect(await auditCount("call.published", id)).toBe(1);
  });

  it("bad input comes back with Danish messages and typed values, and saves nothing", async () => {
    const db = await getDb();
    const [{ n: before }] = await db.select({ n: count() }).from(calls);
    const res = dataOf(
      await postNewCall(
        caseworker,
        callFields({ title: "Opslag 2", "criterionWeight[]": ["60", "30", ""], projectEnd: "2029-01-01", purpose: "Barn 010203-1234" }),
      ),
    );
    expect(res.status).toBe(400);
    expect(res.body.errors).toMatchObject({
      criteria: "Vægtene skal tilsammen give 100. Nu giver de 90.",
      projectEnd: "Projektperiodens slut skal ligge efter starten.",
    });
    expect(res.body.errors?.purpose).toMatch(/CPR-nummer/);
    expect(res.body.values?.title).toBe("Opslag 2");
    expect(res.body.values?.["criterionWeight[]"]).toEqual(["60", "30", ""]);
    const [{ n: afterCount }] = await db.select({ n: count() }).from(calls);
    expect(afterCount).toBe(before);
  });

  it("a municipality user gets 403 on the call form, and an advisor on the list", async () => {
    const db = await getDb();
    await expect(postNewCall(lolland, callFields())).resolves.toMatchObject({ status: 403 });
    const request = await signedInRequest(db, lolland, "/calls/new");
    await expect(settle(() => newCallLoader({ request, params: {}, context: {} }))).resolves.toMatchObject({ status: 403 });
    const id = redirectedCallId(await postNewCall(caseworker, callFields({ title: "Opslag til 403" })));
    await expect(postEdit(lolland, id, callFields())).resolves.toMatchObject({ status: 403 });
    await expect(publish(lolland, id)).resolves.toMatchObject({ status: 403 });
    const listRequest = await signedInRequest(db, advisor, "/calls");
    await expect(settle(() => callsLoader({ request: listRequest, params: {}, context: {} }))).resolves.toMatchObject({
      status: 403,
    });
  });

  it("refuses to publish a draft whose criteria do not sum to 100 or that nobody may apply to", async () => {
    const db = await getDb();
    const [draft] = await db
      .insert(calls)
      .values({
        poolId,
        title: "Ufærdigt opslag",
        purpose: "x",
        projectStart: "2030-01-01",
        projectEnd: "2030-12-31",
        deadline: new Date("2029-12-01T11:00:00Z"),
      })
      .returning();
    await db.insert(callCostCategories).values({ callId: draft.id, label: "Vikardækning" });
    await db.insert(callCriteria).values({ callId: draft.id, label: "Behov", weight: 90 });
    const res = dataOf(await publish(caseworker, draft.id));
    expect(res.status).toBe(409);
    expect(res.body.errors.form).toBe(
      "Opslaget kan ikke offentliggøres: Kriteriernes vægte skal give 100 tilsammen (nu 90). Mindst én kommune skal kunne søge.",
    );
    const [after] = await db.select().from(calls).where(eq(calls.id, draft.id));
    expect(after.status).toBe("draft");
    expect(await auditCount("call.published", draft.id)).toBe(0);
  });
});

describe("a project period outside the pool's", () => {
  async function auditRows() {
    const db = await getDb();
    const [{ n }] = await db.select({ n: count() }).from(auditLog);
    return n;
  }

  it("is refused on create next to the period fields, keeps what was typed and saves nothing", async () => {
    const db = await getDb();
    const [{ n: callsBefore }] = await db.select({ n: count() }).from(calls);
    const auditBefore = await auditRows();
    const message = "Projektperioden (01.01.2030–01.01.2033) skal ligge inden for puljens periode (01.09.2022–31.12.2032).";
    const late = dataOf(await postNewCall(caseworker, callFields({ title: "Slutter for sent", projectEnd: "2033-01-01" })));
    expect(late.status).toBe(400);
    expect(late.body.errors).toEqual({ projectEnd: message });
    expect(late.body.values).toMatchObject({ title: "Slutter for sent", projectStart: "2030-01-01", projectEnd: "2033-01-01" });
    const early = dataOf(await postNewCall(caseworker, callFields({ title: "Starter for tidligt", projectStart: "2022-08-31" })));
    expect(early.status).toBe(400);
    expect(early.body.errors).toEqual({
      projectStart: "Projektperioden (31.08.2022–31.12.2031) skal ligge inden for puljens periode (01.09.2022–31.12.2032).",
    });
    const [{ n: callsAfter }] = await db.select({ n: count() }).from(calls);
    expect(callsAfter).toBe(callsBefore);
    expect(await auditRows()).toBe(auditBefore);

    // The pool's first and last day are inside.
    const first = redirectedCallId(
      await postNewCall(caseworker, callFields({ title: "Fra puljens første dag", projectStart: "2022-09-01", projectEnd: "2031-12-31" })),
    );
    const last = redirectedCallId(
      await postNewCall(caseworker, callFields({ title: "Til puljens sidste dag", projectStart: "2030-01-01", projectEnd: "2032-12-31" })),
    );
    const rows = await db.select().from(calls).where(inArray(calls.id, [first, last])).orderBy(calls.id);
    expect(rows.map((r) => [r.projectStart, r.projectEnd])).toEqual([
      ["2022-09-01", "2031-12-31"],
      ["2030-01-01", "2032-12-31"],
    ]);
  });

  it("is refused on edit next to the period fields, and the call stays as it was", async () => {
    const db = await getDb();
    const id = redirectedCallId(await postNewCall(caseworker, callFields({ title: "Rettes uden for puljen" })));
    const [before] = await db.select().from(calls).where(eq(calls.id, id));
    const auditBefore = await auditRows();
    const res = dataOf(
      await postEdit(caseworker, id, callFields({ title: "Nyt navn", projectStart: "2030-01-01", projectEnd: "2033-01-01" })),
    );
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual({
      projectEnd: "Projektperioden (01.01.2030–01.01.2033) skal ligge inden for puljens periode (01.09.2022–31.12.2032).",
    });
    expect(res.body.values).toMatchObject({ title: "Nyt navn", projectStart: "2030-01-01", projectEnd: "2033-01-01" });
    const [after] = await db.select().from(calls).where(eq(calls.id, id));
    expect(after).toEqual(before);
    expect(await auditRows()).toBe(auditBefore);
  });
});

describe("publishing against time, and withdrawing", () => {
  it("refuses a deadline in the past and a period outside the pool's, with the reason", async () => {
    const db = await getDb();
    const late = redirectedCallId(await postNewCall(caseworker, callFields({ title: "For sent", deadlineDate: "2021-11-07" })));
    const res = dataOf(await publish(caseworker, late));
    expect(res.status).toBe(409);
    expect(res.body.errors.form).toBe(
      "Opslaget kan ikke offentliggøres: Ansøgningsfristen (7. november 2021 kl. 12:00) er allerede overskredet. Ret fristen først.",
    );
    // Create refuses such a period now; a call saved before that rule must still not be published.
    const outside = redirectedCallId(await postNewCall(caseworker, callFields({ title: "Uden for puljen" })));
    await db.update(calls).set({ projectEnd: "2033-06-30" }).where(eq(calls.id, outside));
    const res2 = dataOf(await publish(caseworker, outside));
    expect(res2.status).toBe(409);
    expect(res2.body.errors.form).toMatch(/Projektperioden \(01\.01\.2030–30\.06\.2033\) skal ligge inden for puljens periode \(01\.09\.2022–31\.12\.2032\)/);
    for (const id of [late, outside]) {
      const [row] = await db.select().from(calls).where(eq(calls.id, id));
      expect(row.status).toBe("draft");
      expect(await auditCount("call.published", id)).toBe(0);
    }
  });

  async function withdraw(user: TestUser, id: number) {
    const db = await getDb();
    const request = await postForm(db, user, `/calls/${id}`, { intent: "withdraw" });
    return settle(() => callAction({ request, params: { callId: String(id) }, context: {} }));
  }

  it("withdraws a published call without applications back to draft, audited; refuses once one is started", async () => {
    const db = await getDb();
    const id = redirectedCallId(await postNewCall(caseworker, callFields({ title: "Offentliggjort ved en fejl" })));
    await publish(caseworker, id);
    await expect(withdraw(lolland, id)).resolves.toMatchObject({ status: 403 });
    const res = (await withdraw(caseworker, id)) as Response;
    expect(res.headers.get("Location")).toBe(`/calls/${id}?withdrawn=1`);
    const [row] = await db.select().from(calls).where(eq(calls.id, id));
    expect(row).toMatchObject({ status: "draft", publishedAt: null });
    expect(await auditCount("call.withdrawn", id)).toBe(1);

    await publish(caseworker, id);
    await db.insert(applications).values({ callId: id, municipalityCode: LOLLAND });
    const refused = dataOf(await withdraw(caseworker, id));
    expect(refused.status).toBe(409);
    expect(refused.body.errors.form).toBe("Opslaget kan ikke trækkes tilbage, fordi der allerede er startet ansøgninger på det.");
    const [still] = await db.select().from(calls).where(eq(calls.id, id));
    expect(still.status).toBe("published");
    expect(await auditCount("call.withdrawn", id)).toBe(1);
  });
});

describe("the municipality's list", () => {
  it("shows their own application beside the call, from the same query", async () => {
    const db = await getDb();
    const id = redirectedCallId(await postNewCall(caseworker, callFields({ title: "Opslag med ansøgning" })));
    await publish(caseworker, id);
    const [app] = await db.insert(applications).values({ callId: id, municipalityCode: LOLLAND }).returning();
    const list = await listCallsFor(db, lolland);
    if (list.kind !== "municipality") throw new Error("expected the municipality's list");
    expect(list.calls.find((c) => c.id === id)).toMatchObject({ applicationId: app.id, applicationStatus: "draft" });
    const request = await signedInRequest(db, lolland, "/calls");
    const page = (await callsLoader({ request, params: {}, context: {} })) as Extract<
      Awaited<ReturnType<typeof callsLoader>>,
      { kind: "municipality" }
    >;
    expect(page.open.find((c) => c.id === id)).toMatchObject({ applicationId: app.id, countdown: expect.stringMatching(/^Frist om \d+ dage$/) });
    // Another municipality's application never shows up in Lolland's rows.
    const [other] = await db.insert(applications).values({ callId: id, municipalityCode: "0400" }).returning();
    const again = await listCallsFor(db, lolland);
    if (again.kind !== "municipality") throw new Error("expected the municipality's list");
    expect(again.calls.filter((c) => c.id === id)).toHaveLength(1);
    expect(again.calls.find((c) => c.id === id)?.applicationId).not.toBe(other.id);
  });
});

describe("changing a call", () => {
  it("edits a draft: renames, adds and removes rows in place; one audit row", async () => {
    const db = await getDb();
    const id = redirectedCallId(await postNewCall(caseworker, callFields({ title: "Til redigering" })));
    const cats = await db.select().from(callCostCategories).where(eq(callCostCategories.callId, id));
    const byLabel = Object.fromEntries(cats.map((c) => [c.label, c.id]));
    const res = await postEdit(
      caseworker,
      id,
      callFields({
        title: "Redigeret",
        "categoryId[]": [String(byLabel["Vikardækning"]), String(byLabel["Efteruddannelse"]), ""],
        "categories[]": ["Vikardækning", "Efter- og videreuddannelse", "Supervision"],
        eligibility: "all",
        "municipalities[]": [],
      }),
    );
    expect((res as Response).headers.get("Location")).toBe(`/calls/${id}?saved=1`);
    const after = await db.select().from(callCostCategories).where(eq(callCostCategories.callId, id));
    expect(after.map((c) => c.label).sort()).toEqual(["Efter- og videreuddannelse", "Supervision", "Vikardækning"]);
    expect(after.find((c) => c.label === "Efter- og videreuddannelse")?.id).toBe(byLabel["Efteruddannelse"]);
    const [{ n: eligible }] = await db
      .select({ n: count() })
      .from(callEligibleMunicipalities)
      .where(eq(callEligibleMunicipalities.callId, id));
    expect(eligible).toBe(98);
    expect(await auditCount("call.updated", id)).toBe(1);

    // The edit page's loader gives the stored values back as form values.
    const request = await signedInRequest(db, caseworker, `/calls/${id}/edit`);
    const page = await editCallLoader({ request, params: { callId: String(id) }, context: {} });
    expect(page.values.title).toBe("Redigeret");
    expect(page.values.eligibility).toBe("all");
    expect(callFormSchema.safeParse(page.values).success).toBe(true);
  });

  it("refuses to remove a category an application already uses", async () => {
    const db = await getDb();
    const id = redirectedCallId(await postNewCall(caseworker, callFields({ title: "Kategori i brug" })));
    await publish(caseworker, id);
    const cats = await db.select().from(callCostCategories).where(eq(callCostCategories.callId, id));
    const vikar = cats.find((c) => c.label === "Vikardækning")!;
    const [app] = await db.insert(applications).values({ callId: id, municipalityCode: LOLLAND }).returning();
    await db.insert(applicationBudgetLines).values({ applicationId: app.id, categoryId: vikar.id, quarter: "2030-Q1", amountOre: 100n });
    const others = cats.filter((c) => c.id !== vikar.id);
    const res = dataOf(
      await postEdit(
        caseworker,
        id,
        callFields({ "categoryId[]": others.map((c) => String(c.id)), "categories[]": others.map((c) => c.label) }),
      ),
    );
    expect(res.status).toBe(409);
    expect(res.body.errors?.form).toBe("Kategorien „Vikardækning“ bruges allerede i en ansøgning og kan ikke fjernes.");
    expect(await db.select().from(callCostCategories).where(eq(callCostCategories.callId, id))).toHaveLength(3);
    expect(await auditCount("call.updated", id)).toBe(0);

    // Lolland has applied, so it cannot be taken off the list either.
    const keep = dataOf(
      await postEdit(
        caseworker,
        id,
        callFields({ "categoryId[]": cats.map((c) => String(c.id)), "categories[]": cats.map((c) => c.label), "municipalities[]": ["0400"] }),
      ),
    );
    expect(keep.body.errors?.form).toBe("Lolland Kommune har allerede en ansøgning og skal fortsat kunne søge.");
  });

  it("after the deadline of a published call, refuses changes to the deadline and categories", async () => {
    const db = await getDb();
    const input = callFormSchema.parse({ ...callFields({ deadlineDate: "2022-11-07", title: "Historisk opslag" }) });
    const created = await createCall(db, caseworker, input);
    if (!created.ok) throw new Error(created.message);
    const id = created.value.id;
    // Published in time (October 2022); the edits below come after the deadline.
    expect(await publishCall(db, caseworker, id, new Date("2022-10-01T10:00:00Z"))).toMatchObject({ ok: true });
    const cats = await db.select().from(callCostCategories).where(eq(callCostCategories.callId, id));
    const same = { "categoryId[]": cats.map((c) => String(c.id)), "categories[]": cats.map((c) => c.label) };

    const moved = dataOf(await postEdit(caseworker, id, callFields({ ...same, deadlineDate: "2029-11-07" })));
    expect(moved.status).toBe(409);
    expect(moved.body.errors?.form).toBe("Ansøgningsfristen er overskredet, så fristen kan ikke længere ændres.");

    const recat = dataOf(
      await postEdit(
        caseworker,
        id,
        callFields({ deadlineDate: "2022-11-07", "categoryId[]": [...same["categoryId[]"], ""], "categories[]": [...same["categories[]"], "Ny"] }),
      ),
    );
    expect(recat.status).toBe(409);
    expect(recat.body.errors?.form).toBe("Ansøgningsfristen er overskredet, så udgiftskategorierne kan ikke længere ændres.");
    expect(await auditCount("call.updated", id)).toBe(0);

    // Other changes are still fine.
    const ok = await postEdit(caseworker, id, callFields({ ...same, deadlineDate: "2022-11-07", title: "Historisk opslag (rettet)" }));
    expect((ok as Response).status).toBe(302);
    const [after] = await db.select().from(calls).where(eq(calls.id, id));
    expect(after.title).toBe("Historisk opslag (rettet)");
    expect(await auditCount("call.updated", id)).toBe(1);

    // The municipality sees the closed call it may not apply to any more.
    const view = await getCallFor(db, lolland, id);
    expect(view?.id).toBe(id);
  });

  it("returns 404 for an unknown call id and for ids that are not numbers", async () => {
    const db = await getDb();
    await expect(viewCall(caseworker, 999999)).resolves.toMatchObject({ status: 404 });
    const request = await signedInRequest(db, caseworker, "/calls/abc");
    await expect(settle(() => callLoader({ request, params: { callId: "abc" }, context: {} }))).resolves.toMatchObject({
      status: 404,
    });
    await expect(postEdit(caseworker, 999999, callFields())).resolves.toMatchObject({ status: 404 });
  });
});
