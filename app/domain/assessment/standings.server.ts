// The stored standings (decision 034): each application's criteria total, criteria scored,
// weighted score in tenths and rank in its call live in application_standings, recomputed by
// the database (migration 0018's triggers) in the same transaction as every write to an
// input. The SQL below is the reference they are computed by — the list ran it per request
// until issue 19 — and tests/integration/stored-standings.test.ts compares the stored rows
// with it after every kind of write. The migration's function must say the same.
import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "#db/client";
import { rowsOf } from "#db/client";

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
export function scoreAndRankTable(callIds: SQL) {
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

export type Standing = {
  applicationId: number;
  callId: number;
  total: number;
  scored: number;
  tenths: number | null;
  rank: number | null;
  /** The list's sort inputs (decision 038): the need index of its municipality in its call, the municipality's name order. */
  need: string | null;
  sortKey: string;
};

/** The reference computation for the given calls, in the stored table's shape (no criteria: total and scored 0). */
export async function referenceStandings(db: Executor, callIds: number[]): Promise<Standing[]> {
  const ids = sql`${sql.param(callIds)}::int[]`;
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`SELECT rk.id, a.call_id, rk.total, rk.scored, rk.tenths, rk.rank, n.value::text AS need, m.sort_key
      FROM ${scoreAndRankTable(ids)} rk JOIN applications a ON a.id = rk.id
      JOIN municipalities m ON m.code = a.municipality_code
      LEFT JOIN need_index_entries n ON n.call_id = a.call_id AND n.municipality_code = a.municipality_code
     ORDER BY rk.id`),
  );
  return rows.map(toStanding);
}

/** The stored rows of the given calls. */
export async function storedStandings(db: Executor, callIds: number[]): Promise<Standing[]> {
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`SELECT application_id AS id, call_id, total, scored, tenths, rank, need::text AS need, sort_key
      FROM application_standings WHERE call_id = ANY(${sql.param(callIds)}::int[]) ORDER BY application_id`),
  );
  return rows.map(toStanding);
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
function toStanding(r: Record<string, unknown>): Standing {
  return {
    applicationId: Number(r.id),
    callId: Number(r.call_id),
    total: num(r.total) ?? 0,
    scored: num(r.scored) ?? 0,
    tenths: num(r.tenths),
    rank: num(r.rank),
    need: r.need === null || r.need === undefined ? null : String(r.need),
    sortKey: String(r.sort_key),
  };
}

// The list's count and requested sum per call and status (application_totals, decision 038),
// kept by migration 0019's triggers on applications; the reference is the count the list ran
// on every page before.
export type CallStatusTotal = { callId: number; status: string; applications: number; requestedOre: string };

/** The reference: every application counted, per call and status. */
export async function referenceTotals(db: Executor): Promise<CallStatusTotal[]> {
  return rowsOf<Record<string, unknown>>(
    await db.execute(sql`SELECT call_id, status, count(*)::int AS applications, sum(requested_ore)::text AS requested_ore
      FROM applications GROUP BY call_id, status ORDER BY call_id, status`),
  ).map(toTotal);
}

/** The stored totals (a row left at zero by its last application counts as none). */
export async function storedTotals(db: Executor): Promise<CallStatusTotal[]> {
  return rowsOf<Record<string, unknown>>(
    await db.execute(sql`SELECT call_id, status, applications, requested_ore::text AS requested_ore
      FROM application_totals WHERE applications <> 0 OR requested_ore <> 0 ORDER BY call_id, status`),
  ).map(toTotal);
}

function toTotal(r: Record<string, unknown>): CallStatusTotal {
  return { callId: Number(r.call_id), status: String(r.status), applications: Number(r.applications), requestedOre: String(r.requested_ore) };
}
