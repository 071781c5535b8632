// The timeline's reads: the programmes the actor may see (programmeScope in the WHERE),
// narrowed by the filters, a page of TIMELINE_PAGE_SIZE at a time, with their milestones and
// advisors, in two statements whatever the number of programmes: the counts of the whole
// filtered set, and the page with its milestones and advisors. The chart and the table are both
// drawn from this one answer. Paged because drawing every programme made the page grow with
// the data (90 programmes, 670 milestones at ×10: 85 ms a request, issue 19; decision 032).
import { and, asc, eq, ilike, notInArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { rowsOf, type Executor } from "#db/client";
import { advisoryProgrammes, agencies, focusAreas, milestones, municipalities, pools, programmeAdvisors, programmeFocusAreas, users } from "#db/schema";
import type { Actor } from "~/auth/actor";
import {
  INTENSITY_LABELS,
  MILESTONE_DONE_STATUSES,
  MILESTONE_STATUS_LABELS,
  PROGRAMME_STATUS_LABELS,
  THEME_LABELS,
  THEMES,
  type MilestoneStatus,
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

type MilestoneJson = { id: number; title: string; plannedOn: string; actualOn: string | null; status: MilestoneStatus };

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
  // The page with its milestones (JSON) and advisors (one text) in one statement (issue 19,
  // decision 041): the subqueries run for the page's rows only.
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
      milestones: sql<MilestoneJson[]>`coalesce((select json_agg(json_build_object('id', m.id, 'title', m.title, 'plannedOn', m.planned_on,
        'actualOn', m.actual_on, 'status', m.status) order by m.planned_on, m.sort_order, m.id)
        from ${milestones} m where m.programme_id = ${advisoryProgrammes.id}), '[]'::json)`,
      advisors: sql<string>`coalesce((select string_agg(u.name, ', ' order by u.name) from ${programmeAdvisors} pa join ${users} u on u.id = pa.user_id
        where pa.programme_id = ${advisoryProgrammes.id}), '')`,
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
  // Each pool shown draws its own initiative end: programmes of two pools show two dates.
  const initiativeEnds = [...new Set(rows.map((r) => r.initiativeEndsOn))].sort();
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
      advisors: p.advisors,
      initiativeEndsOn: p.initiativeEndsOn,
      milestones: p.milestones.map((m) => ({
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
  // One statement for the three lists (issue 19, decision 041); the advisors in programmeScope.
  type Option = { id: string | number; name: string };
  // Raw SQL: a builder select without a table would drop the columns' table names.
  const [lists] = rowsOf<{ agencies: Option[] | null; advisors: Option[] | null; focus_areas: Option[] | null }>(
    await db.execute(sql`SELECT
      (SELECT json_agg(json_build_object('id', a.id, 'name', a.name) ORDER BY a.name) FROM ${agencies} a
        WHERE EXISTS (SELECT 1 FROM ${advisoryProgrammes} p WHERE p.lead_agency_id = a.id OR p.partner_agency_id = a.id)) AS agencies,
      (SELECT json_agg(json_build_object('id', x.id, 'name', x.name) ORDER BY x.name, x.id) FROM (
        SELECT DISTINCT ${users.id} AS id, ${users.name} AS name FROM ${programmeAdvisors}
        JOIN ${users} ON ${users.id} = ${programmeAdvisors.userId}
        JOIN ${advisoryProgrammes} ON ${advisoryProgrammes.id} = ${programmeAdvisors.programmeId}
        WHERE ${programmeScope(actor)}) x) AS advisors,
      (SELECT json_agg(json_build_object('id', f.id, 'name', f.name) ORDER BY f.name) FROM ${focusAreas} f) AS focus_areas`),
  );
  const agencyRows = lists?.agencies ?? [];
  const advisorRows = lists?.advisors ?? [];
  const focusRows = lists?.focus_areas ?? [];
  return {
    agencies: agencyRows.map((a) => ({ value: String(a.id), label: a.name })),
    advisors: advisorRows.map((a) => ({ value: String(a.id), label: a.name })),
    focusAreas: focusRows.map((f) => ({ value: String(f.id), label: f.name })),
    themes: THEMES.map((t) => ({ value: t, label: THEME_LABELS[t] })),
  };
}
