// After close-out the pages of a pool's call, grants and programmes say so and offer no
// changes (the database would refuse them: PP403): the same loaders offered them while the
// pool was open.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#db/client";
import { pools } from "#db/schema";
import { getDb } from "~/db.server";
import { loader as callLoader } from "~/routes/calls.$callId._index";
import { loader as grantLoader } from "~/routes/grants.$grantId._index";
import { loader as programmeLoader } from "~/routes/programmes.$programmeId._index";
import { createUser, signedInRequest, type TestUser } from "../fixtures";
import { ctx, makeAssessmentCall } from "./assessment-fixtures";
import { makeGrant } from "./grant-fixtures";
import { makeProgramme } from "./timeline-fixtures";

let db: Database;
let caseworker: TestUser;
let municipality: TestUser;
let advisor: TestUser;
const ids = { pool: 0, call: 0, grant: 0, programme: 0 };

async function pages() {
  const call = await callLoader({ request: await signedInRequest(db, caseworker, `/calls/${ids.call}`), params: { callId: String(ids.call) }, ...ctx });
  const grant = await grantLoader({ request: await signedInRequest(db, municipality, `/grants/${ids.grant}`), params: { grantId: String(ids.grant) }, ...ctx });
  const programme = await programmeLoader({
    request: await signedInRequest(db, advisor, `/programmes/${ids.programme}`),
    params: { programmeId: String(ids.programme) },
    ...ctx,
  });
  return { call, grant, programme };
}

beforeAll(async () => {
  db = await getDb();
  const { call } = await makeAssessmentCall(db);
  const grant = (await makeGrant(db, call.id, "0360", { poolId: call.poolId })).grant;
  caseworker = await createUser(db, "caseworker");
  municipality = await createUser(db, "municipality", { municipalityCode: "0360" });
  advisor = await createUser(db, "advisor", { agencySlug: "sbst" });
  const p = await makeProgramme(db, grant, { advisors: [{ userId: advisor.userId, agency: "sbst" }] });
  Object.assign(ids, { pool: call.poolId, call: call.id, grant: grant.id, programme: p.programme.id });
}, 60_000);

describe("pages of a closed pool", () => {
  it("offer changes while the pool is open", async () => {
    const { call, grant, programme } = await pages();
    expect(call.closed).toBeNull();
    expect(grant.closed).toBeNull();
    expect(grant.budget.canRequest || grant.acceptance.mayAccept).toBe(true);
    expect(programme.closed).toBeNull();
    expect(programme.canLog).toBe(true);
  });

  it("say the pool is closed, by whom and when, and offer no changes once it is", async () => {
    await db.update(pools).set({ closedAt: new Date("2031-07-01T08:00:00Z"), closedBy: caseworker.userId }).where(eq(pools.id, ids.pool));
    const { call, grant, programme } = await pages();
    for (const closed of [call.closed, grant.closed, programme.closed]) {
      expect(closed).toEqual({ at: "01.07.2031 10:00", byName: caseworker.name });
    }
    expect(grant.budget.canRequest).toBe(false);
    expect(grant.acceptance.mayAccept).toBe(false);
    expect(programme.canLog).toBe(false);
  });
});
