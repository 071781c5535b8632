// The SQL scopes, per role: which calls and applications each actor's WHERE lets through.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { applications, calls } from "#db/schema";
import { getDb } from "~/db.server";
import { applicationScope, callScope, type ScopeActor } from "~/policy/scopes.server";
import { makeCall } from "./application-helpers";

let lollandCall: number;
let kobenhavnCall: number;
let draftCall: number;
let lollandApp: number;
let kobenhavnApp: number;

beforeAll(async () => {
  const db = await getDb();
  lollandCall = (await makeCall(db, { eligible: ["0360"] })).call.id;
  kobenhavnCall = (await makeCall(db, { eligible: ["0101"] })).call.id;
  draftCall = (await makeCall(db, { eligible: ["0360"], status: "draft" })).call.id;
  [{ id: lollandApp }] = await db.insert(applications).values({ callId: lollandCall, municipalityCode: "0360" }).returning();
  [{ id: kobenhavnApp }] = await db.insert(applications).values({ callId: kobenhavnCall, municipalityCode: "0101" }).returning();
}, 30_000);

const actor = (role: string, municipalityCode: string | null = null): ScopeActor => ({ role, municipalityCode, agencyId: null });

async function visible(a: ScopeActor) {
  const db = await getDb();
  const c = await db.select({ id: calls.id }).from(calls).where(callScope(a));
  const ap = await db.select({ id: applications.id }).from(applications).where(and(applicationScope(a)));
  return { calls: c.map((r) => r.id).sort(), applications: ap.map((r) => r.id).sort() };
}

describe("scopes", () => {
  it("lets ministry staff see every call and application", async () => {
    for (const role of ["admin", "caseworker"]) {
      expect(await visible(actor(role))).toEqual({
        calls: [lollandCall, kobenhavnCall, draftCall].sort(),
        applications: [lollandApp, kobenhavnApp].sort(),
      });
    }
  });

  it("lets a municipality user see the published calls it may apply to and its own applications", async () => {
    expect(await visible(actor("municipality", "0360"))).toEqual({ calls: [lollandCall], applications: [lollandApp] });
    expect(await visible(actor("municipality", "0101"))).toEqual({ calls: [kobenhavnCall], applications: [kobenhavnApp] });
  });

  it("shows nothing to advisors, unknown roles and a municipality user without a municipality", async () => {
    for (const a of [actor("advisor"), actor("superuser"), actor("toString"), actor("municipality", null)]) {
      expect(await visible(a)).toEqual({ calls: [], applications: [] });
    }
    // A ministry role with a stray municipality code still sees everything, not "its own".
    const db = await getDb();
    const [row] = await db.select({ id: applications.id }).from(applications).where(and(eq(applications.id, kobenhavnApp), applicationScope(actor("caseworker", "0360"))));
    expect(row?.id).toBe(kobenhavnApp);
  });
});
