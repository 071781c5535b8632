import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { applicationBudgetLines, applications, emailAttachments, emailOutbox } from "#db/schema";
import { getDb } from "~/db.server";
import { saveApplication, startApplication, submitApplication } from "~/domain/applications/commands.server";
import { DEADLINE_PASSED_MESSAGE } from "~/domain/calls/deadline";
import { action as applyAction, loader as applyLoader } from "~/routes/calls.$callId.apply";
import { action as appAction, loader as appLoader } from "~/routes/applications.$applicationId._index";
import { loader as pdfLoader } from "~/routes/applications.$applicationId.pdf";
import { loader as receiptLoader } from "~/routes/applications.$applicationId.receipt";
import { copenhagenInstant } from "~/utils/dates";
import { createUser, postForm, signedInRequest } from "../fixtures";
import { appRow, auditActions, completeForm, makeCall } from "./application-helpers";
import { thrown, type DataResult } from "../support/route-result";

const ctx = { context: {} };

async function start(db: Awaited<ReturnType<typeof getDb>>, user: { userId: string }, callId: number) {
  const res = await thrown(
    applyAction({ request: await postForm(db, user, `/calls/${callId}/apply`, {}), params: { callId: String(callId) }, ...ctx }),
  );
  expect(res.status).toBe(302);
  return Number(/\/applications\/(\d+)$/.exec(res.headers.get("location")!)![1]);
}

const QUARTERS = ["2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4", "2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"];

describe("starting an application", () => {
  it("keeps one application per municipality per call: a second apply redirects to the same one", async () => {
    const db = await getDb();
    const { call } = await makeCall(db);
    const lolland = await createUser(db, "municipality", { municipalityCode: "0360" });
    const colleague = await createUser(db, "municipality", { municipalityCode: "0360" });
    const first = await start(db, lolland, call.id);
    const second = await start(db, colleague, call.id);
    expect(second).toBe(first);
    // GET of the apply page also sends the user to the existing application.
    const res = await thrown(
      applyLoader({ request: await signedInRequest(db, colleague, `/calls/${call.id}/apply`), params: { callId: String(call.id) }, ...ctx }),
    );
    expect(res.headers.get("location")).toBe(`/applications/${first}`);
    expect(await auditActions(db, first)).toEqual(["application.created"]);
  });

  it("two concurrent applies produce one row", async () => {
    const db = await getDb();
    const { call } = await makeCall(db);
    const a = await createUser(db, "municipality", { municipalityCode: "0482" });
    const b = await createUser(db, "municipality", { municipalityCode: "0482" });
    const results = await Promise.all([startApplication(db, a, call.id), startApplication(db, b, call.id), startApplication(db, a, call.id)]);
    const ids = results.map((r) => (r.ok ? r.value.id : null));
    expect(new Set(ids).size).toBe(1);
    expect(ids[0]).not.toBeNull();
    const rows = await db.select().from(applications).where(and(eq(applications.callId, call.id), eq(applications.municipalityCode, "0482")));
    expect(rows).toHaveLength(1);
    expect(await auditActions(db, rows[0].id)).toEqual(["application.created"]);
  });

  it("refuses a municipality that is not eligible (404) and a call past its deadline", async () => {
    const db = await getDb();
    const { call } = await makeCall(db, { eligible: ["0360"] });
    const faxe = await createUser(db, "municipality", { municipalityCode: "0320" });
    const res = await thrown(
      applyAction({ request: await postForm(db, faxe, `/calls/${call.id}/apply`, {}), params: { callId: String(call.id) }, ...ctx }),
    );
    expect(res.status).toBe(404);
    const lolland = await createUser(db, "municipality", { municipalityCode: "0360" });
    const late = await startApplication(db, lolland, call.id, new Date("2099-11-07T11:00:01Z"));
    expect(late).toMatchObject({ ok: false, message: DEADLINE_PASSED_MESSAGE });
    expect(await db.select().from(applications).where(eq(applications.callId, call.id))).toHaveLength(0);
  });
});

