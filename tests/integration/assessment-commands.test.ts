import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { applicationNotes, assessmentScores, calls, emailOutbox, formalChecks } from "#db/schema";
import type { ApplicationStatus } from "~/domain/applications/application-constants";
import { getDb } from "~/db.server";
import { FORMALIA_REQUIREMENTS, MANUAL_REQUIREMENTS, REASON_REQUIRED_MESSAGE } from "~/domain/assessment/formalia";
import { action, loader } from "~/routes/applications.$applicationId.assessment";
import { createUser, postForm, signedInRequest } from "../fixtures";
import {
  appRow,
  auditRows,
  clearCallsAndApplications,
  ctx,
  makeApplication,
  makeAssessmentCall,
} from "./assessment-fixtures";
import { settle, thrown, type DataResult } from "../support/route-result";

async function setup(status: ApplicationStatus = "submitted") {
  const db = await getDb();
  await clearCallsAndApplications(db);
  const { call, criteria } = await makeAssessmentCall(db, { needIndex: { "0360": "9.5000" } });
  const app = await makeApplication(db, call.id, "0360", { status });
  const caseworker = await createUser(db, "caseworker");
  return { db, call, criteria, app, caseworker };
}

function formaliaForm(overrides: Record<string, string> = {}) {
  const f: Record<string, string> = { intent: "formalia", rejectionReason: "" };
  for (const r of MANUAL_REQUIREMENTS) {
    f[`met_${r.key}`] = "yes";
    f[`note_${r.key}`] = "";
  }
  return { ...f, ...overrides };
}

type Db = Awaited<ReturnType<typeof getDb>>;

/** Post to the assessment action; a redirect comes back as the thrown Response. */
async function post(db: Db, user: { userId: string }, id: number, fields: Record<string, string>) {
  const request = await postForm(db, user, `/applications/${id}/assessment`, fields);
  return settle(action({ request, params: { applicationId: String(id) }, ...ctx }) as unknown as Promise<DataResult>);
}

function expectRedirect(res: unknown, id: number) {
  expect(res).toBeInstanceOf(Response);
  expect((res as Response).status).toBe(302);
  expect((res as Response).headers.get("Location")).toMatch(new RegExp(`^/applications/${id}/assessment\\?saved=`));
}

