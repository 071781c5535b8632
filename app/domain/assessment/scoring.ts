// Weighted scores and the need-index ranking. Everything is integer arithmetic:
// scores 0–5, weights 0–100, need index as fixed-point (4 decimals, like the
// numeric(12,4) column) and money in øre, so no float rounding decides a rank.
import { formatOre } from "~/utils/money";
import { text, z } from "~/utils/validation";

export const MIN_SCORE = 0;
export const MAX_SCORE = 5;

export type Criterion = { id: number; weight: number };
export type CriterionScore = { criterionId: number; score: number };

export type WeightedScore = {
  /** Weighted mean in tenths (39 = 3,9); null until every criterion has a score. */
  tenths: number | null;
  scored: number;
  total: number;
};

export function weightedScore(criteria: Criterion[], scores: CriterionScore[]): WeightedScore {
  const byCriterion = new Map(scores.map((s) => [s.criterionId, s.score]));
  let weighted = 0;
  let weights = 0;
  let scored = 0;
  for (const c of criteria) {
    const s = byCriterion.get(c.id);
    if (s === undefined) continue;
    scored++;
    weighted += s * c.weight;
    weights += c.weight;
  }
  const complete = criteria.length > 0 && scored === criteria.length;
  if (!complete) return { tenths: null, scored, total: criteria.length };
  if (weights === 0) {
    // All weights 0: fall back to the plain mean rather than dividing by zero.
    weighted = criteria.reduce((sum, c) => sum + byCriterion.get(c.id)!, 0);
    weights = criteria.length;
  }
  // Round half up: floor((20·Σsw + Σw) / (2·Σw)) = round(10·Σsw/Σw).
  const tenths = Math.floor((20 * weighted + weights) / (2 * weights));
  return { tenths, scored, total: criteria.length };
}

// The display helpers live without zod in score-format.ts (list pages import them there).
export { formatNeedIndex, formatScore, NEED_INDEX_DECIMALS, NEED_INDEX_XLSX_FORMAT, parseNeedIndex } from "./score-format";
import { parseNeedIndex } from "./score-format";

export type RankInput = {
  id: number;
  municipalityName: string;
  needIndex: string | null;
  scoreTenths: number | null;
};

/**
 * Rank 1 = most need: need index descending, then weighted score descending,
 * then municipality name. Applications without a need index come last and get
 * no rank (rank null).
 */
export function rankApplications<T extends RankInput>(items: T[]): (T & { rank: number | null })[] {
  const keyed = items.map((item) => ({ item, need: parseNeedIndex(item.needIndex) }));
  keyed.sort((a, b) => {
    if (a.need === null || b.need === null) {
      if (a.need !== b.need) return a.need === null ? 1 : -1;
    } else if (a.need !== b.need) {
      return a.need > b.need ? -1 : 1;
    }
    const sa = a.item.scoreTenths ?? -1;
    const sb = b.item.scoreTenths ?? -1;
    if (sa !== sb) return sb - sa;
    return a.item.municipalityName.localeCompare(b.item.municipalityName, "da") || a.item.id - b.item.id;
  });
  let rank = 0;
  return keyed.map(({ item, need }) => ({ ...item, rank: need === null ? null : ++rank }));
}

export type PoolLine<T> = T & { cumulativeOre: bigint; withinPool: boolean; counted: boolean };

/**
 * Running total of the requested amounts down the ranking against the pool.
 * Items with `counted: false` (e.g. proposed rejections) are shown but do not use
 * up the pool. `cutoffIndex` is the first counted item that passes the pool total
 * (null when everything fits).
 */
export function cumulativeAgainstPool<T extends { requestedOre: bigint; counted?: boolean }>(
  ranked: T[],
  poolOre: bigint,
): { lines: PoolLine<T>[]; cutoffIndex: number | null; totalOre: bigint } {
  let cumulative = 0n;
  let cutoffIndex: number | null = null;
  const lines = ranked.map((item, index) => {
    const counted = item.counted ?? true;
    if (counted) cumulative += item.requestedOre;
    const withinPool = cumulative <= poolOre;
    if (counted && !withinPool && cutoffIndex === null) cutoffIndex = index;
    return { ...item, cumulativeOre: cumulative, withinPool, counted };
  });
  return { lines, cutoffIndex, totalOre: cumulative };
}

/** The ranking against the pool as the ranking page and its export show it: proposed rejections stay listed but do not use up the pool. */
export function rankingAgainstPool<T extends { requestedOre: bigint; status: string }>(ranked: T[], poolOre: bigint) {
  return cumulativeAgainstPool(
    ranked.map((r) => ({ ...r, counted: r.status !== "rejection_proposed" })),
    poolOre,
  );
}

/** The line on the ranking (page and export) where the pool runs out. */
export function cutoffText(poolTotalOre: bigint) {
  return `Puljens ramme på ${formatOre(poolTotalOre)} er brugt op her: ansøgningerne herunder kan ikke dækkes fuldt ud.`;
}

export const scoreField = (criterionId: number) => `score_${criterionId}`;
export const scoreNoteField = (criterionId: number) => `scoreNote_${criterionId}`;

/** The score form for a call's criteria: "" leaves a criterion unscored. */
export function scoresFormSchema(criterionIds: number[]) {
  const scoreValue = z
    .string()
    .trim()
    .refine((v) => v === "" || (/^\d$/.test(v) && Number(v) >= MIN_SCORE && Number(v) <= MAX_SCORE), {
      message: `Vælg en score fra ${MIN_SCORE} til ${MAX_SCORE}.`,
    });
  return z.strictObject({
    intent: z.literal("scores"),
    ...Object.fromEntries(
      criterionIds.flatMap((id) => [
        [scoreField(id), scoreValue],
        [scoreNoteField(id), text("bemærkningen", { max: 2000, optional: true })],
      ]),
    ),
  });
}

export type ScoreInput = { criterionId: number; score: number | null; note: string };

export function scoresFromForm(criterionIds: number[], value: Record<string, unknown>): ScoreInput[] {
  return criterionIds.map((id) => {
    const raw = String(value[scoreField(id)] ?? "").trim();
    return { criterionId: id, score: raw === "" ? null : Number(raw), note: String(value[scoreNoteField(id)] ?? "").trim() };
  });
}
