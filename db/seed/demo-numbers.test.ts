import { describe, expect, it } from "vitest";
import { demoBudget, demoNeedIndex, fourDecimals, sumOre } from "./demo-numbers";

describe("demo numbers", () => {
  it("formats ten-thousandths as numeric(12,4) text", () => {
    expect(fourDecimals(24_815)).toBe("2.4815");
    expect(fourDecimals(4_507)).toBe("0.4507");
  });

  it("ranks the given codes first, in order, and is the same on every run", () => {
    const all = ["a", "b", "c", "d", "e"];
    const values = demoNeedIndex(all, ["d", "b"]);
    const sorted = [...values].sort((x, y) => Number(y[1]) - Number(x[1])).map(([code]) => code);
    expect(sorted.slice(0, 2)).toEqual(["d", "b"]);
    expect([...demoNeedIndex(all, ["d", "b"])]).toEqual([...values]);
  });

  it("splits a budget into whole 500 kr. lines close to the target", () => {
    const lines = demoBudget(["2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4"], [1, 2, 3], 1_000_000, 1);
    expect(lines).toHaveLength(12);
    expect(lines.every((l) => l.amountOre % 50_000n === 0n)).toBe(true);
    const total = Number(sumOre(lines)) / 100;
    expect(Math.abs(total - 1_000_000)).toBeLessThan(12 * 500);
  });
});