describe("formalia", () => {
  it("all requirements met → formalia approved, checks stored, one audit row", async () => {
    const { db, app, caseworker } = await setup();
    expectRedirect(await post(db, caseworker, app.id, formaliaForm({ note_purpose: "Fint" })), app.id);
    const row = await appRow(db, app.id);
    expect(row.status).toBe("formalia_approved");
    expect(row.version).toBe(app.version + 1);
    const checks = await db.select().from(formalChecks).where(eq(formalChecks.applicationId, app.id));
    expect(checks).toHaveLength(FORMALIA_REQUIREMENTS.length);
    expect(checks.every((c) => c.met && c.checkedBy === caseworker.userId)).toBe(true);
    const audits = await auditRows(db, app.id);
    expect(audits.map((a) => a.action)).toEqual(["application.formalia_checked"]);
    expect(audits[0].before).toMatchObject({ status: "submitted" });
    expect(audits[0].after).toMatchObject({ status: "formalia_approved" });
  });

  it("a missing requirement without a reason → 400 next to the reason field, nothing changed", async () => {
    const { db, app, caseworker } = await setup();
    const res = (await post(db, caseworker, app.id, formaliaForm({ met_purpose: "no", note_purpose: "Mangler 2024" }))) as DataResult;
    expect(res.init?.status).toBe(400);
    expect(res.data.errors).toEqual({ rejectionReason: REASON_REQUIRED_MESSAGE });
    expect(res.data.values.note_purpose).toBe("Mangler 2024");
    expect((await appRow(db, app.id)).status).toBe("submitted");
    expect(await db.select().from(formalChecks).where(eq(formalChecks.applicationId, app.id))).toEqual([]);
    expect(await auditRows(db, app.id)).toEqual([]);
  });

  it("a missing requirement with a reason → rejection proposed with the reason", async () => {
    const { db, app, caseworker } = await setup();
    const res = await post(db, caseworker, app.id, formaliaForm({ met_purpose: "no", rejectionReason: "Aktiviteterne ligger uden for formålet." }));
    expectRedirect(res, app.id);
    const row = await appRow(db, app.id);
    expect(row.status).toBe("rejection_proposed");
    expect(row.rejectionReason).toBe("Aktiviteterne ligger uden for formålet.");
    const checks = await db.select().from(formalChecks).where(eq(formalChecks.applicationId, app.id));
    expect(checks.find((c) => c.requirement === "purpose")!.met).toBe(false);

    // Taking it up again puts it back to submitted and clears the proposed reason.
    expectRedirect(await post(db, caseworker, app.id, { intent: "reconsider" }), app.id);
    const back = await appRow(db, app.id);
    expect(back.status).toBe("submitted");
    expect(back.rejectionReason).toBeNull();
    expect(back.version).toBe(app.version + 2);
    expect((await auditRows(db, app.id)).map((a) => a.action)).toEqual(["application.formalia_checked", "application.reconsidered"]);
  });

  it("refuses a CPR number in a note", async () => {
    const { db, app, caseworker } = await setup();
    const res = (await post(db, caseworker, app.id, formaliaForm({ note_purpose: "Barn 010203-1234" }))) as DataResult;
    expect(res.init?.status).toBe(400);
    expect(res.data.errors.note_purpose).toMatch(/CPR-nummer/);
    expect((await appRow(db, app.id)).status).toBe("submitted");
  });
});

describe("formalia: what the system knows", () => {
  it("stores the system's verdicts with the fact behind each, and the page shows them", async () => {
    const { db, app, caseworker } = await setup();
    const view = await loader({ request: await signedInRequest(db, caseworker, `/applications/${app.id}/assessment`), params: { applicationId: String(app.id) }, ...ctx });
    expect(view.systemChecks.map((c) => [c.requirement, c.met])).toEqual([
      ["municipality", true],
      ["deadline", true],
      ["budget", true],
      ["contact", true],
    ]);
    expect(view.systemChecks.find((c) => c.requirement === "deadline")!.note).toBe(
      "Indsendt 01.11.2022 kl. 10:30, før fristen 07.11.2022 kl. 12:00.",
    );
    expectRedirect(await post(db, caseworker, app.id, formaliaForm()), app.id);
    const checks = await db.select().from(formalChecks).where(eq(formalChecks.applicationId, app.id));
    expect(checks.find((c) => c.requirement === "contact")!.note).toBe(
      "Kontaktperson Mette Hansen; underskriftsberettiget Jens Jensen, Børne- og familiechef.",
    );
  });

  it("a failed system check proposes rejection with the reason named, though the caseworker ticked everything", async () => {
    const { db, call, caseworker } = await setup();
    await db.update(calls).set({ maxAmountOre: 50_000_000n }).where(eq(calls.id, call.id));
    const late = await makeApplication(db, call.id, "0550", { submittedAt: new Date("2022-11-07T11:05:00Z"), signatoryTitle: "" });
    expectRedirect(await post(db, caseworker, late.id, formaliaForm()), late.id);
    const row = await appRow(db, late.id);
    expect(row.status).toBe("rejection_proposed");
    expect(row.rejectionReason).toBe(
      "Indsendt 07.11.2022 kl. 12:05, efter fristen 07.11.2022 kl. 12:00. " +
        "Budget i alt 1.000.000,00 kr., over maksimum 500.000,00 kr. " +
        "Mangler den underskriftsberettigedes titel.",
    );
    const checks = await db.select().from(formalChecks).where(eq(formalChecks.applicationId, late.id));
    expect(Object.fromEntries(checks.map((c) => [c.requirement, c.met]))).toEqual({
      municipality: true,
      deadline: false,
      budget: false,
      purpose: true,
      contact: false,
    });
  });

  it("a municipality not on the call's list is caught", async () => {
    const { db, call, caseworker } = await setup();
    const outsider = await makeApplication(db, call.id, "0550", { eligible: false });
    expectRedirect(await post(db, caseworker, outsider.id, formaliaForm()), outsider.id);
    const row = await appRow(db, outsider.id);
    expect(row.status).toBe("rejection_proposed");
    expect(row.rejectionReason).toMatch(/står ikke på opslagets liste/);
  });

  it("a forged tick for a system item is refused and changes nothing", async () => {
    const { db, call, caseworker } = await setup();
    const late = await makeApplication(db, call.id, "0550", { submittedAt: new Date("2022-11-08T08:00:00Z") });
    for (const key of ["deadline", "municipality", "budget", "contact"]) {
      const res = (await post(db, caseworker, late.id, formaliaForm({ [`met_${key}`]: "yes", [`note_${key}`]: "ok" }))) as DataResult;
      expect(res.init?.status).toBe(400);
    }
    expect((await appRow(db, late.id)).status).toBe("submitted");
    expect(await db.select().from(formalChecks).where(eq(formalChecks.applicationId, late.id))).toEqual([]);
    expect(await auditRows(db, late.id)).toEqual([]);
  });
});

