// The application list (and its export): filters, sort, count, sum and paging in SQL,
// scoped by the actor, so a page costs the same few statements whether there are 100
// applications or 10 000 (issue 19). Each row's weighted score and rank are the stored
// standings (application_standings, decision 034), kept by the database from the pure rules
// in scoring.ts (weightedScore, rankApplications); tests/integration/application-list-sql
// checks that the list agrees with them. The ministry's need and score orders and its unfiltered
// count and sum read stored data too (decision 038), so their cost does not grow with the data. Formalia state is the pure rule over the page's checks.
import { and, asc, eq, ilike, inArray, ne, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { Executor } from "#db/client";
import {
  applicationStandings,
  applicationTotals,
  applications,
  calls,
  formalChecks,
  municipalities,
  needIndexEntries,
  users,
} from "#db/schema";
import { APPLICATION_STATUSES, type ApplicationStatus } from "~/domain/applications/application-constants";
import type { Actor } from "~/auth/actor";
import { applicationScope } from "~/policy/scopes.server";
import { can, isMinistry } from "~/policy/permissions";
import { statusesForMunicipalityFilter } from "~/domain/applications/status";
import { pageWindow } from "~/utils/paging";
import { formaliaState, type FormaliaState } from "./formalia";
import { needIndexOfApplication } from "./application-rows.server";
import { anyOf } from "~/utils/any-of.server";
import { groupBy } from "~/utils/group-by";
import type { ListFilters, SortKey } from "./list-filters";
import type { WeightedScore } from "./scoring";
import { listStaff } from "./staff.server";


// The filters are plain rules (pages import them too); re-exported for the routes.
export { filtersToParams, PAGE_SIZES, parseListFilters, sortLabels, SORTS, type ListFilters, type SortKey } from "./list-filters";


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

/** The call and status filters, on the applications or on their stored totals. */
function callAndStatus(actor: Actor, f: ListFilters, t: { callId: AnyColumn; status: AnyColumn }): (SQL | undefined)[] {
  const conditions: (SQL | undefined)[] = [];
  if (f.callId) conditions.push(eq(t.callId, f.callId));
  const statuses = f.status ? (isMinistry(actor) ? [f.status as ApplicationStatus] : (statusesForMunicipalityFilter(f.status) ?? [])) : null;
  if (statuses) conditions.push(inArray(t.status, statuses));
  // Drafts are the municipality's own work in progress: ministry staff see them only when asked.
  else if (isMinistry(actor) && !f.includeDrafts) conditions.push(ne(t.status, "draft"));
  return conditions;
}

function whereFor(actor: Actor, f: ListFilters): SQL {
  const conditions: (SQL | undefined)[] = [applicationScope(actor), ...callAndStatus(actor, f, applications)];
  if (f.municipalityCode) conditions.push(eq(applications.municipalityCode, f.municipalityCode));
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    conditions.push(or(ilike(municipalities.name, like), ilike(municipalities.officialName, like), ilike(applications.contactName, like)));
  }
  if (f.assignedTo === "none") conditions.push(sql`${applications.assignedTo} IS NULL`);
  else if (f.assignedTo) conditions.push(eq(applications.assignedTo, f.assignedTo));
  return and(...conditions)!;
}

// ------------------------------------------------------------ the SQL behind the list
//
// One statement per question, each with the filters in its WHERE: the count and the sum of
// the filtered rows (from the stored totals per call and status when no other filter applies,
// decision 038); then the page itself (LIMIT/OFFSET) sorted in SQL, with each row's
// stored standing (its weighted score and its rank among all non-draft applications of its
// call, decision 034: the page reads its own rows, not every application of the calls shown);
// then the formal checks of the rows on the page, with one array parameter. Names sort by municipalities.sort_key (decision 028): the same order on PGlite
// and on the server, and the same as localeCompare(…, "da").

const score = {
  tenths: sql<number | null>`rk.tenths`.mapWith(Number),
  scored: sql<number | null>`rk.scored`.mapWith(Number),
  total: sql<number | null>`rk.total`.mapWith(Number),
};
const rankColumn = sql<number | null>`rk.rank`.mapWith(Number);

