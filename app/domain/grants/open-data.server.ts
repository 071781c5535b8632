// The public grant list ("Hvem fik hvad", decision 022): no actor, publicGrantScope in
// the WHERE, and a select that names each published column. Nothing else of the
// application (contacts, texts, scores) or of the people deciding is ever read here.
import { and, asc, count, desc, eq, gte, ilike, lt, max, min, sum, type SQL } from "drizzle-orm";
import type { Executor } from "#db/client";
import { applications, calls, grants, municipalities, pools } from "#db/schema";
import { publicGrantScope } from "~/policy/scopes.server";
import { copenhagenInstant, copenhagenDateString } from "~/utils/dates";
import { pageParam, pageWindow } from "~/utils/paging";
import type { OpenGrantRow } from "./open-data";
import type { PublicGrantStatus } from "./grant-constants";

export const OPEN_GRANT_PAGE_SIZE = 50;

export const OPEN_GRANT_SORTS = ["nyeste", "kommune", "beloeb"] as const;
export type OpenGrantSort = (typeof OPEN_GRANT_SORTS)[number];

export type OpenGrantFilters = { q: string; poolId: number | null; year: number | null; sort: OpenGrantSort; page: number };

/** Filters from the URL; anything odd is ignored (a public page answers, it does not scold). */
export function parseOpenGrantFilters(params: URLSearchParams): OpenGrantFilters {
  const pool = params.get("pulje") ?? "";
  const year = params.get("aar") ?? "";
  const sort = params.get("sorter") ?? "";
  return {
    q: (params.get("q") ?? "").trim().slice(0, 100),
    poolId: /^\d{1,9}$/.test(pool) && Number(pool) > 0 ? Number(pool) : null,
    year: /^(19|20|21)\d\d$/.test(year) ? Number(year) : null,
    sort: (OPEN_GRANT_SORTS as readonly string[]).includes(sort) ? (sort as OpenGrantSort) : "nyeste",
    page: pageParam(params),
  };
}

function escapeLike(s: string) {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function where(f: OpenGrantFilters): SQL | undefined {
  const conditions: (SQL | undefined)[] = [publicGrantScope()];
  if (f.poolId) conditions.push(eq(grants.poolId, f.poolId));
  if (f.year) {
    // The year of the decision in Copenhagen, as an instant range (same on both drivers).
    conditions.push(gte(grants.decidedAt, copenhagenInstant(`${f.year}-01-01`, "00:00")));
    conditions.push(lt(grants.decidedAt, copenhagenInstant(`${f.year + 1}-01-01`, "00:00")));
  }
  if (f.q) conditions.push(ilike(municipalities.name, `%${escapeLike(f.q)}%`));
  return and(...conditions);
}

/** The whitelist: each published column by name (never `select()` of a whole table). */
const columns = {
  id: grants.id,
  municipalityCode: grants.municipalityCode,
  municipalityName: municipalities.name,
  municipalityOfficialName: municipalities.officialName,
  awardedOre: grants.awardedOre,
  status: grants.status,
  projectStart: grants.projectStart,
  projectEnd: grants.projectEnd,
  decidedAt: grants.decidedAt,
  poolId: pools.id,
  poolName: pools.name,
  callTitle: calls.title,
  callPurpose: calls.purpose,
  themes: applications.themes,
};

function ordering(sort: OpenGrantSort) {
  if (sort === "kommune") return [asc(municipalities.sortKey), desc(grants.decidedAt), asc(grants.id)];
  if (sort === "beloeb") return [desc(grants.awardedOre), asc(municipalities.sortKey), asc(grants.id)];
  return [desc(grants.decidedAt), asc(municipalities.sortKey), asc(grants.id)];
}

function selectRows(db: Executor, f: OpenGrantFilters) {
  return db
    .select(columns)
    .from(grants)
    .innerJoin(municipalities, eq(municipalities.code, grants.municipalityCode))
    .innerJoin(calls, eq(calls.id, grants.callId))
    .innerJoin(pools, eq(pools.id, grants.poolId))
    .innerJoin(applications, eq(applications.id, grants.applicationId))
    .where(where(f))
    .orderBy(...ordering(f.sort));
}

function asRow(r: Awaited<ReturnType<typeof selectRows>>[number]): OpenGrantRow {
  return { ...r, awardedOre: BigInt(r.awardedOre), status: r.status as PublicGrantStatus, themes: r.themes ?? [] };
}

/** One page of the public list, with the count and the awarded total of every page. */
export async function listOpenGrants(db: Executor, f: OpenGrantFilters) {
  const [totals] = await db
    .select({ n: count(), awarded: sum(grants.awardedOre) })
    .from(grants)
    .innerJoin(municipalities, eq(municipalities.code, grants.municipalityCode))
    .where(where(f));
  const total = Number(totals?.n ?? 0);
  const w = pageWindow(total, f.page, OPEN_GRANT_PAGE_SIZE);
  const rows = await selectRows(db, f).limit(w.limit).offset(w.offset);
  return { rows: rows.map(asRow), total, page: w.page, pages: w.pageCount, awardedSumOre: BigInt(totals?.awarded ?? 0) };
}

/** Every public grant the filters match (the JSON and CSV exports; paging is the page's). */
export async function allOpenGrants(db: Executor, f: OpenGrantFilters): Promise<OpenGrantRow[]> {
  return (await selectRows(db, f)).map(asRow);
}

/** The pools and decision years that have public grants (for the filters). */
export async function openGrantFilterOptions(db: Executor) {
  const poolOptions = await db
    .selectDistinct({ id: pools.id, name: pools.name })
    .from(grants)
    .innerJoin(pools, eq(pools.id, grants.poolId))
    .where(publicGrantScope())
    .orderBy(asc(pools.name));
  const [span] = await db
    .select({ first: min(grants.decidedAt), last: max(grants.decidedAt) })
    .from(grants)
    .where(publicGrantScope());
  const years: number[] = [];
  if (span?.first && span.last) {
    const from = Number(copenhagenDateString(span.first).slice(0, 4));
    for (let y = Number(copenhagenDateString(span.last).slice(0, 4)); y >= from; y--) years.push(y);
  }
  return { pools: poolOptions, years };
}