describe("scores and completing the assessment", () => {
  it("scores every criterion after formalia, then completes → assessed", async () => {
    const { db, app, caseworker, criteria } = await setup("formalia_approved");
    const scores: Record<string, string> = { intent: "scores" };
    criteria.forEach((c, i) => {
      scores[`score_${c.id}`] = String([4, 3, 5][i]);
      scores[`scoreNote_${c.id}`] = i === 0 ? "Godt formål" : "";
    });
    // Incomplete first: completing is refused with a message, nothing changes.
    expectRedirect(await post(db, caseworker, app.id, { ...scores, [`score_${criteria[2].id}`]: "" }), app.id);
    const early = (await post(db, caseworker, app.id, { intent: "complete" })) as DataResult;
    expect(early.init?.status).toBe(409);
    expect(early.data.errors.form).toBe("Alle kriterier skal have en score, før vurderingen kan afsluttes (2 af 3 er scoret).");
    expect((await appRow(db, app.id)).status).toBe("formalia_approved");

    expectRedirect(await post(db, caseworker, app.id, scores), app.id);
    const stored = await db.select().from(assessmentScores).where(eq(assessmentScores.applicationId, app.id));
    expect(stored.map((s) => s.score).sort()).toEqual([3, 4, 5]);
    const view = await loader({ request: await signedInRequest(db, caseworker, `/applications/${app.id}/assessment`), params: { applicationId: String(app.id) }, ...ctx });
    expect(view.score.tenths).toBe(39);

    expectRedirect(await post(db, caseworker, app.id, { intent: "complete" }), app.id);
    const row = await appRow(db, app.id);
    expect(row.status).toBe("assessed");
    expect(row.version).toBe(app.version + 1);
    expect((await auditRows(db, app.id)).map((a) => a.action)).toEqual([
      "application.scored",
      "application.scored",
      "application.assessment_completed",
    ]);

    // Scores are locked once assessed.
    const locked = (await post(db, caseworker, app.id, scores)) as DataResult;
    expect(locked.init?.status).toBe(409);
    expect(locked.data.errors.form).toMatch(/Tag den op igen/);
  });

  it("refuses a score outside 0–5 next to the field", async () => {
    const { db, app, caseworker, criteria } = await setup("formalia_approved");
    const form: Record<string, string> = { intent: "scores" };
    for (const c of criteria) Object.assign(form, { [`score_${c.id}`]: "2", [`scoreNote_${c.id}`]: "" });
    const res = (await post(db, caseworker, app.id, { ...form, [`score_${criteria[0].id}`]: "7" })) as DataResult;
    expect(res.init?.status).toBe(400);
    expect(res.data.errors[`score_${criteria[0].id}`]).toBe("Vælg en score fra 0 til 5.");
  });

  it("an illegal move (complete on a submitted application) → a Danish message and no change", async () => {
    const { db, app, caseworker } = await setup();
    const res = (await post(db, caseworker, app.id, { intent: "complete" })) as DataResult;
    expect(res.init?.status).toBe(409);
    expect(res.data.errors.form).toBe("Vurderingen kan kun afsluttes, når formalia er godkendt.");
    expect(await appRow(db, app.id)).toEqual(app);
    expect(await auditRows(db, app.id)).toEqual([]);
  });

  it("scores are refused before formalia is approved", async () => {
    const { db, app, caseworker, criteria } = await setup();
    const form: Record<string, string> = { intent: "scores" };
    for (const c of criteria) Object.assign(form, { [`score_${c.id}`]: "3", [`scoreNote_${c.id}`]: "" });
    const res = (await post(db, caseworker, app.id, form)) as DataResult;
    expect(res.init?.status).toBe(409);
    expect(res.data.errors.form).toBe("Kriterierne kan først scores, når formalia er godkendt.");
    expect(await db.select().from(assessmentScores).where(eq(assessmentScores.applicationId, app.id))).toEqual([]);
  });
});

