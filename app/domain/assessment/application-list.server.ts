// The application list (and its export): filters, sort, count, sum, paging, weighted
// score and rank in SQL, scoped by the actor, so a page costs the same few statements
// whether there are 100 applications or 10 000 (issue 19). The SQL follows the pure rules
// in scoring.ts (weightedScore, rankApplications); tests/integration/application-list-sql
// checks that it agrees with them. Formalia state is the pure rule over the page's checks.
import { and, asc, eq, ilike, inArray, ne, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { Executor } from "#db/client";
import {
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
import { isMinistry } from "~/policy/permissions";
import { statusesForMunicipalityFilter } from "~/domain/applications/status";
import { pageWindow } from "~/utils/paging";
import { formaliaState, type FormaliaState } from "./formalia";
import { needIndexOfApplication } from "./application-rows.server";
import { anyOf } from "~/utils/any-of.server";
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

// ------------------------------------------------------------ the SQL behind the list
//
// One statement per question, each with the filters in its WHERE: the count and the sum of
// the filtered rows; then the page itself (LIMIT/OFFSET) sorted in SQL, with each row's
// weighted score (the scores that count, decision 017, weighted as scoring.ts does) and its
// rank among all non-draft applications of its call (row_number() over the call, the order
// of rankApplications); then the formal checks of the rows on the page, with one array
// parameter. Names sort by municipalities.sort_key (decision 028): the same order on PGlite
// and on the server, and the same as localeCompare(…, "da").

/** The scores that count, one per application and criterion (decision 017, double-assessment.ts countingScores). */
const countingScores = sql`(
  SELECT application_id, criterion_id, score FROM agreed_scores
  UNION ALL
  (SELECT DISTINCT ON (s.application_id, s.criterion_id) s.application_id, s.criterion_id, s.score
     FROM assessment_scores s
     JOIN applications sa ON sa.id = s.application_id AND sa.second_assessor_id IS NULL
    WHERE NOT EXISTS (SELECT 1 FROM agreed_scores g WHERE g.application_id = s.application_id AND g.criterion_id = s.criterion_id)
    ORDER BY s.application_id, s.criterion_id, s.scored_at DESC)
)`;

/**
 * Per application of the given calls: criteria of its call (total), criteria scored, and the
 * weighted mean in tenths when all are scored: floor((20·Σsw + Σw) / (2·Σw)), the plain mean
 * when every weight is 0, as weightedScore() in scoring.ts.
 */
function scoreTable(callIds: SQL) {
  return sql`(
    SELECT x.id, x.total, x.scored,
           CASE WHEN x.total > 0 AND x.scored = x.total THEN
             CASE WHEN x.w = 0 THEN (20 * x.s + x.total) / (2 * x.total) ELSE (20 * x.sw + x.w) / (2 * x.w) END
           END AS tenths
      FROM (
        SELECT sa.id, count(cc.id)::int AS total, count(cs.score)::int AS scored,
               coalesce(sum(cs.score * cc.weight), 0)::bigint AS sw,
               coalesce(sum(cc.weight) FILTER (WHERE cs.score IS NOT NULL), 0)::bigint AS w,
               coalesce(sum(cs.score), 0)::bigint AS s
          FROM applications sa
          JOIN call_criteria cc ON cc.call_id = sa.call_id
          LEFT JOIN ${countingScores} cs ON cs.application_id = sa.id AND cs.criterion_id = cc.id
         WHERE sa.call_id = ANY(${callIds})
         GROUP BY sa.id
      ) x
  )`;
}

/**
 * Per application of the given calls: its score (scoreTable) and its rank. Rank 1 = most need
 * among the call's non-draft applications, whatever the filters show: need index descending,
 * weighted score descending (none last), then the name, then id; no need index, no rank
 * (rankApplications in scoring.ts). Drafts are their own partition, so they take no number
 * from the others; they get no rank. One derived table for both, so the scores are computed
 * once per statement (they were computed twice, once for the rank and once for the column).
 */
function scoreAndRankTable(callIds: SQL) {
  return sql`(
    SELECT ra.id, rs.total, rs.scored, rs.tenths,
           CASE WHEN ra.status = 'draft' OR rn.value IS NULL THEN NULL ELSE row_number() OVER (
             PARTITION BY ra.call_id, ra.status = 'draft'
             ORDER BY rn.value DESC NULLS LAST, rs.tenths DESC NULLS LAST, rm.sort_key, ra.id
           ) END::int AS rank
      FROM applications ra
      JOIN municipalities rm ON rm.code = ra.municipality_code
      LEFT JOIN need_index_entries rn ON rn.call_id = ra.call_id AND rn.municipality_code = ra.municipality_code
      LEFT JOIN ${scoreTable(callIds)} rs ON rs.id = ra.id
     WHERE ra.call_id = ANY(${callIds})
  )`;
}

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
  // A municipality sees no scores: its "score" order is the name order.
  const tenths = ministry ? sql`rk.tenths` : sql`NULL::int`;
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
  // Scores and ranks are computed only for the calls the filtered rows belong to. An array
  // (ARRAY(…) is an uncorrelated InitPlan, run once): as `IN (subquery)` the planner made it a
  // semi join it re-ran for every application (178 of 229 ms at ×10, scripts/bench/explain.ts).
  const callIds = sql`ARRAY(SELECT DISTINCT ${applications.callId} FROM ${applications}
      JOIN ${municipalities} ON ${municipalities.code} = ${applications.municipalityCode}
     WHERE ${where})`;
  const base = ministry
    ? await db
        .select({
          ...rowColumns,
          rank: rankColumn,
          scoreTenths: score.tenths,
          scoreScored: score.scored,
          scoreTotal: score.total,
        })
        .from(applications)
        .innerJoin(calls, eq(calls.id, applications.callId))
        .innerJoin(municipalities, eq(municipalities.code, applications.municipalityCode))
        .leftJoin(needIndexEntries, needIndexOfApplication())
        .leftJoin(users, eq(users.id, applications.assignedTo))
        .leftJoin(sql`${scoreAndRankTable(callIds)} rk`, sql`rk.id = ${applications.id}`)
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

/** One page of the list, with the count and requested sum of every filtered row. */
export async function listApplications(db: Executor, actor: Actor, f: ListFilters) {
  const [totals] = await db
    .select({
      total: sql<number>`count(*)::int`.mapWith(Number),
      requestedSumOre: sql<string>`coalesce(sum(${applications.requestedOre}), 0)::text`,
    })
    .from(applications)
    .innerJoin(municipalities, eq(municipalities.code, applications.municipalityCode))
    .where(whereFor(actor, f));
  const total = totals?.total ?? 0;
  const pageSize = f.pageSize;
  const { page, pageCount: pages, offset } = pageWindow(total, f.page, pageSize);
  const rows = total === 0 ? [] : await selectPage(db, actor, f, { offset, limit: pageSize });
  return { rows, total, requestedSumOre: BigInt(totals?.requestedSumOre ?? "0"), page, pages, pageSize };
}

/** What the filter selects offer: calls, municipalities with applications, ministry staff. */
export async function listFilterOptions(db: Executor, actor: Actor) {
  const callOptions = db
    .selectDistinct({ id: calls.id, title: calls.title, deadline: calls.deadline })
    .from(calls)
    .innerJoin(applications, eq(applications.callId, calls.id))
    .where(applicationScope(actor))
    .orderBy(sql`${calls.deadline} desc`, asc(calls.id));
  if (!isMinistry(actor)) return { calls: await callOptions, municipalities: [], staff: [] };
  // Independent reads: sent together (issue 19).
  const [callRows, municipalityOptions, staff] = await Promise.all([
    callOptions,
    db
      .selectDistinct({ code: municipalities.code, name: municipalities.name, sortKey: municipalities.sortKey })
      .from(municipalities)
      .innerJoin(applications, eq(applications.municipalityCode, municipalities.code))
      .orderBy(asc(municipalities.sortKey)),
    listStaff(db),
  ]);
  return { calls: callRows, municipalities: municipalityOptions, staff };
}