describe("scope: another municipality", () => {
  it("gets 404 from the loader and from every action, and changes nothing", async () => {
    const db = await getDb();
    const { call, categories } = await makeCall(db);
    const lolland = await createUser(db, "municipality", { municipalityCode: "0360" });
    const langeland = await createUser(db, "municipality", { municipalityCode: "0482" });
    const id = await start(db, lolland, call.id);
    const params = { applicationId: String(id) };
    const before = await appRow(db, id);

    for (const path of [`/applications/${id}`]) {
      const res = await thrown(appLoader({ request: await signedInRequest(db, langeland, path), params, ...ctx }));
      expect(res.status).toBe(404);
    }
    for (const load of [pdfLoader, receiptLoader]) {
      const res = await thrown(load({ request: await signedInRequest(db, langeland, `/applications/${id}/x`), params, ...ctx }));
      expect(res.status).toBe(404);
    }
    for (const intent of ["save", "autosave", "submit"]) {
      const form = { ...completeForm(categories.map((c) => c.id)), intent, version: "1", confirm: "ja" };
      const res = await thrown(appAction({ request: await postForm(db, langeland, `/applications/${id}`, form), params, ...ctx }));
      expect(res.status).toBe(404);
    }
    // The commands themselves are scoped too, not only the routes.
    const grid = { categoryIds: categories.map((c) => c.id), quarters: QUARTERS };
    const save = await saveApplication(db, langeland, { id, version: 1, values: completeForm(grid.categoryIds) });
    expect(save).toMatchObject({ ok: false, kind: "not_found" });
    expect(await appRow(db, id)).toEqual(before);
    expect(await auditActions(db, id)).toEqual(["application.created"]);
  });

  it("ministry staff read it (view mode with the assessment link data); advisors get 404", async () => {
    const db = await getDb();
    const { call } = await makeCall(db);
    const lolland = await createUser(db, "municipality", { municipalityCode: "0360" });
    const id = await start(db, lolland, call.id);
    const caseworker = await createUser(db, "caseworker");
    const view = await appLoader({ request: await signedInRequest(db, caseworker, `/applications/${id}`), params: { applicationId: String(id) }, ...ctx });
    expect(view).toMatchObject({ mode: "view", isMinistry: true });
    const advisor = await createUser(db, "advisor");
    const res = await thrown(appLoader({ request: await signedInRequest(db, advisor, `/applications/${id}`), params: { applicationId: String(id) }, ...ctx }));
    expect(res.status).toBe(404);
  });
});

