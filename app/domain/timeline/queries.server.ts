// The timeline's reads: the programmes the actor may see (programmeScope in the WHERE),
// narrowed by the filters, a page of TIMELINE_PAGE_SIZE at a time, with their milestones and
// advisors, in four queries whatever the number of programmes: the counts of the whole
// filtered set, the page, its milestones, its advisors. The chart and the table are both
// drawn from this one answer. Paged because drawing every programme made the page grow with
// the data (90 programmes, 670 milestones at ×10: 85 ms a request, issue 19; decision 032).
import { and, asc, eq, ilike, inArray, notInArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "#db/client";
import { advisoryProgrammes, agencies, focusAreas, milestones, municipalities, pools, programmeAdvisors, programmeFocusAreas, users } from "#db/schema";
import type { Actor } from "~/auth/actor";
import {
  INTENSITY_LABELS,
  MILESTONE_DONE_STATUSES,
  MILESTONE_STATUS_LABELS,
  PROGRAMME_STATUS_LABELS,
  THEME_LABELS,
  THEMES,
  type Theme,
} from "~/domain/programmes/programme-constants";
import { programmeScope } from "~/policy/scopes.server";
import { isAfterInitiativeEnd, isOverdue } from "~/domain/programmes/programme-rules";
import { pageParam, pageWindow } from "~/utils/paging";
import { milestoneTone } from "./tone";

/** Programmes per page: the chart stays readable and the page's cost stays flat. */
export const TIMELINE_PAGE_SIZE = 20;

export type TimelineFilters = {
  agencyId: number | null;
  advisorId: string | null;
  focusAreaId: number | null;
  theme: Theme | null;
  /** Part of the municipality's name. */
  q: string;
  page: number;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The filters from the URL; anything malformed is no filter (the form offers only valid values). */
export function parseTimelineFilters(search: URLSearchParams): TimelineFilters {
  const int = (v: string | null) => (v && /^\d{1,9}$/.test(v) ? Number(v) : null);
  const advisor = search.get("advisor");
  const theme = search.get("theme");
  return {
    agencyId: int(search.get("agency")),
    advisorId: advisor && UUID.test(advisor) ? advisor : null,
    focusAreaId: int(search.get("focus")),
    theme: theme && (THEMES as readonly string[]).includes(theme) ? (theme as Theme) : null,
    q: (search.get("q") ?? "").trim().slice(0, 100),
    page: pageParam(search),
  };
}

function escapeLike(s: string) {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The filters as conditions on advisory_programmes joined with municipalities. */
function filterConditions(f: TimelineFilters): SQL[] {
  const out: SQL[] = [];
  if (f.q) out.push(ilike(municipalities.name, `%${escapeLike(f.q)}%`));
  if (f.agencyId !== null) {
    out.push(sql`(${advisoryProgrammes.leadAgencyId} = ${f.agencyId} OR ${advisoryProgrammes.partnerAgencyId} = ${f.agencyId})`);
  }
  if (f.advisorId !== null) {
    out.push(sql`EXISTS (SELECT 1 FROM ${programmeAdvisors} WHERE ${programmeAdvisors.programmeId} = ${advisoryProgrammes.id} AND ${programmeAdvisors.userId} = ${f.advisorId})`);
  }
  if (f.focusAreaId !== null) {
    out.push(sql`EXISTS (SELECT 1 FROM ${programmeFocusAreas} WHERE ${programmeFocusAreas.programmeId} = ${advisoryProgrammes.id} AND ${programmeFocusAreas.focusAreaId} = ${f.focusAreaId})`);
  }
  if (f.theme !== null) {
    // A theme the programme works on: one of its focus areas is tagged with it.
    out.push(sql`EXISTS (SELECT 1 FROM ${programmeFocusAreas} JOIN ${focusAreas} ON ${focusAreas.id} = ${programmeFocusAreas.focusAreaId}
      WHERE ${programmeFocusAreas.programmeId} = ${advisoryProgrammes.id} AND ${f.theme} = ANY(${focusAreas.themes}))`);
  }
  return out;
}

const lead = alias(agencies, "lead_agency");
const partner = alias(agencies, "partner_agency");

/** The timeline's view model (app/components/timeline/timeline-data.ts) for the actor and filters: one page. */
export async function timelineView(db: Executor, actor: Actor, filters: TimelineFilters, today: string) {
  const where = and(programmeScope(actor), ...filterConditions(filters));
  // The summary counts the whole filtered set, not just the page shown. Overdue as isOverdue
  // (programme-rules.ts): planned before today and not done; done as milestoneTone's "done".
  const [totals] = await db
    .select({
      programmes: sql<number>`count(DISTINCT ${advisoryProgrammes.id})::int`.mapWith(Number),
      milestones: sql<number>`count(${milestones.id})::int`.mapWith(Number),
      done: sql<number>`(count(${milestones.id}) FILTER (WHERE ${milestones.status} = 'gennemfoert'))::int`.mapWith(Number),
      overdue: sql<number>`(count(${milestones.id}) FILTER (WHERE ${and(sql`${milestones.plannedOn} < ${today}`, notInArray(milestones.status, [...MILESTONE_DONE_STATUSES]))}))::int`.mapWith(Number),
    })
    .from(advisoryProgrammes)
    .innerJoin(municipalities, eq(municipalities.code, advisoryProgrammes.municipalityCode))
    .leftJoin(milestones, eq(milestones.programmeId, advisoryProgrammes.id))
    .where(where);
  const counts = { programmes: totals?.programmes ?? 0, milestones: totals?.milestones ?? 0, done: totals?.done ?? 0, overdue: totals?.overdue ?? 0 };
  const w = pageWindow(counts.programmes, filters.page, TIMELINE_PAGE_SIZE);
  const rows = counts.programmes === 0 ? [] : await db
    .select({
      id: advisoryProgrammes.id,
      municipalityName: municipalities.name,
      startsOn: advisoryProgrammes.startsOn,
      plannedEndOn: advisoryProgrammes.plannedEndOn,
      status: advisoryProgrammes.status,
      intensity: advisoryProgrammes.intensity,
      leadAgency: lead.name,
      partnerAgency: partner.name,
      initiativeEndsOn: sql<string>`coalesce(${pools.initiativeEndsOn}, ${pools.endsOn})`,
    })
    .from(advisoryProgrammes)
    .innerJoin(municipalities, eq(municipalities.code, advisoryProgrammes.municipalityCode))
    .innerJoin(lead, eq(lead.id, advisoryProgrammes.leadAgencyId))
    .innerJoin(partner, eq(partner.id, advisoryProgrammes.partnerAgencyId))
    .innerJoin(pools, eq(pools.id, advisoryProgrammes.poolId))
    .where(where)
    .orderBy(asc(municipalities.sortKey), asc(advisoryProgrammes.startsOn), asc(advisoryProgrammes.id))
    .limit(w.limit)
    .offset(w.offset);
  const ids = rows.map((r) => r.id);
  const [milestoneRows, advisorRows] = ids.length
    ? await Promise.all([
        db
          .select({
            id: milestones.id,
            programmeId: milestones.programmeId,
            title: milestones.title,
            plannedOn: milestones.plannedOn,
            actualOn: milestones.actualOn,
            status: milestones.status,
          })
          .from(milestones)
          .where(inArray(milestones.programmeId, ids))
          .orderBy(asc(milestones.programmeId), asc(milestones.plannedOn), asc(milestones.sortOrder), asc(milestones.id)),
        db
          .select({ programmeId: programmeAdvisors.programmeId, name: users.name })
          .from(programmeAdvisors)
          .innerJoin(users, eq(users.id, programmeAdvisors.userId))
          .where(inArray(programmeAdvisors.programmeId, ids))
          .orderBy(asc(users.name)),
      ])
    : [[], []];
  // Each pool shown draws its own initiative end: programmes of two pools show two dates.
  const initiativeEnds = [...new Set(rows.map((r) => r.initiativeEndsOn))].sort();
  const byProgramme = new Map<number, typeof milestoneRows>();
  for (const m of milestoneRows) byProgramme.set(m.programmeId, [...(byProgramme.get(m.programmeId) ?? []), m]);
  const advisorsOf = new Map<number, string[]>();
  for (const a of advisorRows) advisorsOf.set(a.programmeId, [...(advisorsOf.get(a.programmeId) ?? []), a.name]);
  return {
    today,
    initiativeEnds,
    counts,
    page: w.page,
    pageCount: w.pageCount,
    /** 1-based positions of the page's first and last programme in the filtered set. */
    shown: { from: rows.length ? w.offset + 1 : 0, to: w.offset + rows.length },
    programmes: rows.map((p) => ({
      id: p.id,
      href: `/programmes/${p.id}`,
      municipalityName: p.municipalityName,
      title: `${PROGRAMME_STATUS_LABELS[p.status]} · ${INTENSITY_LABELS[p.intensity].toLowerCase()} intensitet`,
      startsOn: p.startsOn,
      plannedEndOn: p.plannedEndOn,
      agencies: `${p.leadAgency} (ledende) og ${p.partnerAgency}`,
      advisors: (advisorsOf.get(p.id) ?? []).join(", "),
      initiativeEndsOn: p.initiativeEndsOn,
      milestones: (byProgramme.get(p.id) ?? []).map((m) => ({
        id: m.id,
        title: m.title,
        plannedOn: m.plannedOn,
        actualOn: m.actualOn,
        tone: milestoneTone(m.status),
        statusLabel: MILESTONE_STATUS_LABELS[m.status],
        overdue: isOverdue(m, today),
        afterInitiativeEnd: isAfterInitiativeEnd(m.plannedOn, p.initiativeEndsOn),
      })),
    })),
  };
}

/** The filters' choices: agencies, the advisors on programmes the actor may see, focus areas, themes. */
export async function timelineFilterOptions(db: Executor, actor: Actor) {
  const [agencyRows, advisorRows, focusRows] = await Promise.all([
    db
      .select({ id: agencies.id, name: agencies.name })
      .from(agencies)
      .where(sql`EXISTS (SELECT 1 FROM ${advisoryProgrammes} WHERE ${advisoryProgrammes.leadAgencyId} = ${agencies.id} OR ${advisoryProgrammes.partnerAgencyId} = ${agencies.id})`)
      .orderBy(asc(agencies.name)),
    db
      .selectDistinct({ id: users.id, name: users.name })
      .from(programmeAdvisors)
      .innerJoin(users, eq(users.id, programmeAdvisors.userId))
      .innerJoin(advisoryProgrammes, eq(advisoryProgrammes.id, programmeAdvisors.programmeId))
      .where(programmeScope(actor))
      .orderBy(asc(users.name), asc(users.id)),
    db.select({ id: focusAreas.id, name: focusAreas.name }).from(focusAreas).orderBy(asc(focusAreas.name)),
  ]);
  return {
    agencies: agencyRows.map((a) => ({ value: String(a.id), label: a.name })),
    advisors: advisorRows.map((a) => ({ value: a.id, label: a.name })),
    focusAreas: focusRows.map((f) => ({ value: String(f.id), label: f.name })),
    themes: THEMES.map((t) => ({ value: t, label: THEME_LABELS[t] })),
  };
}
