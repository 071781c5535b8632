// Reference data for the advisory programmes, needed in every database: the seeded focus
// areas (each tagged with the four themes) and the milestone templates staff plan from.
import { eq } from "drizzle-orm";
import type { Executor } from "../client";
import { focusAreas, milestoneTemplates, programmeTemplates } from "../schema";
import { SEEDED_FOCUS_AREAS, type MilestoneKind, type Theme } from "../../app/domain/programmes/programme-constants";

type TemplateItem = { title: string; positionPercent: number; kind?: MilestoneKind; themes?: Theme[] };

export const PROGRAMME_TEMPLATES: { name: string; description: string; items: TemplateItem[] }[] = [
  {
    name: "Standardforløb (ca. 6 måneder)",
    description: "Det typiske forløb med kick-off, sagsgennemgang, workshops og afsluttende læringsnotat.",
    items: [
      { title: "Kick-off", positionPercent: 0 },
      { title: "Behovsafdækning", positionPercent: 10, themes: ["udredning"] },
      { title: "Sagsgennemgang af udvalgte sager", positionPercent: 30, kind: "case_review", themes: ["udredning", "indsats", "opfoelgning", "inddragelse"] },
      { title: "Midtvejsstatus", positionPercent: 50 },
      { title: "Workshop om børneinddragelse", positionPercent: 62, themes: ["inddragelse"] },
      { title: "Ledelsestilsyn-forløb", positionPercent: 78, themes: ["opfoelgning"] },
      { title: "Afslutning og læringsnotat", positionPercent: 100 },
    ],
  },
  {
    name: "Kort forløb (ca. 3 måneder, lav intensitet)",
    description: "Et kortere forløb med færre møder: sagsgennemgang og opfølgning.",
    items: [
      { title: "Kick-off", positionPercent: 0 },
      { title: "Behovsafdækning", positionPercent: 15, themes: ["udredning"] },
      { title: "Sagsgennemgang af udvalgte sager", positionPercent: 40, kind: "case_review", themes: ["udredning", "indsats", "opfoelgning", "inddragelse"] },
      { title: "Midtvejsstatus", positionPercent: 60 },
      { title: "Afslutning og læringsnotat", positionPercent: 100 },
    ],
  },
  {
    name: "Intensivt forløb (ca. 9 måneder)",
    description: "Et længere forløb med to sagsgennemgange og workshops om inddragelse og systematik.",
    items: [
      { title: "Kick-off", positionPercent: 0 },
      { title: "Behovsafdækning", positionPercent: 8, themes: ["udredning"] },
      { title: "Sagsgennemgang af udvalgte sager", positionPercent: 20, kind: "case_review", themes: ["udredning", "indsats", "opfoelgning", "inddragelse"] },
      { title: "Workshop om børneinddragelse", positionPercent: 35, themes: ["inddragelse"] },
      { title: "Ledelsestilsyn-forløb", positionPercent: 45, themes: ["opfoelgning"] },
      { title: "Midtvejsstatus", positionPercent: 50 },
      { title: "Opfølgende sagsgennemgang", positionPercent: 75, kind: "case_review", themes: ["udredning", "indsats", "opfoelgning", "inddragelse"] },
      { title: "Workshop om systematisk sagsbehandling", positionPercent: 85, themes: ["udredning", "opfoelgning"] },
      { title: "Afslutning og læringsnotat", positionPercent: 100 },
    ],
  },
];

export async function seedProgrammeReference(db: Executor) {
  await db
    .insert(focusAreas)
    .values(SEEDED_FOCUS_AREAS.map((f) => ({ name: f.name, themes: f.themes })))
    .onConflictDoNothing();
  for (const t of PROGRAMME_TEMPLATES) {
    const [row] = await db
      .insert(programmeTemplates)
      .values({ name: t.name, description: t.description })
      .onConflictDoNothing()
      .returning({ id: programmeTemplates.id });
    if (!row) continue; // Already there (with its items).
    await db.insert(milestoneTemplates).values(
      t.items.map((item, i) => ({
        templateId: row.id,
        sortOrder: i + 1,
        title: item.title,
        kind: item.kind ?? "standard",
        positionPercent: item.positionPercent,
        themes: item.themes ?? [],
      })),
    );
  }
  return (await db.select({ id: programmeTemplates.id }).from(programmeTemplates).where(eq(programmeTemplates.name, PROGRAMME_TEMPLATES[0].name)))[0]?.id;
}
