// The application list (and its export): filters in SQL, scoped by the actor;
// rank, weighted score and formalia state computed with the pure rules in
// scoring.ts/formalia.ts so list, ranking page and export agree. A call has at
// most 98 applications (one per municipality), so sorting and paging the
// filtered set in memory is cheap and keeps the Danish sort order on both drivers.
import { and, asc, eq, ilike, inArray, ne, or, sql, type SQL } from "drizzle-orm";
import type { Executor } from "#db/client";
import {
  applications,
  callCriteria,
  calls,
  formalChecks,
  municipalities,
  needIndexEntries,
  users,
} from "#db/schema";
import { APPLICATION_STATUSES, type ApplicationStatus } from "~/domain/applications/application-constants";
import type { Actor } from "~/auth/actor";
import { applicationScope } from "~/policy/scopes.server";
import { isMinistry } from "~/policy/permissions";
import { statusesForMunicipalityFilter } from "~/domain/applications/status";
import { pageWindow } from "~/utils/paging";
import { formaliaState, type FormaliaState } from "./formalia";
import { selectApplicationRows } from "./application-rows.server";
import type { ListFilters, SortKey } from "./list-filters";
import { parseNeedIndex, rankApplications, weightedScore, type WeightedScore } from "./scoring";
import { listStaff } from "./staff.server";
import { readCountingScores } from "./counting-scores.server";

export const PAGE_SIZE = 25;

// The filters are plain rules (pages import them too); re-exported for the routes.
export { filtersToParams, parseListFilters, sortLabels, SORTS, type ListFilters, type SortKey } from "./list-filters";


export type ListRow = {
  id: number;
  callId: number;
  callTitle: string;
  municipalityCode: string;
  municipalityName: string;
  status: ApplicationStatus;
  requestedOre: bigint;
  submittedAt: Date | null;
  updatedAt: Date;
  contactName: string;
  needIndex: string | null;
  rank: number | null;
  score: WeightedScore;
  formalia: FormaliaState;
  assignedTo: string | null;
  assignedName: string | null;
};

function escapeLike(s: string) {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function whereFor(actor: Actor, f: ListFilters): SQL {
  const conditions: (SQL | undefined)[] = [applicationScope(actor)];
  if (f.callId) conditions.push(eq(applications.callId, f.callId));
  const statuses = f.status ? (isMinistry(actor) ? [f.status as ApplicationStatus] : (statusesForMunicipalityFilter(f.status) ?? [])) : null;
  if (statuses) conditions.push(inArray(applications.status, statuses));
  // Drafts are the municipality's own work in progress: ministry staff see them only when asked.
  else if (isMinistry(actor) && !f.includeDrafts) conditions.push(ne(applications.status, "draft"));
  if (f.municipalityCode) conditions.push(eq(applications.municipalityCode, f.municipalityCode));
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    conditions.push(or(ilike(municipalities.name, like), ilike(municipalities.officialName, like), ilike(applications.contactName, like)));
  }
  if (f.assignedTo === "none") conditions.push(sql`${applications.assignedTo} IS NULL`);
  else if (f.assignedTo) conditions.push(eq(applications.assignedTo, f.assignedTo));
  return and(...conditions)!;
}

/** All rows matching the filters, sorted (no paging): the list and the export share it. */
export async function listAllApplications(db: Executor, actor: Actor, f: ListFilters): Promise<ListRow[]> {
  // Only the list's own columns go on to the page.
  const base = (await selectApplicationRows(db).where(whereFor(actor, f))).map(
    ({ version: _v, reopenReason: _o, rejectionReason: _r, ...row }) => row,
  );
  if (base.length === 0) return [];

  const ids = base.map((r) => r.id);
  const callIds = [...new Set(base.map((r) => r.callId))];
  const ministry = isMinistry(actor);
  const rankById = new Map<number, number | null>();
  const scoreById = new Map<number, WeightedScore>();
  const formaliaById = new Map<number, FormaliaState>();

  if (ministry) {
    // Rank among all non-draft applications of the call, whatever the filters show.
    const peers = await selectApplicationRows(db).where(
      and(inArray(applications.callId, callIds), ne(applications.status, "draft")),
    );
    const callOf = new Map([...base, ...peers].map((r) => [r.id, r.callId]));
    const scoreOf = await scoresFor(db, callIds, callOf);
    for (const id of callOf.keys()) scoreById.set(id, scoreOf(id));
    for (const callId of callIds) {
      const ranked = rankApplications(
        peers
          .filter((p) => p.callId === callId)
          .map((p) => ({ ...p, scoreTenths: scoreById.get(p.id)?.tenths ?? null })),
      );
      for (const r of ranked) rankById.set(r.id, r.rank);
    }
    const checks = await db
      .select({ applicationId: formalChecks.applicationId, requirement: formalChecks.requirement, met: formalChecks.met })
      .from(formalChecks)
      .where(inArray(formalChecks.applicationId, ids));
    const checksByApp = groupBy(checks, (c) => c.applicationId);
    for (const id of ids) formaliaById.set(id, formaliaState(checksByApp.get(id) ?? []));
  }

  const rows: ListRow[] = base.map((r) => ({
    ...r,
    rank: rankById.get(r.id) ?? null,
    score: scoreById.get(r.id) ?? { tenths: null, scored: 0, total: 0 },
    formalia: formaliaById.get(r.id) ?? "not_checked",
  }));
  return sortRows(rows, f.sort, f.dir);
}

