// Scaled programme data for the timeline benchmark: beside the demo's programmes, one granted
// application, grant and advisory programme for every other municipality (98 in all), and
// every programme topped up to 12 milestones. Bulk inserts in one transaction (the reads under
// test do not care how the rows were written); a benchmark database only.
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../../../db/client";
import {
  advisoryProgrammes,
  agencies,
  applications,
  calls,
  focusAreas,
  grants,
  memberships,
  milestones,
  municipalities,
  pools,
  programmeAdvisors,
  programmeFocusAreas,
} from "../../../db/schema";
import type { MilestoneStatus } from "../../../app/domain/programmes/programme-constants";
import { copenhagenInstant } from "../../../app/utils/dates";

export const MILESTONES_PER_PROGRAMME = 12;
const TITLES = [
  "Kick-off",
  "Behovsafdækning",
  "Sagsgennemgang af udvalgte sager",
  "Workshop om børneinddragelse",
  "Ledelsestilsyn-forløb, 1. del",
  "Midtvejsstatus",
  "Ledelsestilsyn-forløb, 2. del",
  "Workshop om systematisk sagsbehandling",
  "Opfølgning på sagsgennemgang",
  "Dataunderstøttelse: opsætning",
  "Slutstatus",
  "Afslutning og læringsnotat",
];

const iso = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (isoDate: string, days: number) => iso(new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000));

export async function scaleProgrammes(db: Database, today: string) {
  return db.transaction(async (tx) => {
    const [pool] = await tx.select().from(pools).limit(1);
    const agencyRows = await tx.select().from(agencies).where(eq(agencies.kind, "agency"));
    const advisorRows = await tx
      .select({ userId: memberships.userId, agencyId: memberships.agencyId })
      .from(memberships)
      .where(eq(memberships.role, "advisor"));
    const areas = await tx.select({ id: focusAreas.id }).from(focusAreas);
    const missing = await tx
      .select({ code: municipalities.code })
      .from(municipalities)
      .where(sql`NOT EXISTS (SELECT 1 FROM ${advisoryProgrammes} WHERE ${advisoryProgrammes.municipalityCode} = ${municipalities.code})`)
      .orderBy(municipalities.code);
    const [call] = await tx
      .insert(calls)
      .values({
        poolId: pool!.id,
        title: "Benchmark-opslag (tidslinje)",
        purpose: "Skaleret testdata til målinger.",
        projectStart: "2023-01-01",
        projectEnd: "2025-12-31",
        deadline: copenhagenInstant("2022-11-07", "12:00"),
        status: "published",
        publishedAt: new Date("2022-10-01T08:00:00Z"),
      })
      .returning();
    const apps = await tx
      .insert(applications)
      .values(
        missing.map((m, i) => ({
          callId: call!.id,
          municipalityCode: m.code,
          status: "granted" as const,
          contactName: `Kontakt ${m.code}`,
          contactEmail: `bench${i}@example.dk`,
          contactPhone: "33 92 93 00",
          challenge: "Benchmark.",
          activities: "Benchmark.",
          expectedEffect: "Benchmark.",
          themes: ["inddragelse"],
          requestedOre: 10_000_000n,
          submittedAt: new Date("2022-11-01T10:00:00Z"),
        })),
      )
      .returning({ id: applications.id, municipalityCode: applications.municipalityCode });
    const grantRows = await tx
      .insert(grants)
      .values(
        apps.map((a) => ({
          applicationId: a.id,
          callId: call!.id,
          poolId: pool!.id,
          municipalityCode: a.municipalityCode,
          awardedOre: 10_000_000n,
          status: "accepted" as const,
          projectStart: "2023-01-01",
          projectEnd: "2024-12-31",
          acceptanceDeadline: new Date("2023-01-15T22:59:59Z"),
          latestStartOn: "2023-06-30",
          accountsDueOn: "2025-03-31",
        })),
      )
      .returning({ id: grants.id, municipalityCode: grants.municipalityCode });
    const programmes = await tx
      .insert(advisoryProgrammes)
      .values(
        grantRows.map((g, i) => {
          const startsOn = addDays("2023-02-01", (i * 9) % 820);
          const lead = agencyRows[i % agencyRows.length]!;
          const partner = agencyRows[(i + 1) % agencyRows.length]!;
          return {
            grantId: g.id,
            poolId: pool!.id,
            municipalityCode: g.municipalityCode,
            leadAgencyId: lead.id,
            partnerAgencyId: partner.id,
            startsOn,
            plannedEndOn: addDays(startsOn, 90 + ((i * 37) % 180)),
            intensity: (["low", "medium", "high"] as const)[i % 3]!,
            status: "active" as const,
          };
        }),
      )
      .returning({ id: advisoryProgrammes.id });
    if (advisorRows.length) {
      await tx.insert(programmeAdvisors).values(
        programmes.flatMap((p, i) =>
          [advisorRows[i % advisorRows.length]!, advisorRows[(i + 1) % advisorRows.length]!]
            .filter((a, j, all) => all.findIndex((b) => b.userId === a.userId) === j)
            .map((a) => ({ programmeId: p.id, userId: a.userId, agencyId: a.agencyId ?? agencyRows[0]!.id })),
        ),
      );
    }
    if (areas.length) {
      await tx
        .insert(programmeFocusAreas)
        .values(programmes.flatMap((p, i) => [areas[i % areas.length]!, areas[(i + 2) % areas.length]!].filter((a, j) => j === 0 || areas.length > 2).map((a) => ({ programmeId: p.id, focusAreaId: a.id }))));
    }
    // Every programme (the demo's too) up to 12 milestones, spread over its period.
    const all = await tx
      .select({
        id: advisoryProgrammes.id,
        startsOn: advisoryProgrammes.startsOn,
        plannedEndOn: advisoryProgrammes.plannedEndOn,
        // Qualified by hand: in a one-table select drizzle leaves columns unqualified.
        count: sql<number>`(SELECT count(*) FROM milestones m WHERE m.programme_id = advisory_programmes.id)`.mapWith(Number),
      })
      .from(advisoryProgrammes);
    const rows = all.flatMap((p) => {
      const span = Math.max(1, (Date.parse(p.plannedEndOn) - Date.parse(p.startsOn)) / 86_400_000);
      return Array.from({ length: Math.max(0, MILESTONES_PER_PROGRAMME - p.count) }, (_, k) => {
        const n = p.count + k;
        const plannedOn = addDays(p.startsOn, Math.round((span * n) / (MILESTONES_PER_PROGRAMME - 1)));
        const past = plannedOn < today;
        const status: MilestoneStatus = !past ? "planlagt" : n % 7 === 3 ? "udskudt" : n % 5 === 4 ? "i_gang" : "gennemfoert";
        return {
          programmeId: p.id,
          sortOrder: 100 + n,
          title: TITLES[n % TITLES.length]!,
          plannedOn,
          status,
          actualOn: status === "gennemfoert" ? plannedOn : null,
          statusReason: status === "udskudt" ? "Flyttet efter aftale med kommunen" : null,
        };
      });
    });
    for (let i = 0; i < rows.length; i += 500) await tx.insert(milestones).values(rows.slice(i, i + 500));
    const [{ programmes: pc, milestones: mc }] = await tx
      .select({
        programmes: sql<number>`(SELECT count(*) FROM ${advisoryProgrammes})`.mapWith(Number),
        milestones: sql<number>`(SELECT count(*) FROM ${milestones})`.mapWith(Number),
      })
      .from(pools)
      .where(and(eq(pools.id, pool!.id)));
    return { programmes: pc, milestones: mc };
  });
}
