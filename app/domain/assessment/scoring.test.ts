import { describe, expect, it } from "vitest";
import {
  cumulativeAgainstPool,
  formatNeedIndex,
  formatScore,
  parseNeedIndex,
  rankApplications,
  scoresFormSchema,
  weightedScore,
} from "./scoring";

const criteria = [
  { id: 1, weight: 40 },
  { id: 2, weight: 35 },
  { id: 3, weight: 25 },
];
const scores = (a: number, b: number, c: number) => [
  { criterionId: 1, score: a },
  { criterionId: 2, score: b },
  { criterionId: 3, score: c },
];

describe("weighted score", () => {
  it("weights 40/35/25: 4, 3, 5 → 3,9", () => {
    // (4·40 + 3·35 + 5·25) / 100 = 390 / 100
    expect(weightedScore(criteria, scores(4, 3, 5))).toEqual({ tenths: 39, scored: 3, total: 3 });
    expect(formatScore(39)).toBe("3,9");
  });

  it("rounds half up in integers: 5, 0, 0 with 40/35/25 → 2,0; 1, 2, 2 → 1,6", () => {
    expect(weightedScore(criteria, scores(5, 0, 0)).tenths).toBe(20);
    // (40 + 70 + 50) / 100 = 1.6
    expect(weightedScore(criteria, scores(1, 2, 2)).tenths).toBe(16);
    // weights 1/1/1, 1+1+2 = 4/3 = 1.333 → 1,3; 1+2+2 = 5/3 = 1.667 → 1,7
    const even = [1, 2, 3].map((id) => ({ id, weight: 1 }));
    expect(weightedScore(even, scores(1, 1, 2)).tenths).toBe(13);
    expect(weightedScore(even, scores(1, 2, 2)).tenths).toBe(17);
  });

  it("is null until every criterion has a score", () => {
    expect(weightedScore(criteria, scores(4, 3, 5).slice(0, 2))).toEqual({ tenths: null, scored: 2, total: 3 });
    expect(weightedScore([], []).tenths).toBeNull();
    expect(formatScore(null)).toBe("–");
  });
});

describe("need index", () => {
  it("parses the numeric column exactly", () => {
    expect(parseNeedIndex("12.3400")).toBe(123400n);
    expect(parseNeedIndex("0.0001")).toBe(1n);
    expect(parseNeedIndex("-1.5")).toBe(-15000n);
    expect(parseNeedIndex(null)).toBeNull();
    expect(parseNeedIndex("abc")).toBeNull();
    // Always four decimals, so a column of indices lines up and reads the same on every page.
    expect(formatNeedIndex("12.3400")).toBe("12,3400");
    expect(formatNeedIndex("7.0000")).toBe("7,0000");
    expect(formatNeedIndex("7")).toBe("7,0000");
    expect(formatNeedIndex("0.05")).toBe("0,0500");
  });
});

describe("ranking", () => {
  const item = (id: number, municipalityName: string, needIndex: string | null, scoreTenths: number | null) => ({
    id,
    municipalityName,
    needIndex,
    scoreTenths,
  });

  it("orders by need index descending, then score, with missing need index last and unranked", () => {
    const ranked = rankApplications([
      item(1, "Aabenraa", "1.2000", 40),
      item(2, "Lolland", "9.9000", null),
      item(3, "Tønder", null, 50),
      item(4, "Faxe", "1.2000", 45),
      item(5, "Samsø", "10.0000", 10),
    ]);
    expect(ranked.map((r) => [r.id, r.rank])).toEqual([
      [5, 1],
      [2, 2],
      [4, 3],
      [1, 4],
      [3, null],
    ]);
  });

  it("compares decimals exactly, not as text (10 > 9.9999)", () => {
    const ranked = rankApplications([item(1, "A", "9.9999", null), item(2, "B", "10.0000", null)]);
    expect(ranked[0].id).toBe(2);
  });
});

describe("cumulative requested total against the pool", () => {
  it("marks where the running total passes the pool total", () => {
    const rows = [
      { id: 1, requestedOre: 600_000_00n },
      { id: 2, requestedOre: 500_000_00n },
      { id: 3, requestedOre: 400_000_00n, counted: false },
      { id: 4, requestedOre: 300_000_00n },
      { id: 5, requestedOre: 100_000_00n },
    ];
    const { lines, cutoffIndex, totalOre } = cumulativeAgainstPool(rows, 1_300_000_00n);
    expect(lines.map((l) => l.cumulativeOre)).toEqual([600_000_00n, 1_100_000_00n, 1_100_000_00n, 1_400_000_00n, 1_500_000_00n]);
    expect(lines.map((l) => l.withinPool)).toEqual([true, true, true, false, false]);
    expect(cutoffIndex).toBe(3);
    expect(totalOre).toBe(1_500_000_00n);
  });

  it("has no cut-off when everything fits, including exactly the pool total", () => {
    const { cutoffIndex } = cumulativeAgainstPool([{ requestedOre: 50n }, { requestedOre: 50n }], 100n);
    expect(cutoffIndex).toBeNull();
  });
});

describe("score form", () => {
  const schema = scoresFormSchema([7, 8]);
  it("accepts 0–5 and empty, refuses 6 and text", () => {
    expect(schema.safeParse({ intent: "scores", score_7: "0", score_8: "", scoreNote_7: "", scoreNote_8: "" }).success).toBe(true);
    const bad = schema.safeParse({ intent: "scores", score_7: "6", score_8: "x", scoreNote_7: "", scoreNote_8: "" });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path[0]).sort()).toEqual(["score_7", "score_8"]);
  });
});
