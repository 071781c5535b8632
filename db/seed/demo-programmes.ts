// Demo: the nine 2022 grants' advisory programmes (2023–2025), planned from the templates,
// with focus areas (most on børneinddragelse, several on ledelsestilsyn, all with a
// sagsgennemgang), advisors from both agencies, logged milestones (most done, some
// postponed, one cancelled, Vesthimmerland's still running into 2025 with its closing
// milestone after the initiative's end), a few comments, two cross-municipal sessions.
// The history of each logged milestone is an audit row dated when it happened.
import { asc, eq, inArray } from "drizzle-orm";
import type { Tx } from "../client";
import {
  advisoryProgrammes,
  agencies,
  auditLog,
  crossMunicipalSessions,
  focusAreas,
  grants,
  milestoneCaseReviews,
  milestoneComments,
  milestoneParticipants,
  milestones,
  milestoneTemplates,
  programmeAdvisors,
  programmeFocusAreas,
  programmeTemplates,
  sessionInvitations,
} from "../schema";
import { PROGRAMME_TEMPLATES } from "./programme-reference";
import { addDays, plannedDateAt } from "../../app/domain/programmes/programme-rules";
import type { Intensity, MilestoneStatus, ParticipantRole, Theme } from "../../app/domain/programmes/programme-constants";
import { copenhagenInstant } from "../../app/utils/dates";

type Outcome = { status: MilestoneStatus; reason?: string; shiftDays?: number; note?: string };
type ProgrammeSpec = {
  municipality: string;
  lead: "sbst" | "ast";
  advisors: [string, string];
  startsOn: string;
  plannedEndOn: string;
  intensity: Intensity;
  template: 0 | 1 | 2;
  focus: string[];
  lengthReason?: string;
  status: "completed" | "active";
  /** By milestone title: anything but "done on the planned date". */
  outcomes?: Record<string, Outcome>;
};

const STD = 0, SHORT = 1, LONG = 2;
export const DEMO_PROGRAMMES: ProgrammeSpec[] = [
  { municipality: "Lolland", lead: "sbst", advisors: ["sbst1", "ast1"], startsOn: "2023-02-01", plannedEndOn: "2023-08-31", intensity: "high", template: STD, focus: ["Børneinddragelse", "Ledelsestilsyn", "Sagsgennemgang"], status: "completed" },
  {
    municipality: "Langeland", lead: "sbst", advisors: ["sbst2", "ast1"], startsOn: "2023-03-01", plannedEndOn: "2023-08-31", intensity: "medium", template: STD,
    focus: ["Børneinddragelse", "Sagsgennemgang", "Færrest mulige fagpersoner"], status: "completed",
    outcomes: { "Workshop om børneinddragelse": { status: "aflyst", reason: "Erstattet af det tværkommunale læringsseminar om børneinddragelse i november." } },
  },
  {
    municipality: "Tønder", lead: "ast", advisors: ["ast2", "sbst1"], startsOn: "2023-04-10", plannedEndOn: "2024-01-31", intensity: "medium", template: LONG,
    focus: ["Ledelsestilsyn", "Sagsgennemgang", "Systematisk sagsbehandling"], status: "completed",
    lengthReason: "Forlænget med halvanden måned, fordi afdelingen skiftede leder i efteråret 2023.",
    outcomes: { "Ledelsestilsyn-forløb": { status: "gennemfoert", shiftDays: 35, note: "Gennemført efter en udskydelse på fem uger (ny leder)." } },
  },
  { municipality: "Samsø", lead: "sbst", advisors: ["sbst2", "ast2"], startsOn: "2023-05-01", plannedEndOn: "2023-08-04", intensity: "low", template: SHORT, focus: ["Børneinddragelse", "Sagsgennemgang"], status: "completed" },
  { municipality: "Faxe", lead: "sbst", advisors: ["sbst1", "ast2"], startsOn: "2023-09-01", plannedEndOn: "2024-02-29", intensity: "medium", template: STD, focus: ["Børneinddragelse", "Sagsgennemgang", "Dataunderstøttelse"], status: "completed" },
  { municipality: "Norddjurs", lead: "ast", advisors: ["ast1", "sbst2"], startsOn: "2024-01-08", plannedEndOn: "2024-07-05", intensity: "medium", template: STD, focus: ["Ledelsestilsyn", "Sagsgennemgang", "Børneinddragelse"], status: "completed" },
  { municipality: "Billund", lead: "sbst", advisors: ["sbst1", "ast1"], startsOn: "2024-02-01", plannedEndOn: "2024-09-30", intensity: "high", template: LONG, focus: ["Børneinddragelse", "Sagsgennemgang", "Systematisk sagsbehandling"], status: "completed" },
  {
    municipality: "Struer", lead: "ast", advisors: ["ast2", "sbst2"], startsOn: "2024-04-02", plannedEndOn: "2024-10-31", intensity: "low", template: STD,
    focus: ["Ledelsestilsyn", "Sagsgennemgang", "Færrest mulige fagpersoner"], status: "completed",
    outcomes: { "Ledelsestilsyn-forløb": { status: "udskudt", shiftDays: 42, reason: "Lederne var optaget af omorganiseringen; flyttet efter aftale med kommunen." } },
  },
  {
    municipality: "Vesthimmerland", lead: "sbst", advisors: ["sbst1", "ast2"], startsOn: "2024-11-04", plannedEndOn: "2025-07-31", intensity: "high", template: LONG,
    focus: ["Børneinddragelse", "Sagsgennemgang", "Dataunderstøttelse"], status: "active",
    outcomes: {
      "Opfølgende sagsgennemgang": { status: "i_gang", note: "De første sager er gennemgået; resten følger." },
      "Workshop om systematisk sagsbehandling": { status: "udskudt", shiftDays: 45, reason: "Flyttet, så workshoppen følger efter den opfølgende sagsgennemgang." },
      "Afslutning og læringsnotat": { status: "planlagt", shiftDays: 76 },
    },
  },
];

