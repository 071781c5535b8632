// The grant list and page read through grantScope: the ministry sees every grant, a
// municipality only its own (another's is simply not found), everyone else nothing.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { calls, grants, pools } from "#db/schema";
import { getGrant, listGrants, parseGrantFilters } from "~/domain/grants/queries.server";
import { grantScope, type ScopeActor } from "~/policy/scopes.server";
import { createTestDb, type TestDb } from "../setup/test-db";
import { makeAssessmentCall } from "./assessment-fixtures";
import { makeGrant } from "./grant-fixtures";

let t: TestDb;
let lolland: number;
let faxe: number;
const actor = (role: string, municipalityCode: string | null = null): ScopeActor => ({ role, municipalityCode, agencyId: null });

beforeAll(async () => {
  t = await createTestDb();
  const { call } = await makeAssessmentCall(t.db);
  const [pool] = await t.db
    .insert(pools)
    .values({ name: "Testpulje", financeLine: "§ 15.26.35.10", totalOre: 1_430_000_000n, startsOn: "2022-01-01", endsOn: "2025-09-30" })
    .returning();
  await t.db.update(calls).set({ poolId: pool!.id }).where(eq(calls.id, call.id));
  lolland = (await makeGrant(t.db, call.id, "0360", { awardedOre: 200_000_000n, poolId: pool!.id })).grant.id;
  faxe = (await makeGrant(t.db, call.id, "0320", { awardedOre: 100_000_000n, poolId: pool!.id })).grant.id;
}, 30_000);
afterAll(async () => {
  await t.close();
  await t.dropDatabase();
});

describe("grant scope", () => {
  it("lets the ministry see every grant and a municipality only its own", async () => {
    const ids = async (a: ScopeActor) => (await t.db.select({ id: grants.id }).from(grants).where(grantScope(a))).map((r) => r.id).sort();
    for (const role of ["admin", "caseworker"]) expect(await ids(actor(role))).toEqual([lolland, faxe].sort());
    expect(await ids(actor("municipality", "0360"))).toEqual([lolland]);
    for (const a of [actor("advisor"), actor("superuser"), actor("municipality", null)]) expect(await ids(a)).toEqual([]);
  });

  it("lists with totals and filters by municipality name", async () => {
    const all = await listGrants(t.db, actor("caseworker"), parseGrantFilters(new URLSearchParams()));
    expect(all.total).toBe(2);
    expect(all.awardedSumOre).toBe(300_000_000n);
    const own = await listGrants(t.db, actor("municipality", "0360"), parseGrantFilters(new URLSearchParams()));
    expect(own.rows.map((r) => r.id)).toEqual([lolland]);
    const searched = await listGrants(t.db, actor("caseworker"), parseGrantFilters(new URLSearchParams("q=fax")));
    expect(searched.rows.map((r) => r.id)).toEqual([faxe]);
  });

  it("finds another municipality's grant for nobody but the ministry", async () => {
    expect(await getGrant(t.db, actor("municipality", "0360"), faxe)).toBeNull();
    const own = await getGrant(t.db, actor("municipality", "0360"), lolland);
    expect(own?.ledger.map((l) => l.committedBalanceOre)).toEqual([200_000_000n]);
    expect((await getGrant(t.db, actor("admin"), faxe))?.municipalityName).toBe("Faxe");
  });
});