describe("reopen, notes and assignment", () => {
  it("reopens with a reason → correction, reason stored, version bumped; without a reason → 400", async () => {
    const { db, app, caseworker } = await setup();
    const lolland = await createUser(db, "municipality", { municipalityCode: "0360", email: "kasper@lolland.dk", name: "Kasper Ærø" });
    const missing = (await post(db, caseworker, app.id, { intent: "reopen", reopenReason: " " })) as DataResult;
    expect(missing.init?.status).toBe(400);
    expect(missing.data.errors.reopenReason).toBe("Udfyld begrundelsen.");
    expect((await appRow(db, app.id)).status).toBe("submitted");

    expectRedirect(await post(db, caseworker, app.id, { intent: "reopen", reopenReason: "Budgettet for 2024 mangler." }), app.id);
    const row = await appRow(db, app.id);
    expect(row.status).toBe("correction");
    expect(row.reopenReason).toBe("Budgettet for 2024 mangler.");
    expect(row.version).toBe(app.version + 1);
    expect((await auditRows(db, app.id)).map((a) => a.action)).toEqual(["application.reopened"]);
    // The municipality is told, with the reason, in the same transaction (one mail per person).
    const mails = await db.select().from(emailOutbox).where(eq(emailOutbox.template, "application-reopened"));
    expect(mails.map((m) => m.toAddress)).toContain(lolland.email);
    expect(new Set(mails.map((m) => m.toAddress)).size).toBe(mails.length);
    expect(mails[0].textBody).toContain("Budgettet for 2024 mangler.");
    // Each person is greeted by name (not "Kære modtager"), the municipality by its official name.
    const kasper = mails.find((m) => m.toAddress === lolland.email)!;
    expect(kasper.textBody).toMatch(/^Kære Kasper Ærø/m);
    expect(kasper.textBody).toContain("ansøgningen fra Lolland Kommune til");
    expect(mails.map((m) => m.textBody).join("\n")).not.toContain("Kære modtager");

    // A reopened application is not assessed until it is submitted again.
    const formalia = (await post(db, caseworker, app.id, formaliaForm())) as DataResult;
    expect(formalia.init?.status).toBe(409);
    expect(formalia.data.errors.form).toBe("Formalia kan kun godkendes for en indsendt ansøgning.");
  });

  it("adds a note (and refuses a CPR number)", async () => {
    const { db, app, caseworker } = await setup();
    const cpr = (await post(db, caseworker, app.id, { intent: "note", body: "Ring om 0101901234" })) as DataResult;
    expect(cpr.init?.status).toBe(400);
    expect(cpr.data.errors.body).toMatch(/CPR-nummer/);
    expectRedirect(await post(db, caseworker, app.id, { intent: "note", body: "Talt med kommunen." }), app.id);
    const notes = await db.select().from(applicationNotes).where(eq(applicationNotes.applicationId, app.id));
    expect(notes.map((n) => n.body)).toEqual(["Talt med kommunen."]);
    expect((await auditRows(db, app.id)).map((a) => a.action)).toEqual(["application.note_added"]);
  });

  it("an admin can assign a caseworker; a caseworker cannot (403); a non-staff user is refused", async () => {
    const { db, app, caseworker } = await setup();
    const admin = await createUser(db, "admin");
    const muni = await createUser(db, "municipality", { municipalityCode: "0360" });
    const refused = await post(db, caseworker, app.id, { intent: "assign", assignedTo: caseworker.userId });
    expect((refused as Response).status).toBe(403);
    expect((await appRow(db, app.id)).assignedTo).toBeNull();

    const wrong = (await post(db, admin, app.id, { intent: "assign", assignedTo: muni.userId })) as DataResult;
    expect(wrong.init?.status).toBe(400);
    expect(wrong.data.errors.assignedTo).toBe("Vælg en aktiv sagsbehandler fra listen.");

    expectRedirect(await post(db, admin, app.id, { intent: "assign", assignedTo: caseworker.userId }), app.id);
    expect((await appRow(db, app.id)).assignedTo).toBe(caseworker.userId);
    expect((await auditRows(db, app.id)).map((a) => a.action)).toEqual(["application.assigned"]);
    const view = await loader({ request: await signedInRequest(db, admin, `/applications/${app.id}/assessment`), params: { applicationId: String(app.id) }, ...ctx });
    expect(view.canAssign).toBe(true);
    expect(view.staff.map((s) => s.id)).toContain(caseworker.userId);
    expect(view.staff.map((s) => s.id)).not.toContain(muni.userId);
  });
});

