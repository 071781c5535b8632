import { describe, expect, it } from "vitest";
import { addMonths, boardTotals, budgetForGrant, grantDeadlines, readBoardForm, validateRound, type BoardLine } from "./allocation";

const l = (id: number, requestedOre: bigint, decision: BoardLine["decision"], amountOre: bigint | null = null, reason = ""): BoardLine => ({
  applicationId: id,
  requestedOre,
  decision,
  amountOre,
  reason,
});

describe("boardTotals", () => {
  it("adds what each line gives to what the pool had committed, and finds where the pool stops reaching", () => {
    const t = boardTotals(1_000n, 100n, [l(1, 400n, "full"), l(2, 400n, "reduced", 300n, "x"), l(3, 300n, null), l(4, 500n, "none", null, "y")]);
    expect(t.lines.map((x) => x.grantOre)).toEqual([400n, 300n, 0n, 0n]);
    expect(t.roundOre).toBe(700n);
    expect(t.committedOre).toBe(800n);
    expect(t.leftOre).toBe(200n);
    expect(t.overOre).toBe(0n);
    // 400 + 300 + 300 (undecided counts with what it asks) = 1000 > 900 available: line 3.
    expect(t.reachIndex).toBe(2);
    expect(t.lines.map((x) => x.withinPool)).toEqual([true, true, false, false]);
  });

  it("says by how much a round is over the pool, to the øre", () => {
    const t = boardTotals(1_430_000_000n, 0n, [l(1, 1_430_000_001n, "full")]);
    expect(t.overOre).toBe(1n);
    expect(t.leftOre).toBe(-1n);
    expect(validateRound(t, { complete: true }).round).toContain("0,01 kr.");
  });
});

describe("validateRound", () => {
  it("requires a decision, a reason for reduced and none, and a reduced amount strictly between 0 and the requested", () => {
    const t = boardTotals(10_000n, 0n, [l(1, 500n, null), l(2, 500n, "reduced", 500n), l(3, 500n, "none"), l(4, 500n, "reduced", 0n, "r"), l(5, 500n, "reduced", 499n, "r")]);
    expect(validateRound(t, { complete: true })).toEqual({
      decision_1: expect.any(String),
      amount_2: expect.stringContaining("under det ansøgte"),
      reason_2: "Skriv begrundelsen for reduktionen.",
      reason_3: "Skriv begrundelsen for afslaget.",
      amount_4: expect.any(String),
    });
    expect(validateRound(t, { complete: false }).decision_1).toBeUndefined();
  });
});

describe("readBoardForm", () => {
  it("reads Danish amounts to øre and flags text that is not an amount", () => {
    const values: Record<string, string> = { decision_1: "reduced", amount_1: "1.250.000,50", reason_1: " r ", decision_2: "reduced", amount_2: "mange" };
    const r = readBoardForm((n) => values[n] ?? null, [{ id: 1, requestedOre: 200_000_000n }, { id: 2, requestedOre: 1n }]);
    expect(r.lines[0]).toMatchObject({ decision: "reduced", amountOre: 125_000_050n, reason: "r" });
    expect(r.errors).toEqual({ amount_2: expect.any(String) });
  });
});

describe("deadlines", () => {
  it("ends the acceptance period at the end of the Copenhagen day, N days after the decision", () => {
    // Decided 23:30 on 15 Dec in Copenhagen (22:30 UTC): the day is the 15th, not the 16th.
    const d = grantDeadlines(new Date("2022-12-15T22:30:00Z"), { acceptanceDays: 14, startWithinMonths: 6, accountsDueMonths: 3 }, "2024-12-31");
    expect(d.acceptanceDeadline.toISOString()).toBe("2022-12-29T22:59:59.000Z");
    expect(d.latestStartOn).toBe("2023-06-15");
    expect(d.accountsDueOn).toBe("2025-03-31");
    // Summer time: 23:59:59 CEST is 21:59:59 UTC.
    expect(grantDeadlines(new Date("2023-06-01T10:00:00Z"), { acceptanceDays: 1, startWithinMonths: 0, accountsDueMonths: 0 }, "2023-06-30").acceptanceDeadline.toISOString()).toBe("2023-06-02T21:59:59.000Z");
  });

  it("clamps a month's day to the month's last day", () => {
    expect(addMonths("2024-08-31", 6)).toBe("2025-02-28");
    expect(addMonths("2023-08-31", 6)).toBe("2024-02-29");
  });
});

describe("budgetForGrant", () => {
  it("keeps the budget for a full grant and scales a reduced one so the lines sum exactly to it", () => {
    const lines = [
      { categoryId: 1, quarter: "2023-Q1", amountOre: 33_333_334n },
      { categoryId: 1, quarter: "2023-Q2", amountOre: 33_333_333n },
      { categoryId: 2, quarter: "2023-Q1", amountOre: 33_333_333n },
    ];
    expect(budgetForGrant(lines, 100_000_000n)).toEqual(lines);
    const scaled = budgetForGrant(lines, 77_777_777n);
    expect(scaled.reduce((s, x) => s + x.amountOre, 0n)).toBe(77_777_777n);
    expect(scaled.map((x) => x.quarter)).toEqual(["2023-Q1", "2023-Q2", "2023-Q1"]);
  });
});