describe("saving a draft", () => {
  it("keeps the values, replaces the budget lines, bumps the version and audits before/after", async () => {
    const db = await getDb();
    const { call, categories } = await makeCall(db);
    const user = await createUser(db, "municipality", { municipalityCode: "0360" });
    const id = await start(db, user, call.id);
    const params = { applicationId: String(id) };
    const ids = categories.map((c) => c.id);
    const form = { contactName: "Mette Hansen", [`budget_${ids[0]}_2023-Q1`]: "1.234.567,50", themes: "opfoelgning", intent: "save", version: "1" };
    const res = await thrown(appAction({ request: await postForm(db, user, `/applications/${id}`, form), params, ...ctx }));
    expect(res.headers.get("location")).toBe(`/applications/${id}?gemt=2`);
    const row = await appRow(db, id);
    expect(row).toMatchObject({ version: 2, contactName: "Mette Hansen", themes: ["opfoelgning"], requestedOre: 123456750n, status: "draft" });
    const lines = await db.select().from(applicationBudgetLines).where(eq(applicationBudgetLines.applicationId, id));
    expect(lines).toEqual([{ applicationId: id, categoryId: ids[0], quarter: "2023-Q1", amountOre: 123456750n }]);

    // Autosave answers with the new version instead of redirecting; a cleared cell goes away.
    const auto = (await appAction({
      request: await postForm(db, user, `/applications/${id}`, { contactName: "Mette Hansen", [`budget_${ids[1]}_2024-Q2`]: "10,5", intent: "autosave", version: "2" }),
      params,
      ...ctx,
    })) as unknown as DataResult;
    expect(auto.data).toMatchObject({ ok: true, version: 3 });
    expect(await appRow(db, id)).toMatchObject({ version: 3, requestedOre: 1050n, themes: [] });

    const loaded = await appLoader({ request: await signedInRequest(db, user, `/applications/${id}`), params, ...ctx });
    expect(loaded.mode).toBe("edit");
    expect(loaded.values[`budget_${ids[1]}_2024-Q2`]).toBe("10,50");
    expect(loaded.values.contactName).toBe("Mette Hansen");
    expect(await auditActions(db, id)).toEqual(["application.created", "application.saved", "application.saved"]);
  });

  it("refuses a stale version with the conflict message and changes nothing", async () => {
    const db = await getDb();
    const { call } = await makeCall(db);
    const anne = await createUser(db, "municipality", { municipalityCode: "0360", name: "Anne Andersen" });
    const bo = await createUser(db, "municipality", { municipalityCode: "0360", name: "Bo Berg" });
    const id = await start(db, anne, call.id);
    const params = { applicationId: String(id) };
    await thrown(appAction({ request: await postForm(db, anne, `/applications/${id}`, { challenge: "Annes tekst", intent: "save", version: "1" }), params, ...ctx }));
    const before = await appRow(db, id);
    const res = (await appAction({
      request: await postForm(db, bo, `/applications/${id}`, { challenge: "Bos tekst", intent: "autosave", version: "1" }),
      params,
      ...ctx,
    })) as unknown as DataResult;
    expect(res.init?.status).toBe(409);
    expect(res.data.conflict).toBe(true);
    expect(res.data.errors.form).toMatch(/^Ansøgningen er blevet ændret af en anden bruger \(Anne Andersen, \d\d\.\d\d\.\d{4} kl\. \d\d:\d\d\), siden du åbnede den\. Dine ændringer er ikke gemt\. Genindlæs siden for at se den nyeste version\.$/);
    expect(res.data.values.challenge).toBe("Bos tekst");
    expect(await appRow(db, id)).toEqual(before);
    expect(await auditActions(db, id)).toEqual(["application.created", "application.saved"]);
  });

  it("saves what is valid, names each invalid field in Danish, keeps what was typed and the invalid fields' stored values", async () => {
    const db = await getDb();
    const { call, categories } = await makeCall(db);
    const user = await createUser(db, "municipality", { municipalityCode: "0360" });
    const id = await start(db, user, call.id);
    const c = categories[0].id;
    const form = {
      contactName: "Mette Hansen",
      challenge: "Barnet med CPR 010190-1234 har brug for hjælp",
      activities: "Se 0101901234",
      [`budget_${c}_2023-Q1`]: "12,345",
      [`budget_${c}_2023-Q2`]: "abc",
      [`budget_${c}_2023-Q3`]: "-5",
      intent: "save",
      version: "1",
    };
    const res = (await appAction({ request: await postForm(db, user, `/applications/${id}`, form), params: { applicationId: String(id) }, ...ctx })) as unknown as DataResult;
    expect(res.init?.status).toBe(400);
    expect(res.data.errors.challenge).toMatch(/CPR-nummer/);
    expect(res.data.errors.activities).toMatch(/CPR-nummer/);
    expect(res.data.errors[`budget_${c}_2023-Q1`]).toBe("Skriv beløbet som et beløb i kroner, fx 125.000,00.");
    expect(res.data.errors[`budget_${c}_2023-Q2`]).toBe("Skriv beløbet som et beløb i kroner, fx 125.000,00.");
    expect(res.data.errors[`budget_${c}_2023-Q3`]).toBe("Beløbet kan ikke være negativt.");
    expect(res.data.values[`budget_${c}_2023-Q1`]).toBe("12,345");
    expect(res.data.errors.form).toMatch(/delvist|undtagen/);
    expect(res.data).toMatchObject({ partial: true, version: 2 });
    expect(await appRow(db, id)).toMatchObject({ version: 2, contactName: "Mette Hansen", challenge: "", activities: "" });
  });
});

