// A municipality is told "Indsendt" / "Under behandling" until a decision is sent; the
// ministry's working states never reach its pages, list, filters or page data.
import { describe, expect, it } from "vitest";
import { applications } from "#db/schema";
import type { ApplicationStatus } from "~/domain/applications/application-constants";
import { getDb } from "~/db.server";
import { loader as indexLoader } from "~/routes/_index";
import { loader as appLoader } from "~/routes/applications.$applicationId._index";
import { loader as listLoader } from "~/routes/applications._index";
import { loader as callLoader } from "~/routes/calls.$callId._index";
import { loader as callsLoader } from "~/routes/calls._index";
import { createUser, signedInRequest } from "../fixtures";
import { makeCall } from "./application-helpers";
import { audit } from "~/utils/audit.server";

const ctx = { context: {} };
const INTERNAL = /Formalia godkendt|Indstillet til afslag|Vurderet|formalia_approved|rejection_proposed|"assessed"/;
const text = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x));

describe("status labels per audience", () => {
  for (const status of ["formalia_approved", "rejection_proposed", "assessed"] as ApplicationStatus[]) {
    it(`a municipality sees "Under behandling" for ${status}, on every page it has; the ministry sees the real state`, async () => {
      const db = await getDb();
      const { call } = await makeCall(db, { deadline: new Date("2022-11-07T11:00:00Z") });
      const user = await createUser(db, "municipality", { municipalityCode: "0360" });
      const caseworker = await createUser(db, "caseworker");
      const [app] = await db
        .insert(applications)
        .values({ callId: call.id, municipalityCode: "0360", status, submittedAt: new Date("2022-11-01T10:00:00Z"), rejectionReason: status === "rejection_proposed" ? "Mangler budget" : null })
        .returning();
      const get = async (url: string) => signedInRequest(db, user, url);
      const pages = [
        await appLoader({ request: await get(`/applications/${app.id}`), params: { applicationId: String(app.id) }, ...ctx }),
        await listLoader({ request: await get("/applications"), params: {}, ...ctx }),
        await listLoader({ request: await get(`/applications?status=${status}`), params: {}, ...ctx }),
        await callsLoader({ request: await get("/calls"), params: {}, ...ctx }),
        await callLoader({ request: await get(`/calls/${call.id}`), params: { callId: String(call.id) }, ...ctx }),
        await indexLoader({ request: await get("/"), params: {}, ...ctx }),
      ];
      for (const page of pages) expect(text(page)).not.toMatch(INTERNAL);
      expect(text(pages[0])).toContain("Under behandling");
      expect(text(pages[1])).toContain("Under behandling");
      expect(text(pages[5])).toContain("Under behandling");
      expect(text(pages[0])).not.toContain("Mangler budget");

      // Filtering by an internal status is not a way round: it is ignored for a municipality;
      // "Under behandling" is the filter they have.
      const filtered = (await listLoader({ request: await get(`/applications?status=in_review&call=${call.id}`), params: {}, ...ctx })) as { total: number };
      expect(filtered.total).toBe(1);
      const submittedOnly = (await listLoader({ request: await get(`/applications?status=submitted&call=${call.id}`), params: {}, ...ctx })) as { total: number };
      expect(submittedOnly.total).toBe(0);

      const staff = await appLoader({ request: await signedInRequest(db, caseworker, `/applications/${app.id}`), params: { applicationId: String(app.id) }, ...ctx });
      expect(text(staff)).toMatch(INTERNAL);
    });
  }
});

describe("status history per audience", () => {
  it("the ministry sees the casework steps with names; the municipality only its own steps and the reopening, by 'Ministeriet'", async () => {
    const db = await getDb();
    const { call } = await makeCall(db, { deadline: new Date("2022-11-07T11:00:00Z") });
    const user = await createUser(db, "municipality", { municipalityCode: "0360", name: "Mette Hansen" });
    const caseworker = await createUser(db, "caseworker", { name: "Sara Sagsbehandler" });
    const [app] = await db.insert(applications).values({ callId: call.id, municipalityCode: "0360", status: "correction", reopenReason: "Ret budgettet" }).returning();
    const entry = (actor: typeof user, action: string, status: string) =>
      audit(db, actor, { action, entityType: "application", entityId: app.id, after: { status } });
    await entry(user, "application.submitted", "submitted");
    await entry(caseworker, "application.formalia_checked", "rejection_proposed");
    await entry(caseworker, "application.reopened", "correction");
    const history = async (who: typeof user) =>
      ((await appLoader({ request: await signedInRequest(db, who, `/applications/${app.id}`), params: { applicationId: String(app.id) }, ...ctx })) as { history: { text: string; by: string }[] }).history;

    expect((await history(caseworker)).map((h) => `${h.text} · ${h.by}`)).toEqual([
      "Ansøgningen er indsendt · Mette Hansen",
      "Formalia kontrolleret: Indstillet til afslag · Sara Sagsbehandler",
      "Genåbnet til rettelse · Sara Sagsbehandler",
    ]);
    const own = await history(user);
    expect(own.map((h) => `${h.text} · ${h.by}`)).toEqual([
      "Ansøgningen er indsendt · Mette Hansen",
      "Ministeriet har genåbnet ansøgningen til rettelse · Ministeriet",
    ]);
    expect(text(own)).not.toMatch(INTERNAL);
  });
});