describe("access to the assessment page", () => {
  it("is refused to municipality users (loader and actions) and 404 for an unknown id", async () => {
    const { db, app, caseworker } = await setup();
    const own = await createUser(db, "municipality", { municipalityCode: "0360" });
    const params = { applicationId: String(app.id) };
    const get = await thrown(loader({ request: await signedInRequest(db, own, `/applications/${app.id}/assessment`), params, ...ctx }));
    expect(get.status).toBe(403);
    const res = await post(db, own, app.id, formaliaForm());
    expect((res as Response).status).toBe(403);
    expect((await appRow(db, app.id)).status).toBe("submitted");

    const missing = await thrown(loader({ request: await signedInRequest(db, caseworker, "/applications/999999/assessment"), params: { applicationId: "999999" }, ...ctx }));
    expect(missing.status).toBe(404);
    expect(((await post(db, caseworker, 999999, formaliaForm())) as Response).status).toBe(404);
    const junk = await thrown(loader({ request: await signedInRequest(db, caseworker, "/applications/abc/assessment"), params: { applicationId: "abc" }, ...ctx }));
    expect(junk.status).toBe(404);
  });

  it("shows a draft as not submitted and refuses to assess it", async () => {
    const { db, app, caseworker } = await setup("draft");
    const view = await loader({ request: await signedInRequest(db, caseworker, `/applications/${app.id}/assessment`), params: { applicationId: String(app.id) }, ...ctx });
    expect(view.application.status).toBe("draft");
    const res = (await post(db, caseworker, app.id, formaliaForm())) as DataResult;
    expect(res.init?.status).toBe(409);
    expect(res.data.errors.form).toBe("Ansøgningen er ikke indsendt endnu og kan ikke vurderes.");
  });
});