describe("submitting", () => {
  async function draftReady(opts: Parameters<typeof makeCall>[1] = {}) {
    const db = await getDb();
    const { call, categories } = await makeCall(db, opts);
    const user = await createUser(db, "municipality", { municipalityCode: "0360", name: "Mette Hansen" });
    const started = await startApplication(db, user, call.id, new Date("2022-01-01T00:00:00Z"));
    if (!started.ok) throw new Error(started.message);
    const grid = { categoryIds: categories.map((c) => c.id), quarters: QUARTERS };
    const values = completeForm(grid.categoryIds);
    return { db, call, user, id: started.value.id, grid, values };
  }

  it("is accepted one second before the deadline and refused one second after (status stays draft)", async () => {
    const deadline = copenhagenInstant("2022-11-07", "12:00");
    const { db, user, id, values } = await draftReady({ deadline });
    const late = await submitApplication(db, user, { id, version: 1, values, confirmed: true }, new Date(deadline.getTime() + 1000));
    expect(late).toEqual({ ok: false, kind: "conflict", message: DEADLINE_PASSED_MESSAGE });
    expect(await appRow(db, id)).toMatchObject({ status: "draft", version: 1, submittedAt: null });
    const onTime = await submitApplication(db, user, { id, version: 1, values, confirmed: true }, new Date(deadline.getTime() - 1000));
    expect(onTime).toEqual({ ok: true });
    expect(await appRow(db, id)).toMatchObject({ status: "submitted", version: 2, submittedBy: user.userId });
  });

  it("uses Copenhagen time around the clock change (deadline 30.10.2022 kl. 12:00 = 11:00 UTC)", async () => {
    const deadline = copenhagenInstant("2022-10-30", "12:00");
    expect(deadline.toISOString()).toBe("2022-10-30T11:00:00.000Z");
    const { db, user, id, values } = await draftReady({ deadline });
    // 12:00:01 summer time would be 10:00:01 UTC: still on time in winter time.
    const late = await submitApplication(db, user, { id, version: 1, values, confirmed: true }, new Date("2022-10-30T11:00:01Z"));
    expect(late).toMatchObject({ ok: false, message: DEADLINE_PASSED_MESSAGE });
    const onTime = await submitApplication(db, user, { id, version: 1, values, confirmed: true }, new Date("2022-10-30T10:59:59Z"));
    expect(onTime).toEqual({ ok: true });
  });

  it("lets an application reopened for correction be resubmitted after the deadline", async () => {
    const deadline = copenhagenInstant("2022-11-07", "12:00");
    const { db, user, id, values } = await draftReady({ deadline });
    expect(await submitApplication(db, user, { id, version: 1, values, confirmed: true }, new Date(deadline.getTime() - 1000))).toEqual({ ok: true });
    // Staff reopen it (their command lives elsewhere); here the row is set as that command leaves it.
    await db.update(applications).set({ status: "correction", reopenReason: "Budgettet mangler 2024." }).where(eq(applications.id, id));
    const weekLater = new Date(deadline.getTime() + 7 * 24 * 3600 * 1000);
    expect(await submitApplication(db, user, { id, version: 2, values, confirmed: true }, weekLater)).toEqual({ ok: true });
    expect(await appRow(db, id)).toMatchObject({ status: "submitted", version: 3 });
  });

  it("requires every required field, a theme and a total above 0 and within the call's maximum", async () => {
    const db = await getDb();
    const { call, categories } = await makeCall(db, { maxAmountOre: 10_000_000n });
    const user = await createUser(db, "municipality", { municipalityCode: "0360" });
    const id = await start(db, user, call.id);
    const params = { applicationId: String(id) };
    const ids = categories.map((c) => c.id);
    const post = async (fields: Record<string, string | string[]>) =>
      (await appAction({ request: await postForm(db, user, `/applications/${id}`, { ...fields, intent: "submit", version: "1", confirm: "ja" }), params, ...ctx })) as unknown as DataResult;

    const empty = await post({});
    expect(empty.init?.status).toBe(400);
    for (const k of ["contactName", "contactEmail", "contactPhone", "signatoryName", "signatoryTitle", "challenge", "activities", "expectedEffect", "themes", "budget"]) {
      expect(empty.data.errors[k], k).toBeTruthy();
    }
    const zero = await post(completeForm(ids, { [`budget_${ids[0]}_2023-Q1`]: "0", [`budget_${ids[1]}_2024-Q4`]: "" }));
    expect(zero.data.errors.budget).toBe("Udfyld budgettet: det samlede beløb skal være mere end 0 kr.");
    const tooMuch = await post(completeForm(ids, { [`budget_${ids[0]}_2023-Q1`]: "100.000,00" }));
    expect(tooMuch.data.errors.budget).toBe("Budgettet er i alt 101.234,50 kr. – der kan højst søges 100.000,00 kr.");
    expect(tooMuch.data.values.contactName).toBe("Mette Hansen");
    const unconfirmed = (await appAction({
      request: await postForm(db, user, `/applications/${id}`, { ...completeForm(ids, { [`budget_${ids[0]}_2023-Q1`]: "1,00" }), intent: "submit", version: "1" }),
      params,
      ...ctx,
    })) as unknown as DataResult;
    expect(unconfirmed.data.errors).toEqual({ confirm: "Bekræft, at ansøgningen er klar til at blive indsendt." });
    expect(await appRow(db, id)).toMatchObject({ status: "draft", version: 1 });
    expect(await auditActions(db, id)).toEqual(["application.created"]);
  });

  it("queues the receipt with the PDF, shows the receipt, and is read-only afterwards; every command audited", async () => {
    const db = await getDb();
    const { call, categories } = await makeCall(db);
    const user = await createUser(db, "municipality", { municipalityCode: "0360", email: "sagsbehandler@lolland.dk", name: "Søren Ærø" });
    const id = await start(db, user, call.id);
    const params = { applicationId: String(id) };
    const ids = categories.map((c) => c.id);
    const res = await thrown(
      appAction({ request: await postForm(db, user, `/applications/${id}`, { ...completeForm(ids), intent: "submit", version: "1", confirm: "ja" }), params, ...ctx }),
    );
    expect(res.headers.get("location")).toBe(`/applications/${id}/receipt`);
    const row = await appRow(db, id);
    expect(row).toMatchObject({ status: "submitted", version: 2, requestedOre: 12_623_450n, contactName: "Mette Hansen" });

    // The year of submission (Copenhagen), not the call's deadline year (2099 here).
    const year = new Intl.DateTimeFormat("da-DK", { year: "numeric", timeZone: "Europe/Copenhagen" }).format(row.submittedAt!);
    const reference = `PP-${year}-${String(id).padStart(4, "0")}`;
    const mails = (await db.select().from(emailOutbox).where(eq(emailOutbox.template, "application-receipt"))).filter((m) =>
      m.subject.includes(reference),
    );
    expect(mails.map((m) => m.toAddress).sort()).toEqual(["mette.hansen@lolland.dk", "sagsbehandler@lolland.dk"]);
    expect(mails[0].subject).toBe(`Kvittering: ansøgning ${reference} er modtaget`);
    expect(mails[0].textBody).toContain("Ansøgt beløb: 126.234,50 kr.");
    for (const m of mails) {
      const [att] = await db.select().from(emailAttachments).where(eq(emailAttachments.outboxId, m.id));
      expect(att.contentType).toBe("application/pdf");
      expect(Buffer.from(att.content).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    }

    const receipt = await receiptLoader({ request: await signedInRequest(db, user, `/applications/${id}/receipt`), params, ...ctx });
    expect(receipt.reference).toBe(reference);
    const pdf = await pdfLoader({ request: await signedInRequest(db, user, `/applications/${id}/pdf`), params, ...ctx });
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString("latin1")).toBe("%PDF-");

    const view = await appLoader({ request: await signedInRequest(db, user, `/applications/${id}`), params, ...ctx });
    expect(view.mode).toBe("view");
    for (const intent of ["save", "autosave", "submit"]) {
      const refused = (await appAction({
        request: await postForm(db, user, `/applications/${id}`, { ...completeForm(ids), intent, version: "2", confirm: "ja" }),
        params,
        ...ctx,
      })) as unknown as DataResult;
      expect(refused.init?.status).toBe(409);
      expect(refused.data.errors.form).toBe(
        intent === "submit"
          ? "Ansøgningen kan kun indsendes, mens den er en kladde eller genåbnet til rettelse."
          : "Ansøgningen har status „Indsendt“ og kan ikke længere ændres.",
      );
    }
    expect(await saveApplication(db, user, { id, version: 2, values: completeForm(ids) })).toMatchObject({ ok: false, kind: "conflict" });
    expect(await submitApplication(db, user, { id, version: 2, values: completeForm(ids), confirmed: true })).toMatchObject({
      ok: false,
      message: "Ansøgningen kan kun indsendes, mens den er en kladde eller genåbnet til rettelse.",
    });
    expect(await appRow(db, id)).toEqual(row);
    expect(await auditActions(db, id)).toEqual(["application.created", "application.submitted"]);
  });
});