function orderBy(sort: SortKey, dir: "asc" | "desc", ministry: boolean): SQL[] {
  const d = sql.raw(dir === "asc" ? "ASC" : "DESC");
  const nullsLast = (e: SQL | AnyColumn) => sql`${e} ${d} NULLS LAST`;
  const byName = [asc(municipalities.sortKey), asc(applications.id)];
  // The ministry's need and score orders are the stored standings' own columns (the need, the
  // score, the name order, the id: equal to the joined ones, decision 038), so that one of
  // their indexes gives the page's rows in order without sorting every filtered row.
  if (ministry && (sort === "need" || sort === "score")) {
    const stored = [sql`rk.sort_key ASC`, sql`rk.application_id ASC`];
    return sort === "need" ? [nullsLast(sql`rk.need`), nullsLast(sql`rk.tenths`), ...stored] : [nullsLast(sql`rk.tenths`), ...stored];
  }
  // A municipality sees no scores: its "score" order is the name order.
  const tenths = sql`NULL::int`;
  switch (sort) {
    case "need":
      return [nullsLast(needIndexEntries.value), nullsLast(tenths), ...byName];
    case "municipality":
      return [sql`${municipalities.sortKey} ${d}`, sql`${applications.id} ${d}`];
    case "amount":
      return [sql`${applications.requestedOre} ${d}`, ...byName];
    case "submitted":
      return [nullsLast(applications.submittedAt), ...byName];
    case "status":
      return [sql`array_position(${sql.param([...APPLICATION_STATUSES])}::text[], ${applications.status}::text) ${d}`, ...byName];
    case "score":
      return [nullsLast(tenths), ...byName];
    case "updated":
      return [sql`${applications.updatedAt} ${d}`, ...byName];
  }
}

/** The filtered rows in list order, `limit` from `offset` (all of them without a limit). */
async function selectPage(db: Executor, actor: Actor, f: ListFilters, window: { offset: number; limit: number | null }): Promise<ListRow[]> {
  const ministry = isMinistry(actor);
  const where = whereFor(actor, f);
  const base = ministry
    ? await db
        .select({
          ...rowColumns,
          // The stored need (decision 038) instead of joining need_index_entries once more.
          needIndex: sql<string | null>`rk.need::text`,
          rank: rankColumn,
          scoreTenths: score.tenths,
          scoreScored: score.scored,
          scoreTotal: score.total,
        })
        .from(applications)
        .innerJoin(calls, eq(calls.id, applications.callId))
        .innerJoin(municipalities, eq(municipalities.code, applications.municipalityCode))
        .leftJoin(users, eq(users.id, applications.assignedTo))
        // Every application has its standings row (the triggers of migration 0018 insert it with the application).
        .innerJoin(sql`${applicationStandings} rk`, sql`rk.application_id = ${applications.id}`)
        .where(where)
        .orderBy(...orderBy(f.sort, f.dir, true))
        .offset(window.offset)
        .limit(window.limit ?? 2_147_483_647)
    : (
        await db
          .select(rowColumns)
          .from(applications)
          .innerJoin(calls, eq(calls.id, applications.callId))
          .innerJoin(municipalities, eq(municipalities.code, applications.municipalityCode))
          .leftJoin(needIndexEntries, needIndexOfApplication())
          .leftJoin(users, eq(users.id, applications.assignedTo))
          .where(where)
          .orderBy(...orderBy(f.sort, f.dir, false))
          .offset(window.offset)
          .limit(window.limit ?? 2_147_483_647)
      ).map((r) => ({ ...r, rank: null, scoreTenths: null, scoreScored: 0, scoreTotal: 0 }));
  if (base.length === 0) return [];

  const formaliaById = new Map<number, FormaliaState>();
  if (ministry) {
    const ids = base.map((r) => r.id);
    const checks = await db
      .select({ applicationId: formalChecks.applicationId, requirement: formalChecks.requirement, met: formalChecks.met })
      .from(formalChecks)
      .where(anyOf(formalChecks.applicationId, ids));
    const checksByApp = groupBy(checks, (c) => c.applicationId);
    for (const id of ids) formaliaById.set(id, formaliaState(checksByApp.get(id) ?? []));
  }
  return base.map(({ scoreTenths, scoreScored, scoreTotal, ...r }) => ({
    ...r,
    rank: r.rank ?? null,
    score: { tenths: scoreTenths ?? null, scored: scoreScored ?? 0, total: scoreTotal ?? 0 },
    formalia: formaliaById.get(r.id) ?? "not_checked",
  }));
}