const NOTES: Record<string, string> = {
  "Kick-off": "Forløbet er sat i gang med ledelsen og de faglige koordinatorer. Aftalt mødeplan og kontaktpersoner.",
  Behovsafdækning: "Behov afdækket i interview med ledere og rådgivere. Aftalt at fokusere på inddragelse og opfølgning.",
  "Sagsgennemgang af udvalgte sager": "Udvalgte sager gennemgået sammen med teamet; tallene og fundene er opgjort pr. tema.",
  Midtvejsstatus: "Status gjort op med ledelsen: planen holder; to aftaler justeret.",
  "Workshop om børneinddragelse": "Workshop for rådgivere om samtaler med børn; aftalt faste børnesamtaler før hver opfølgning.",
  "Ledelsestilsyn-forløb": "Tre sessioner om ledelsestilsyn med teamledere; aftalt fast tilsynsskema hver måned.",
  "Opfølgende sagsgennemgang": "Nye sager gennemgået for at se, om aftalerne fra første gennemgang holder.",
  "Workshop om systematisk sagsbehandling": "Workshop om faste skabeloner og frister i sagsbehandlingen.",
  "Afslutning og læringsnotat": "Forløbet afsluttet; læringsnotatet er sendt til kommunen og ministeriet.",
};

const CASE_FINDINGS: Record<Theme, string> = {
  udredning: "Børnefaglige undersøgelser er som regel rettidige; netværkets ressourcer beskrives sjældent.",
  indsats: "Mål i handleplanerne er ofte for brede til at kunne følges op.",
  opfoelgning: "Opfølgning sker, men ikke altid med barnets egen vurdering af, om det går bedre.",
  inddragelse: "Børnesamtaler er gennemført i de fleste sager, men barnets perspektiv ses sjældent i beslutningen.",
};

const SEED = (userId: string | null, role: string) => ({ actorUserId: userId, actorRole: role, requestId: "seed-demo" });

