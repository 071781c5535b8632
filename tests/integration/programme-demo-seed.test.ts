// The demo advisory programmes: one per 2022 grant (nine), 2023–2025, with focus areas
// (most børneinddragelse, several ledelsestilsyn, all a sagsgennemgang), advisors from both
// agencies, some milestones done, some postponed, one programme running into 2025 with a
// milestone after the initiative's end, two cross-municipal sessions.
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  advisoryProgrammes,
  agencies,
  auditLog,
  crossMunicipalSessions,
  focusAreas,
  memberships,
  milestones,
  pools,
  programmeAdvisors,
  programmeFocusAreas,
  sessionInvitations,
} from "#db/schema";
import { seedDemo } from "#db/seed/demo";
import { getDb } from "~/db.server";
import { isAfterInitiativeEnd, programmeDateProblems } from "~/domain/programmes/programme-rules";

beforeAll(async () => {
  await seedDemo(await getDb(), { now: new Date("2026-03-10T09:00:00Z") });
}, 240_000);

describe("demo programmes", () => {
  it("plans one programme per 2022 grant, with focus areas, two agencies and valid dates", async () => {
    const db = await getDb();
    const rows = await db.select().from(advisoryProgrammes);
    expect(rows).toHaveLength(9);
    for (const p of rows) {
      expect(p.startsOn >= "2023-01-01" && p.plannedEndOn <= "2025-12-31").toBe(true);
      expect(programmeDateProblems(p)).toEqual({});
      expect(p.leadAgencyId).not.toBe(p.partnerAgencyId);
    }
    const areas = await db
      .select({ name: focusAreas.name, n: sql<number>`count(*)::int` })
      .from(programmeFocusAreas)
      .innerJoin(focusAreas, eq(focusAreas.id, programmeFocusAreas.focusAreaId))
      .groupBy(focusAreas.name);
    const count = (name: string) => areas.find((a) => a.name === name)?.n ?? 0;
    expect(count("Sagsgennemgang")).toBe(9);
    expect(count("Børneinddragelse")).toBeGreaterThanOrEqual(5);
    expect(count("Ledelsestilsyn")).toBeGreaterThanOrEqual(3);

    // Every programme has advisors from both agencies, each an advisor of that agency.
    const advisors = await db
      .select({ programmeId: programmeAdvisors.programmeId, slug: agencies.slug, role: memberships.role, memberAgency: memberships.agencyId, agencyId: programmeAdvisors.agencyId })
      .from(programmeAdvisors)
      .innerJoin(agencies, eq(agencies.id, programmeAdvisors.agencyId))
      .innerJoin(memberships, eq(memberships.userId, programmeAdvisors.userId));
    for (const p of rows) {
      const mine = advisors.filter((a) => a.programmeId === p.id);
      expect(new Set(mine.map((a) => a.slug))).toEqual(new Set(["sbst", "ast"]));
      for (const a of mine) {
        expect(a.role).toBe("advisor");
        expect(a.memberAgency).toBe(a.agencyId);
      }
    }
  });

  it("has done, postponed and still open milestones, one programme into 2025 and a milestone after the initiative's end", async () => {
    const db = await getDb();
    const [pool] = await db.select().from(pools).where(eq(pools.financeLine, "§ 15.26.35.10"));
    expect(pool.initiativeEndsOn).toBe("2025-09-30");
    const all = await db.select().from(milestones);
    const by = (s: string) => all.filter((m) => m.status === s);
    expect(by("gennemfoert").length).toBeGreaterThan(40);
    expect(by("udskudt").length).toBeGreaterThanOrEqual(2);
    expect(by("aflyst").length).toBeGreaterThanOrEqual(1);
    expect(all.filter((m) => isAfterInitiativeEnd(m.plannedOn, pool.initiativeEndsOn))).toHaveLength(1);
    const running = await db.select().from(advisoryProgrammes).where(eq(advisoryProgrammes.status, "active"));
    expect(running).toHaveLength(1);
    expect(running[0].plannedEndOn.startsWith("2025")).toBe(true);
    // Each logged milestone has its history in the audit log.
    const history = await db.select().from(auditLog).where(eq(auditLog.action, "milestone.logged"));
    expect(history.length).toBeGreaterThanOrEqual(by("gennemfoert").length);
  });

  it("has two cross-municipal sessions with invited municipalities and their answers", async () => {
    const db = await getDb();
    expect(await db.select().from(crossMunicipalSessions)).toHaveLength(2);
    const invites = await db.select().from(sessionInvitations);
    expect(invites.length).toBe(10);
    expect(invites.some((i) => i.attendance === "confirmed")).toBe(true);
    expect(invites.some((i) => i.attendance === "declined")).toBe(true);
  });
});