/** A lookup of each application's weighted score, from the criteria of its call. */
async function scoresFor(db: Executor, callIds: number[], callOf: Map<number, number>) {
  const applicationIds = [...callOf.keys()];
  const criteria = await db
    .select({ id: callCriteria.id, callId: callCriteria.callId, weight: callCriteria.weight })
    .from(callCriteria)
    .where(inArray(callCriteria.callId, callIds));
  const scoresByApp = await readCountingScores(db, applicationIds);
  const criteriaByCall = groupBy(criteria, (c) => c.callId);
  return (applicationId: number) =>
    weightedScore(criteriaByCall.get(callOf.get(applicationId)!) ?? [], scoresByApp.get(applicationId) ?? []);
}

// Map.groupBy arrived in Node 21; the server runs Node 20.
function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

const statusOrder = new Map(APPLICATION_STATUSES.map((s, i) => [s, i]));

export function sortRows(rows: ListRow[], sort: SortKey, dir: "asc" | "desc"): ListRow[] {
  const sign = dir === "asc" ? 1 : -1;
  const byName = (a: ListRow, b: ListRow) => a.municipalityName.localeCompare(b.municipalityName, "da") || a.id - b.id;
  // Missing values (no need index, no score, not submitted) always go last.
  const nullsLast = <T>(a: T | null, b: T | null, cmp: (x: T, y: T) => number) => {
    if (a === null && b === null) return 0;
    if (a === null) return 1;
    if (b === null) return -1;
    return sign * cmp(a, b);
  };
  const cmpBig = (x: bigint, y: bigint) => (x === y ? 0 : x < y ? -1 : 1);
  const compare = (a: ListRow, b: ListRow): number => {
    switch (sort) {
      case "need":
        return (
          nullsLast(parseNeedIndex(a.needIndex), parseNeedIndex(b.needIndex), cmpBig) ||
          nullsLast(a.score.tenths, b.score.tenths, (x, y) => x - y) ||
          byName(a, b)
        );
      case "municipality":
        return sign * byName(a, b);
      case "amount":
        return sign * cmpBig(a.requestedOre, b.requestedOre) || byName(a, b);
      case "submitted":
        return nullsLast(a.submittedAt?.getTime() ?? null, b.submittedAt?.getTime() ?? null, (x, y) => x - y) || byName(a, b);
      case "status":
        return sign * (statusOrder.get(a.status)! - statusOrder.get(b.status)!) || byName(a, b);
      case "score":
        return nullsLast(a.score.tenths, b.score.tenths, (x, y) => x - y) || byName(a, b);
      case "updated":
        return sign * (a.updatedAt.getTime() - b.updatedAt.getTime()) || byName(a, b);
    }
  };
  return [...rows].sort(compare);
}

export async function listApplications(db: Executor, actor: Actor, f: ListFilters) {
  const all = await listAllApplications(db, actor, f);
  const { page, pageCount: pages, offset } = pageWindow(all.length, f.page, PAGE_SIZE);
  const requestedSumOre = all.reduce((sum, r) => sum + r.requestedOre, 0n);
  return { rows: all.slice(offset, offset + PAGE_SIZE), total: all.length, requestedSumOre, page, pages };
}

/** What the filter selects offer: calls, municipalities with applications, ministry staff. */
export async function listFilterOptions(db: Executor, actor: Actor) {
  const callOptions = await db
    .selectDistinct({ id: calls.id, title: calls.title, deadline: calls.deadline })
    .from(calls)
    .innerJoin(applications, eq(applications.callId, calls.id))
    .where(applicationScope(actor))
    .orderBy(sql`${calls.deadline} desc`, asc(calls.id));
  if (!isMinistry(actor)) return { calls: callOptions, municipalities: [], staff: [] };
  const municipalityOptions = await db
    .selectDistinct({ code: municipalities.code, name: municipalities.name })
    .from(municipalities)
    .innerJoin(applications, eq(applications.municipalityCode, municipalities.code))
    .orderBy(asc(municipalities.name));
  return { calls: callOptions, municipalities: municipalityOptions, staff: await listStaff(db) };
}
