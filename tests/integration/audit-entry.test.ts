// The audit trail as a reader sees it: applications by reference and official
// municipality name, calls by title, and one entry in full on its own page.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#db/client";
import { auditLog } from "#db/schema";
import { getDb } from "~/db.server";
import { loader as entryLoader } from "~/routes/admin.audit.$entryId";
import { loader as pageLoader } from "~/routes/admin.audit._index";
import { audit } from "~/utils/audit.server";
import { createUser, signedInRequest, type TestUser } from "../fixtures";
import { thrown } from "../support/route-result";
import { makeApplication, makeAssessmentCall } from "./assessment-fixtures";

let db: Database;
let admin: TestUser;
let applicationId: number;
let entryId: number;
let reference: string;

beforeAll(async () => {
  db = await getDb();
  const { call } = await makeAssessmentCall(db, { title: "Opslag om børnesager" });
  admin = await createUser(db, "admin", { name: "Ada Administrator" });
  // Vesthimmerland: the short name and the official name differ.
  const app = await makeApplication(db, call.id, "0820", { submittedAt: new Date("2026-11-02T09:30:00Z") });
  applicationId = app.id;
  reference = `PP-2026-${String(app.id).padStart(4, "0")}`;
  await audit(db, admin, {
    action: "application.assessment_completed",
    entityType: "application",
    entityId: app.id,
    before: { status: "formalia_approved" },
    after: { status: "assessed", weightedScoreTenths: 37 },
  });
  await audit(db, admin, { action: "call.published", entityType: "call", entityId: call.id, after: { status: "published" } });
  const [row] = await db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.action, "application.assessment_completed"));
  entryId = row.id;
});

describe("audit trail page", () => {
  it("names the object by reference and official name, the action in Danish, the changes as fields", async () => {
    const res = await pageLoader({ request: await signedInRequest(db, admin, "/admin/audit?entityType=application"), params: {}, context: {} });
    const row = res.data.rows.find((r) => r.entityId === String(applicationId))!;
    expect(row).toMatchObject({ actionLabel: "Vurdering afsluttet", entityType: "Ansøgning", entity: `${reference} · Vesthimmerlands Kommune` });
    expect(row.changes).toEqual([
      { field: "Status", before: "Formalia godkendt", after: "Vurderet" },
      { field: "Vægtet score", before: null, after: "3,7" },
    ]);
    const calls = await pageLoader({ request: await signedInRequest(db, admin, "/admin/audit?entityType=call"), params: {}, context: {} });
    expect(calls.data.rows[0]).toMatchObject({ actionLabel: "Opslag offentliggjort", entity: "Opslag om børnesager" });
  });
});

describe("audit entry page", () => {
  it("shows one entry in full, the code only among the technical details", async () => {
    const e = await entryLoader({ request: await signedInRequest(db, admin, `/admin/audit/${entryId}`), params: { entryId: String(entryId) }, context: {} });
    expect(e).toMatchObject({
      action: "Vurdering afsluttet",
      code: "application.assessment_completed",
      who: "Ada Administrator",
      role: "Administrator (ministeriet)",
      entity: `${reference} · Vesthimmerlands Kommune`,
    });
    expect(e.at).toMatch(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:\d{2}$/);
    expect(e.changes[0]).toEqual({ field: "Status", before: "Formalia godkendt", after: "Vurderet" });
  });

  it("is 404 for an unknown entry and 403 for everyone but admins", async () => {
    const caseworker = await createUser(db, "caseworker");
    const get = async (user: TestUser, id: string) =>
      thrown(entryLoader({ request: await signedInRequest(db, user, `/admin/audit/${id}`), params: { entryId: id }, context: {} }));
    expect((await get(admin, "99999999")).status).toBe(404);
    expect((await get(admin, "abc")).status).toBe(404);
    expect((await get(caseworker, String(entryId))).status).toBe(403);
  });
});