describe("the submit command decides alone", () => {
  // The route only reads intent, version and the confirmation; everything else is the command's.
  async function draft() {
    const db = await getDb();
    const { call, categories } = await makeCall(db, { maxAmountOre: 10_000_000n });
    const user = await createUser(db, "municipality", { municipalityCode: "0360" });
    const started = await startApplication(db, user, call.id);
    if (!started.ok) throw new Error(started.message);
    return { db, user, id: started.value.id, ids: categories.map((c) => c.id) };
  }

  it("validates the typed values against the call's schema, and the confirmation, in one answer", async () => {
    const { db, user, id, ids } = await draft();
    const r = await submitApplication(db, user, {
      id,
      version: 1,
      values: completeForm(ids, { contactEmail: "ikke-en-adresse", [`budget_${ids[0]}_2023-Q1`]: "100.000,00" }),
      confirmed: false,
    });
    expect(r).toMatchObject({ ok: false, kind: "invalid" });
    if (r.ok) return;
    expect(Object.keys(r.errors ?? {}).sort()).toEqual(["budget", "confirm", "contactEmail"]);
    expect(r.errors?.budget).toBe("Budgettet er i alt 101.234,50 kr. – der kan højst søges 100.000,00 kr.");
    expect(await appRow(db, id)).toMatchObject({ status: "draft", version: 1 });
  });

  it("refuses unknown fields (strict schema) and a stale version, before anything is written", async () => {
    const { db, user, id, ids } = await draft();
    const extra = await saveApplication(db, user, { id, version: 1, values: { ...completeForm(ids), status: "submitted" } });
    expect(extra).toMatchObject({ ok: false, kind: "invalid", errors: { form: "Formularen indeholdt felter, der ikke kan ændres her." } });
    expect(await saveApplication(db, user, { id, version: 1, values: completeForm(ids) })).toMatchObject({ ok: true, value: { version: 2 } });
    const stale = await submitApplication(db, user, { id, version: 1, values: completeForm(ids), confirmed: true });
    expect(stale).toMatchObject({ ok: false, kind: "conflict" });
    if (!stale.ok) expect(stale.message).toMatch(/^Ansøgningen er blevet ændret af en anden bruger \(Test municipality, \d\d\.\d\d\.\d{4} kl\. \d\d:\d\d\)/);
    expect(await appRow(db, id)).toMatchObject({ status: "draft", version: 2 });
    expect(await auditActions(db, id)).toEqual(["application.created", "application.saved"]);
  });

  it("answers a route's failure with the status of its kind and keeps what was typed", async () => {
    const { db, user, id, ids } = await draft();
    const params = { applicationId: String(id) };
    const form = { ...completeForm(ids, { challenge: "Kort tekst" }), intent: "submit", version: "7", confirm: "ja" };
    const res = (await appAction({ request: await postForm(db, user, `/applications/${id}`, form), params, ...ctx })) as unknown as DataResult;
    expect(res.init?.status).toBe(409);
    expect(res.data).toMatchObject({ ok: false, kind: "conflict", conflict: true, version: 7, values: { challenge: "Kort tekst" } });
  });
});
