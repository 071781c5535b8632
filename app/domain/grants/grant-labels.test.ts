import { describe, expect, it } from "vitest";
import { withRunningBalance } from "./grant-labels";

describe("withRunningBalance", () => {
  it("carries committed, paid and unpaid balances entry by entry, in øre", () => {
    const lines = withRunningBalance([
      { id: 1, kind: "committed", committedDeltaOre: 150_000_001n, paidDeltaOre: 0n, bookedOn: "2022-12-15", note: "" },
      { id: 2, kind: "paid", committedDeltaOre: 0n, paidDeltaOre: 37_500_000n, bookedOn: "2023-01-02", note: "" },
      { id: 3, kind: "repaid", committedDeltaOre: -1n, paidDeltaOre: -1n, bookedOn: "2025-04-01", note: "" },
    ]);
    expect(lines.map((l) => [l.committedBalanceOre, l.paidBalanceOre, l.unpaidBalanceOre])).toEqual([
      [150_000_001n, 0n, 150_000_001n],
      [150_000_001n, 37_500_000n, 112_500_001n],
      [150_000_000n, 37_499_999n, 112_500_001n],
    ]);
  });
});