const rowColumns = {
  id: applications.id,
  callId: applications.callId,
  callTitle: calls.title,
  municipalityCode: applications.municipalityCode,
  municipalityName: municipalities.name,
  status: applications.status,
  requestedOre: applications.requestedOre,
  submittedAt: applications.submittedAt,
  updatedAt: applications.updatedAt,
  contactName: applications.contactName,
  needIndex: needIndexEntries.value,
  assignedTo: applications.assignedTo,
  assignedName: users.name,
};

/** All rows matching the filters, sorted (no paging): the export. */
export async function listAllApplications(db: Executor, actor: Actor, f: ListFilters): Promise<ListRow[]> {
  return selectPage(db, actor, f, { offset: 0, limit: null });
}

/**
 * The count and requested sum of every filtered row. Seeing every application and filtering
 * at most by call and status, they are added up from the stored totals per call and status
 * (application_totals, decision 038: a few hundred rows, whatever the number of
 * applications); other filters count the matching applications.
 */
function totalsOf(db: Executor, actor: Actor, f: ListFilters) {
  const columns = (count: SQL, sum: SQL) => ({
    total: sql<number>`coalesce(${count}, 0)::int`.mapWith(Number),
    requestedSumOre: sql<string>`coalesce(${sum}, 0)::text`,
  });
  if (can(actor, "application:read:any") && !f.q && !f.municipalityCode && !f.assignedTo) {
    return db
      .select(columns(sql`sum(${applicationTotals.applications})`, sql`sum(${applicationTotals.requestedOre})`))
      .from(applicationTotals)
      .where(and(...callAndStatus(actor, f, applicationTotals)));
  }
  return db
    .select(columns(sql`count(*)`, sql`sum(${applications.requestedOre})`))
    .from(applications)
    .innerJoin(municipalities, eq(municipalities.code, applications.municipalityCode))
    .where(whereFor(actor, f));
}

/** One page of the list, with the count and requested sum of every filtered row. */
export async function listApplications(db: Executor, actor: Actor, f: ListFilters) {
  const [totals] = await totalsOf(db, actor, f);
  const total = totals?.total ?? 0;
  const pageSize = f.pageSize;
  const { page, pageCount: pages, offset } = pageWindow(total, f.page, pageSize);
  const rows = total === 0 ? [] : await selectPage(db, actor, f, { offset, limit: pageSize });
  return { rows, total, requestedSumOre: BigInt(totals?.requestedSumOre ?? "0"), page, pages, pageSize };
}

/** What the filter selects offer: calls, municipalities with applications, ministry staff. */
export async function listFilterOptions(db: Executor, actor: Actor) {
  // EXISTS, not a join and DISTINCT: one index probe per call or municipality instead of
  // reading every application (19 700 at ×100) to throw the duplicates away.
  const callOptions = db
    .select({ id: calls.id, title: calls.title, deadline: calls.deadline })
    .from(calls)
    .where(sql`EXISTS (SELECT 1 FROM ${applications} WHERE ${applications.callId} = ${calls.id} AND ${applicationScope(actor)})`)
    .orderBy(sql`${calls.deadline} desc`, asc(calls.id));
  if (!isMinistry(actor)) return { calls: await callOptions, municipalities: [], staff: [] };
  // Independent reads: sent together (issue 19).
  const [callRows, municipalityOptions, staff] = await Promise.all([
    callOptions,
    db
      .select({ code: municipalities.code, name: municipalities.name, sortKey: municipalities.sortKey })
      .from(municipalities)
      .where(sql`EXISTS (SELECT 1 FROM ${applications} WHERE ${applications.municipalityCode} = ${municipalities.code})`)
      .orderBy(asc(municipalities.sortKey)),
    listStaff(db),
  ]);
  return { calls: callRows, municipalities: municipalityOptions, staff };
}
