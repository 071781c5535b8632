// Advisory programmes written straight into the tables (no command): the timeline, the
// reminder job and the start page only read them, so the tests build exactly the rows they need.
import { eq } from "drizzle-orm";
import type { Database } from "#db/client";
import { advisoryProgrammes, agencies, milestones, programmeAdvisors } from "#db/schema";
import type { MilestoneStatus } from "~/domain/programmes/programme-constants";

export async function agencyId(db: Database, slug: "sbst" | "ast") {
  return (await db.select({ id: agencies.id }).from(agencies).where(eq(agencies.slug, slug)))[0]!.id;
}

export async function makeProgramme(
  db: Database,
  grant: { id: number; poolId: number; municipalityCode: string },
  opts: {
    startsOn?: string;
    plannedEndOn?: string;
    advisors?: { userId: string; agency: "sbst" | "ast" }[];
    milestones?: { title: string; plannedOn: string; status?: MilestoneStatus; actualOn?: string; reason?: string }[];
  } = {},
) {
  const sbst = await agencyId(db, "sbst");
  const ast = await agencyId(db, "ast");
  const [p] = await db
    .insert(advisoryProgrammes)
    .values({
      grantId: grant.id,
      poolId: grant.poolId,
      municipalityCode: grant.municipalityCode,
      leadAgencyId: sbst,
      partnerAgencyId: ast,
      startsOn: opts.startsOn ?? "2023-03-01",
      plannedEndOn: opts.plannedEndOn ?? "2023-11-30",
      intensity: "medium",
    })
    .returning();
  for (const a of opts.advisors ?? []) {
    await db.insert(programmeAdvisors).values({ programmeId: p!.id, userId: a.userId, agencyId: a.agency === "sbst" ? sbst : ast });
  }
  const ms = [];
  for (const [i, m] of (opts.milestones ?? []).entries()) {
    const status = m.status ?? "planlagt";
    const [row] = await db
      .insert(milestones)
      .values({
        programmeId: p!.id,
        sortOrder: i + 1,
        title: m.title,
        plannedOn: m.plannedOn,
        status,
        actualOn: m.actualOn ?? (status === "gennemfoert" ? m.plannedOn : null),
        statusReason: status === "udskudt" || status === "aflyst" ? (m.reason ?? "Kommunen bad om en ny dato") : null,
      })
      .returning();
    ms.push(row!);
  }
  return { programme: p!, milestones: ms };
}
