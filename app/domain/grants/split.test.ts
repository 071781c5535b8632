import { describe, expect, it } from "vitest";
import { splitByWeights, splitEvenly } from "./split";

const sum = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);

describe("splitEvenly", () => {
  it("sums exactly to the total and puts the remainder on the last part", () => {
    const parts = splitEvenly(100_000_01n, 3);
    expect(sum(parts)).toBe(100_000_01n);
    expect(parts[0]).toBe(33_333_00n);
    expect(parts[1]).toBe(33_333_00n);
    expect(parts[2]).toBe(33_334_01n);
  });
  it("handles a total smaller than the part count", () => {
    expect(splitEvenly(2n, 4)).toEqual([0n, 0n, 0n, 2n]);
  });
});

describe("splitByWeights", () => {
  it("follows the weights, rounds each part down to whole kroner and sums exactly", () => {
    const parts = splitByWeights(1_430_000_00n, [1n, 1n, 1n]);
    expect(sum(parts)).toBe(1_430_000_00n);
    expect(parts).toEqual([476_666_00n, 476_666_00n, 476_668_00n]);
  });
  it("gives a zero-weight quarter nothing, and the remainder to the last weighted part", () => {
    const parts = splitByWeights(1_000_01n, [3n, 0n, 7n, 0n]);
    expect(parts[1]).toBe(0n);
    expect(parts[3]).toBe(0n);
    expect(sum(parts)).toBe(1_000_01n);
    expect(parts[2]! % 100n).toBe(1n);
  });
  it("sums exactly for many random cases", () => {
    for (let i = 0; i < 500; i++) {
      const total = BigInt(Math.floor(Math.random() * 1e12));
      const weights = Array.from({ length: 1 + (i % 12) }, () => BigInt(Math.floor(Math.random() * 1e9)));
      expect(sum(splitByWeights(total, weights))).toBe(total);
    }
  });
});
