import { describe, expect, it } from "vitest";
import {
  AGREEMENT_NOTE_REQUIRED,
  agreedFromForm,
  agreedNoteField,
  agreeFormSchema,
  agreementNoteErrors,
  assessorChangeProblem,
  compareAssessments,
  countingScores,
  isFlagged,
  proposedAgreedScore,
} from "./double-assessment";
import { weightedScore } from "./scoring";

describe("the difference flag", () => {
  it("flags a difference of 2 or more, in either direction, and nothing smaller", () => {
    expect(isFlagged(4, 2)).toBe(true);
    expect(isFlagged(2, 4)).toBe(true);
    expect(isFlagged(0, 5)).toBe(true);
    expect(isFlagged(3, 4)).toBe(false);
    expect(isFlagged(4, 3)).toBe(false);
    expect(isFlagged(3, 3)).toBe(false);
  });
});

describe("the proposed agreed score", () => {
  it("is the mean of the two, rounded half up", () => {
    expect(proposedAgreedScore(4, 2)).toBe(3);
    expect(proposedAgreedScore(3, 4)).toBe(4);
    expect(proposedAgreedScore(2, 5)).toBe(4);
    expect(proposedAgreedScore(0, 1)).toBe(1);
    expect(proposedAgreedScore(0, 0)).toBe(0);
    expect(proposedAgreedScore(5, 5)).toBe(5);
  });
});

describe("which score counts", () => {
  const single = [
    { criterionId: 1, score: 4 },
    { criterionId: 2, score: 2 },
  ];
  it("a single assessment counts as it is (the historical data keeps its scores)", () => {
    expect(countingScores({ double: false, single, agreed: [] })).toEqual(single);
  });
  it("an agreed score wins over a single assessment's, criterion by criterion", () => {
    expect(countingScores({ double: false, single, agreed: [{ criterionId: 2, score: 5 }] })).toEqual([
      { criterionId: 2, score: 5 },
      { criterionId: 1, score: 4 },
    ]);
  });
  it("with two assessors only agreed scores count: nothing before enighed, never one assessor's score", () => {
    expect(countingScores({ double: true, single, agreed: [] })).toEqual([]);
    expect(countingScores({ double: true, single, agreed: [{ criterionId: 1, score: 3 }] })).toEqual([{ criterionId: 1, score: 3 }]);
  });
  it("so the weighted score of a double assessment is incomplete until every criterion is agreed", () => {
    const criteria = [
      { id: 1, weight: 60 },
      { id: 2, weight: 40 },
    ];
    expect(weightedScore(criteria, countingScores({ double: true, single: [], agreed: [{ criterionId: 1, score: 3 }] })).tenths).toBeNull();
    const both = countingScores({ double: true, single: [], agreed: [{ criterionId: 1, score: 3 }, { criterionId: 2, score: 5 }] });
    expect(weightedScore(criteria, both).tenths).toBe(38);
  });
});

describe("the side-by-side comparison", () => {
  it("pairs the two assessments per criterion with difference, flag, proposal and agreement", () => {
    const rows = compareAssessments(
      [{ id: 1 }, { id: 2 }, { id: 3 }],
      [
        { criterionId: 1, score: 4, note: "A" },
        { criterionId: 2, score: 3, note: "" },
      ],
      [
        { criterionId: 1, score: 2, note: "B" },
        { criterionId: 2, score: 3, note: "" },
      ],
      [{ criterionId: 2, score: 3, note: "" }],
    );
    expect(rows.map((r) => [r.criterionId, r.difference, r.flagged, r.proposal, r.agreed?.score ?? null])).toEqual([
      [1, 2, true, 3, null],
      [2, 0, false, 3, 3],
      [3, null, false, null, null],
    ]);
  });
});

describe("agreeing", () => {
  const rows = compareAssessments(
    [{ id: 1 }, { id: 2 }],
    [
      { criterionId: 1, score: 5, note: "" },
      { criterionId: 2, score: 3, note: "" },
    ],
    [
      { criterionId: 1, score: 2, note: "" },
      { criterionId: 2, score: 4, note: "" },
    ],
    [],
  );
  it("asks for a note only where the difference is flagged", () => {
    expect(agreementNoteErrors(rows, [
      { criterionId: 1, score: 4, note: "" },
      { criterionId: 2, score: 4, note: "" },
    ])).toEqual({ [agreedNoteField(1)]: AGREEMENT_NOTE_REQUIRED });
    expect(agreementNoteErrors(rows, [
      { criterionId: 1, score: 4, note: "Enige efter drøftelse af budgettet." },
      { criterionId: 2, score: 4, note: "" },
    ])).toEqual({});
  });
  it("the form needs a score 0–5 for every criterion", () => {
    const schema = agreeFormSchema([1, 2]);
    const notes = { agreedNote_1: "", agreedNote_2: "" };
    expect(schema.safeParse({ intent: "agree", agreed_1: "4", agreed_2: "3", ...notes }).success).toBe(true);
    expect(schema.safeParse({ intent: "agree", agreed_1: "", agreed_2: "3", ...notes }).success).toBe(false);
    expect(schema.safeParse({ intent: "agree", agreed_1: "6", agreed_2: "3", ...notes }).success).toBe(false);
    expect(agreedFromForm([1, 2], { agreed_1: "4", agreed_2: " 3 ", agreedNote_1: " Drøftet " })).toEqual([
      { criterionId: 1, score: 4, note: "Drøftet" },
      { criterionId: 2, score: 3, note: "" },
    ]);
  });
});

describe("changing the assessors", () => {
  it("needs a first assessor before a second, and two different people", () => {
    expect(assessorChangeProblem({ next: { first: null, second: "b" }, scoredBy: [], submittedBy: [] })).toMatch(/første bedømmer/);
    expect(assessorChangeProblem({ next: { first: "a", second: "a" }, scoredBy: [], submittedBy: [] })).toMatch(/forskellige/);
    expect(assessorChangeProblem({ next: { first: "a", second: "b" }, scoredBy: [], submittedBy: [] })).toBeNull();
  });
  it("never replaces an assessor who has submitted", () => {
    expect(assessorChangeProblem({ next: { first: "a", second: "c" }, scoredBy: ["a", "b"], submittedBy: ["b"] })).toMatch(/afgivet/);
  });
  it("turns a single assessment double only when its scores belong to one of the two", () => {
    expect(assessorChangeProblem({ next: { first: "a", second: "b" }, scoredBy: ["a"], submittedBy: [] })).toBeNull();
    expect(assessorChangeProblem({ next: { first: "a", second: "b" }, scoredBy: ["x"], submittedBy: [] })).toMatch(/anden end de to/);
  });
  it("does not drop the second assessor once both have scored", () => {
    expect(assessorChangeProblem({ next: { first: "a", second: null }, scoredBy: ["a", "b"], submittedBy: [] })).toMatch(/kan ikke fjernes/);
    expect(assessorChangeProblem({ next: { first: "a", second: null }, scoredBy: ["a"], submittedBy: [] })).toBeNull();
  });
});
