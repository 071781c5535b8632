// The demo seed's letters: every grant has its award letter (and every rejection its
// letter), and Morsø has a grant in the fictitious follow-up pool left to accept, with a
// deadline ahead, that its demo user can accept.
import { execFileSync } from "node:child_process";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { decisionLetters, grants, memberships, pools, users } from "#db/schema";
import { seedDemo } from "#db/seed/demo";
import { OFFERED_DEMO } from "#db/seed/demo-letters";
import { DEMO_FOLLOW_UP_POOL, MUNICIPALITY_PEOPLE, DEMO_DOMAIN } from "#db/seed/demo-content";
import { readMunicipalities } from "#db/seed/reference";
import { getDb } from "~/db.server";
import { acceptGrant } from "~/domain/grants/acceptance.server";
import { amountInWords } from "~/utils/amount-in-words";
import { formatOre } from "~/utils/money";
import { expectLedgerConsistent } from "./grant-fixtures";

const now = new Date("2026-03-10T09:00:00Z");
const morsoe = readMunicipalities().find((m) => m.name === OFFERED_DEMO.municipality)!.code;

beforeAll(async () => {
  await seedDemo(await getDb(), { now });
}, 240_000);

describe("demo letters", () => {
  it("gives every grant its award letter", async () => {
    const db = await getDb();
    const missing = await db
      .select({ id: grants.id })
      .from(grants)
      .where(sql`NOT EXISTS (SELECT 1 FROM decision_letters d WHERE d.grant_id = ${grants.id} AND d.kind = 'award')`);
    expect(missing).toEqual([]);
    expect((await db.select().from(grants)).length).toBeGreaterThanOrEqual(1);
  });

  it("leaves Morsø's grant in the follow-up pool offered, twelve days to accept, with a letter that reads right", async () => {
    const db = await getDb();
    const [g] = await db
      .select({ grant: grants, poolName: pools.name })
      .from(grants)
      .innerJoin(pools, eq(pools.id, grants.poolId))
      .where(eq(grants.municipalityCode, morsoe));
    expect(g!.poolName).toBe(DEMO_FOLLOW_UP_POOL.name);
    expect(g!.grant.status).toBe("offered");
    expect(g!.grant.acceptanceDeadline.getTime()).toBeGreaterThan(now.getTime() + 11 * 86_400_000);
    const [letter] = await db.select().from(decisionLetters).where(eq(decisionLetters.grantId, g!.grant.id));
    const text = execFileSync("pdftotext", ["-", "-"], { input: letter!.pdf }).toString("utf8").replace(/\s+/g, " ");
    expect(text).toContain(formatOre(g!.grant.awardedOre));
    expect(text).toContain(amountInWords(g!.grant.awardedOre));
    expect(text).toContain("Morsø Kommune");
    await expectLedgerConsistent(db);

    // Morsø's demo user may accept it now.
    const [user] = await db
      .select({ id: users.id, email: users.email, name: users.name })
      .from(users)
      .innerJoin(memberships, eq(memberships.userId, users.id))
      .where(and(eq(users.email, `${MUNICIPALITY_PEOPLE[OFFERED_DEMO.municipality]!.login}@${DEMO_DOMAIN}`), eq(memberships.municipalityCode, morsoe)));
    const actor = { userId: user!.id, name: user!.name, email: user!.email, role: "municipality" as const, municipalityCode: morsoe, municipalityName: null, agencyId: null, agencyName: null, requestId: "t" };
    expect(await acceptGrant(db, actor, g!.grant.id, now)).toEqual({ ok: true, value: { id: g!.grant.id } });
  });
});
