import { describe, expect, it } from "vitest";
import { accountsOpen, accountsOpenFrom, settle } from "./settlement";

const MIN = 50_000n; // 500 kr.
const line = (spentOre: bigint, ineligibleOre = 0n) => ({ spentOre, ineligibleOre });

describe("settle: the repayment claim", () => {
  it("reclaims the unspent part of what was paid", () => {
    const s = settle({ paidOre: 100_000_000n, committedOre: 100_000_000n, lines: [line(60_000_000n), line(30_000_000n)], repaymentMinOre: MIN });
    expect(s.claimOre).toBe(10_000_000n);
    expect(s.releaseOre).toBe(0n);
  });

  it("adds the ineligible part once (paid − eligible spent), not twice", () => {
    const s = settle({ paidOre: 1_000_000n, committedOre: 1_000_000n, lines: [line(1_000_000n, 100_000n)], repaymentMinOre: MIN });
    expect(s.eligibleOre).toBe(900_000n);
    expect(s.claimOre).toBe(100_000n);
  });

  it("is never negative: spending beyond what was paid owes nothing", () => {
    const s = settle({ paidOre: 1_000_000n, committedOre: 1_000_000n, lines: [line(1_200_000n, 100_000n)], repaymentMinOre: MIN });
    expect(s.unspentOre).toBe(-200_000n);
    expect(s.computedOre).toBe(0n);
    expect(s.claimOre).toBe(0n);
    expect(s.waivedOre).toBe(0n);
  });

  it("raises no claim at 499,99 kr. (under the threshold) and one at exactly 500,00 kr.", () => {
    const under = settle({ paidOre: 1_000_000n, committedOre: 1_000_000n, lines: [line(1_000_000n - 49_999n)], repaymentMinOre: MIN });
    expect(under.computedOre).toBe(49_999n);
    expect(under.claimOre).toBe(0n);
    expect(under.waivedOre).toBe(49_999n);
    expect(under.explanation.join(" ")).toContain("under beløbsgrænsen på 500,00 kr.");
    const at = settle({ paidOre: 1_000_000n, committedOre: 1_000_000n, lines: [line(1_000_000n - 50_000n)], repaymentMinOre: MIN });
    expect(at.claimOre).toBe(50_000n);
    expect(at.waivedOre).toBe(0n);
  });

  it("applies the threshold to the total, unspent and ineligible together", () => {
    // 300 kr. unspent + 300 kr. ineligible = 600 kr.: reclaimed although each part is under 500 kr.
    const s = settle({ paidOre: 1_000_000n, committedOre: 1_000_000n, lines: [line(970_000n, 30_000n)], repaymentMinOre: MIN });
    expect(s.claimOre).toBe(60_000n);
  });

  it("reads the threshold as data", () => {
    const input = { paidOre: 1_000_000n, committedOre: 1_000_000n, lines: [line(900_000n)] };
    expect(settle({ ...input, repaymentMinOre: MIN }).claimOre).toBe(100_000n);
    expect(settle({ ...input, repaymentMinOre: 100_001n }).claimOre).toBe(0n);
    expect(settle({ ...input, repaymentMinOre: 0n }).claimOre).toBe(100_000n);
  });

  it("releases committed money that was never paid", () => {
    const s = settle({ paidOre: 750_000n, committedOre: 1_000_000n, lines: [line(700_000n)], repaymentMinOre: MIN });
    expect(s.claimOre).toBe(50_000n);
    expect(s.releaseOre).toBe(250_000n);
    expect(s.owedOre).toBe(0n);
  });

  it("says what is still owed when eligible spending exceeds what was paid and money is committed", () => {
    const s = settle({ paidOre: 750_000n, committedOre: 1_000_000n, lines: [line(900_000n)], repaymentMinOre: MIN });
    expect(s.owedOre).toBe(150_000n);
    expect(s.releaseOre).toBe(0n);
    expect(s.claimOre).toBe(0n);
    // Owed never exceeds the commitment.
    expect(settle({ paidOre: 750_000n, committedOre: 1_000_000n, lines: [line(5_000_000n)], repaymentMinOre: MIN }).owedOre).toBe(250_000n);
  });
});

describe("accounts window", () => {
  it("opens on the first day of the project's last quarter", () => {
    expect(accountsOpenFrom("2024-12-31")).toBe("2024-10-01");
    expect(accountsOpenFrom("2024-02-15")).toBe("2024-01-01");
    expect(accountsOpen("2024-12-31", "2024-09-30")).toBe(false);
    expect(accountsOpen("2024-12-31", "2024-10-01")).toBe(true);
  });
});