export async function seedDemoProgrammes(
  tx: Tx,
  opts: { callId: number; adminId: string; userIdOf: (key: string) => string; codeOf: (name: string) => string },
) {
  const grantRows = await tx
    .select({ id: grants.id, poolId: grants.poolId, municipalityCode: grants.municipalityCode })
    .from(grants)
    .where(eq(grants.callId, opts.callId))
    .orderBy(asc(grants.id));
  if (grantRows.length === 0) return { programmes: 0, milestones: 0, sessions: 0 };
  const agencyId = new Map((await tx.select({ id: agencies.id, slug: agencies.slug }).from(agencies)).map((a) => [a.slug, a.id]));
  const areaId = new Map((await tx.select({ id: focusAreas.id, name: focusAreas.name }).from(focusAreas)).map((f) => [f.name, f.id]));
  const templateRows = await tx.select({ id: programmeTemplates.id, name: programmeTemplates.name }).from(programmeTemplates);

  let milestoneCount = 0;
  let poolId = grantRows[0].poolId;
  for (const spec of DEMO_PROGRAMMES) {
    const grant = grantRows.find((g) => g.municipalityCode === opts.codeOf(spec.municipality));
    if (!grant) continue;
    poolId = grant.poolId;
    const templateId = templateRows.find((t) => t.name === PROGRAMME_TEMPLATES[spec.template].name)!.id;
    const otherAgency = spec.lead === "sbst" ? "ast" : "sbst";
    const createdAt = copenhagenInstant(addDays(spec.startsOn, -28), "10:00");
    const [programme] = await tx
      .insert(advisoryProgrammes)
      .values({
        grantId: grant.id,
        poolId: grant.poolId,
        municipalityCode: grant.municipalityCode,
        leadAgencyId: agencyId.get(spec.lead)!,
        partnerAgencyId: agencyId.get(otherAgency)!,
        templateId,
        startsOn: spec.startsOn,
        plannedEndOn: spec.plannedEndOn,
        intensity: spec.intensity,
        lengthReason: spec.lengthReason ?? null,
        status: spec.status,
        description: `Skræddersyet rådgivningsforløb for ${spec.municipality} Kommune. (Demodata.)`,
        createdBy: opts.adminId,
        createdAt,
        updatedAt: createdAt,
      })
      .returning();
    await tx.insert(auditLog).values({ ...SEED(opts.adminId, "admin"), at: createdAt, action: "programme.created", entityType: "programme", entityId: String(programme.id), after: programme });
    await tx.insert(programmeAdvisors).values(
      spec.advisors.map((key) => ({ programmeId: programme.id, userId: opts.userIdOf(key), agencyId: agencyId.get(key.replace(/\d+$/, ""))!, createdAt })),
    );
    await tx.insert(programmeFocusAreas).values(spec.focus.map((name) => ({ programmeId: programme.id, focusAreaId: areaId.get(name)! })));

    const items = await tx.select().from(milestoneTemplates).where(eq(milestoneTemplates.templateId, templateId)).orderBy(asc(milestoneTemplates.sortOrder));
    const advisorId = opts.userIdOf(spec.advisors[0]);
    for (const item of items) {
      const firstPlanned = plannedDateAt(spec.startsOn, spec.plannedEndOn, item.positionPercent);
      const outcome: Outcome = spec.outcomes?.[item.title] ?? { status: "gennemfoert" };
      const plannedOn = addDays(firstPlanned, outcome.shiftDays ?? 0);
      const done = outcome.status === "gennemfoert";
      const actualOn = done ? plannedOn : null;
      const note = outcome.note ?? (done || outcome.status === "i_gang" ? NOTES[item.title] ?? "" : "");
      const [m] = await tx
        .insert(milestones)
        .values({
          programmeId: programme.id,
          sortOrder: item.sortOrder,
          title: item.title,
          kind: item.kind,
          themes: item.themes,
          plannedOn,
          actualOn,
          status: outcome.status,
          statusReason: outcome.reason ?? null,
          note,
          createdBy: opts.adminId,
          updatedBy: outcome.status === "planlagt" ? opts.adminId : advisorId,
          createdAt,
          updatedAt: copenhagenInstant(actualOn ?? firstPlanned, "16:00"),
        })
        .returning();
      milestoneCount++;
      await tx.insert(auditLog).values({ ...SEED(opts.adminId, "admin"), at: createdAt, action: "milestone.planned", entityType: "milestone", entityId: String(m.id), after: { title: m.title, plannedOn: firstPlanned, status: "planlagt" } });
      if (outcome.shiftDays) {
        await tx.insert(auditLog).values({
          ...SEED(advisorId, "advisor"),
          at: copenhagenInstant(addDays(firstPlanned, -7), "09:30"),
          action: "milestone.logged",
          entityType: "milestone",
          entityId: String(m.id),
          before: { status: "planlagt", plannedOn: firstPlanned },
          after:
            outcome.status === "planlagt"
              ? { status: "planlagt", plannedOn }
              : { status: "udskudt", plannedOn, statusReason: outcome.reason ?? "Flyttet efter aftale med kommunen." },
        });
      }
      if (outcome.status !== "planlagt" && outcome.status !== "udskudt") {
        await tx.insert(auditLog).values({
          ...SEED(advisorId, "advisor"),
          at: copenhagenInstant(actualOn ?? firstPlanned, "16:00"),
          action: "milestone.logged",
          entityType: "milestone",
          entityId: String(m.id),
          before: { status: outcome.shiftDays ? "udskudt" : "planlagt" },
          after: { status: outcome.status, actualOn, note, statusReason: outcome.reason ?? null },
        });
      }
      if (done || outcome.status === "i_gang") {
        const people: [ParticipantRole, number][] = [
          ["leder", 2],
          ["sagsbehandler", item.kind === "case_review" ? 4 : 9],
          ["faglig_koordinator", 1],
          [spec.lead === "sbst" ? "raadgiver_sbst" : "raadgiver_ast", 1],
          [spec.lead === "sbst" ? "raadgiver_ast" : "raadgiver_sbst", 1],
        ];
        await tx.insert(milestoneParticipants).values(people.map(([role, count]) => ({ milestoneId: m.id, role, count })));
      }
      if (item.kind === "case_review" && (done || outcome.status === "i_gang")) {
        const reviewed = outcome.status === "i_gang" ? 5 : 10 + (programme.id % 4);
        await tx.insert(milestoneCaseReviews).values(
          (["udredning", "indsats", "opfoelgning", "inddragelse"] as Theme[]).map((theme, t) => ({
            milestoneId: m.id,
            theme,
            casesReviewed: reviewed,
            casesAdequate: Math.max(0, reviewed - 2 - ((t + programme.id) % 5)),
            findings: CASE_FINDINGS[theme],
          })),
        );
      }
      if (item.title === "Midtvejsstatus" && done) {
        const municipalityUser = opts.userIdOf(spec.municipality);
        await tx.insert(milestoneComments).values({
          milestoneId: m.id,
          authorId: municipalityUser,
          body: "Tak for en god status. Vi tager aftalerne med på næste ledermøde.",
          createdAt: copenhagenInstant(addDays(plannedOn, 2), "11:15"),
        });
      }
    }
  }

  // Two cross-municipal learning seminars (tværkommunale læringsseminarer).
  const sessions = [
    {
      title: "Tværkommunalt læringsseminar om børneinddragelse",
      description: "Erfaringer med børnesamtaler og barnets perspektiv i beslutningerne. (Demodata.)",
      heldOn: "2023-11-21",
      location: "Odense",
      lead: "sbst",
      themes: ["inddragelse"] as Theme[],
      invited: { Lolland: "confirmed", Langeland: "confirmed", Tønder: "confirmed", Samsø: "declined", Faxe: "confirmed" } as const,
    },
    {
      title: "Tværkommunalt læringsseminar: ledelsestilsyn og systematisk sagsbehandling",
      description: "Hvordan ledelsestilsyn og faste arbejdsgange holder kvaliteten oppe. (Demodata.)",
      heldOn: "2024-09-12",
      location: "Aarhus",
      lead: "ast",
      themes: ["opfoelgning", "udredning"] as Theme[],
      invited: { Norddjurs: "confirmed", Billund: "confirmed", Struer: "confirmed", Vesthimmerland: "invited", Tønder: "confirmed" } as const,
    },
  ];
  for (const s of sessions) {
    const [row] = await tx
      .insert(crossMunicipalSessions)
      .values({
        poolId,
        title: s.title,
        description: s.description,
        heldOn: s.heldOn,
        location: s.location,
        leadAgencyId: agencyId.get(s.lead)!,
        themes: s.themes,
        status: "gennemfoert",
        note: "Seminaret er gennemført; oplæg og opsamling er sendt til deltagerne.",
        createdBy: opts.adminId,
        createdAt: copenhagenInstant(addDays(s.heldOn, -60), "10:00"),
        updatedAt: copenhagenInstant(s.heldOn, "17:00"),
      })
      .returning({ id: crossMunicipalSessions.id });
    await tx.insert(sessionInvitations).values(
      Object.entries(s.invited).map(([name, attendance]) => ({
        sessionId: row.id,
        municipalityCode: opts.codeOf(name),
        attendance,
        participants: attendance === "confirmed" ? 3 : null,
        respondedBy: attendance === "invited" ? null : opts.userIdOf(name),
        respondedAt: attendance === "invited" ? null : copenhagenInstant(addDays(s.heldOn, -20), "12:00"),
      })),
    );
    await tx.insert(auditLog).values({ ...SEED(opts.adminId, "admin"), at: copenhagenInstant(addDays(s.heldOn, -60), "10:00"), action: "session.created", entityType: "session", entityId: String(row.id), after: { title: s.title, heldOn: s.heldOn } });
  }
  const count = await tx.select({ id: advisoryProgrammes.id }).from(advisoryProgrammes).where(inArray(advisoryProgrammes.grantId, grantRows.map((g) => g.id)));
  return { programmes: count.length, milestones: milestoneCount, sessions: sessions.length };
}
