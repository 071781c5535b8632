// Two independent assessments (decision 017): the rules as plain functions. Each assessor
// scores in their own rows; once both have submitted, the scores are compared per
// criterion, a difference of 2 or more is flagged, and a caseworker records the agreed
// score (enighed), proposed as the rounded mean. Which score counts is decided here once,
// for the ranking, the list, the assessment page and "Afslut vurdering".
import { MAX_SCORE, MIN_SCORE, type CriterionScore } from "./scoring";
import { text, z } from "~/utils/validation";

/** A difference this large between the two assessors is flagged, and the agreement needs a note. */
export const FLAGGED_DIFFERENCE = 2;

export function differenceOf(a: number, b: number): number {
  return Math.abs(a - b);
}

export function isFlagged(a: number, b: number): boolean {
  return differenceOf(a, b) >= FLAGGED_DIFFERENCE;
}

/** The proposed agreed score: the mean of the two, rounded half up (2 and 5 → 4; 3 and 4 → 4). */
export function proposedAgreedScore(a: number, b: number): number {
  return Math.floor((a + b + 1) / 2);
}

/**
 * The scores that count for one application (weighted score, ranking, completion):
 * per criterion the agreed score when there is one; otherwise, for an application with a
 * single assessment (no second assessor), that assessment's score; with two assessors,
 * nothing until it is agreed.
 */
export function countingScores(input: { double: boolean; single: CriterionScore[]; agreed: CriterionScore[] }): CriterionScore[] {
  const agreed = new Map(input.agreed.map((s) => [s.criterionId, s.score]));
  const out: CriterionScore[] = input.agreed.map(({ criterionId, score }) => ({ criterionId, score }));
  if (input.double) return out;
  for (const s of input.single) if (!agreed.has(s.criterionId)) out.push({ criterionId: s.criterionId, score: s.score });
  return out;
}

type Assessed = { criterionId: number; score: number; note: string };
type Agreed = { criterionId: number; score: number; note: string };

export type ComparisonRow = {
  criterionId: number;
  first: Assessed | null;
  second: Assessed | null;
  /** |first − second| when both scored, else null. */
  difference: number | null;
  flagged: boolean;
  /** The rounded mean, when both scored. */
  proposal: number | null;
  agreed: Agreed | null;
};

/** The side-by-side view: per criterion both assessors' scores, the difference, its flag, the proposal and the agreement. */
export function compareAssessments(
  criteria: { id: number }[],
  first: Assessed[],
  second: Assessed[],
  agreed: Agreed[],
): ComparisonRow[] {
  const a = new Map(first.map((s) => [s.criterionId, s]));
  const b = new Map(second.map((s) => [s.criterionId, s]));
  const g = new Map(agreed.map((s) => [s.criterionId, s]));
  return criteria.map((c) => {
    const x = a.get(c.id) ?? null;
    const y = b.get(c.id) ?? null;
    const both = x !== null && y !== null;
    return {
      criterionId: c.id,
      first: x,
      second: y,
      difference: both ? differenceOf(x.score, y.score) : null,
      flagged: both ? isFlagged(x.score, y.score) : false,
      proposal: both ? proposedAgreedScore(x.score, y.score) : null,
      agreed: g.get(c.id) ?? null,
    };
  });
}

/**
 * May the assessors be set to `next`? Scores and submissions already made must stay with
 * an assessor: a submitted assessor cannot be replaced, and with two assessors every score
 * on the application must belong to one of them. Null when allowed, else the reason.
 */
export function assessorChangeProblem(input: {
  next: { first: string | null; second: string | null };
  scoredBy: string[];
  submittedBy: string[];
}): string | null {
  const { first, second } = input.next;
  if (second && !first) return "Vælg den første bedømmer, før der vælges en anden.";
  if (second && second === first) return "De to bedømmere skal være forskellige personer.";
  const kept = new Set([first, second].filter((x): x is string => Boolean(x)));
  if (input.submittedBy.some((id) => !kept.has(id))) {
    return "En bedømmer, der har afgivet sin vurdering, kan ikke skiftes ud.";
  }
  const scorers = [...new Set(input.scoredBy)];
  if (second && scorers.some((id) => !kept.has(id))) {
    return "Der er scorer fra en anden end de to bedømmere. Vælg den, der har scoret, som bedømmer.";
  }
  if (!second && scorers.length > 1) return "Begge bedømmere har scoret; den anden bedømmer kan ikke fjernes.";
  return null;
}

export const agreedField = (criterionId: number) => `agreed_${criterionId}`;
export const agreedNoteField = (criterionId: number) => `agreedNote_${criterionId}`;

/** The agreement form: a score for every criterion, a note optional (the command asks for it where the difference is flagged). */
export function agreeFormSchema(criterionIds: number[]) {
  const scoreValue = z
    .string()
    .trim()
    .refine((v) => /^\d$/.test(v) && Number(v) >= MIN_SCORE && Number(v) <= MAX_SCORE, {
      message: `Vælg den aftalte score fra ${MIN_SCORE} til ${MAX_SCORE}.`,
    });
  return z.strictObject({
    intent: z.literal("agree"),
    ...Object.fromEntries(
      criterionIds.flatMap((id) => [
        [agreedField(id), scoreValue],
        [agreedNoteField(id), text("begrundelsen", { max: 2000, optional: true })],
      ]),
    ),
  });
}

export type AgreedInput = { criterionId: number; score: number; note: string };

export function agreedFromForm(criterionIds: number[], value: Record<string, unknown>): AgreedInput[] {
  return criterionIds.map((id) => ({
    criterionId: id,
    score: Number(String(value[agreedField(id)] ?? "").trim()),
    note: String(value[agreedNoteField(id)] ?? "").trim(),
  }));
}

export const AGREEMENT_NOTE_REQUIRED = "Skriv en begrundelse: de to bedømmere er 2 eller flere point fra hinanden.";

/** Field errors for agreements without the note a flagged difference asks for. */
export function agreementNoteErrors(rows: ComparisonRow[], input: AgreedInput[]): Record<string, string> {
  const flagged = new Set(rows.filter((r) => r.flagged).map((r) => r.criterionId));
  return Object.fromEntries(
    input.filter((i) => flagged.has(i.criterionId) && i.note === "").map((i) => [agreedNoteField(i.criterionId), AGREEMENT_NOTE_REQUIRED]),
  );
}
