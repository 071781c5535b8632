import { describe, expect, it } from "vitest";
import { formatMillions, formatOre, oreToInput, oreToKronerNumber, parseDanishAmount } from "./money";

describe("formatOre", () => {
  it.each<[bigint | number | string, string]>([
    [0n, "0,00 kr."],
    [1n, "0,01 kr."],
    [-1n, "-0,01 kr."],
    [-99n, "-0,99 kr."],
    [100n, "1,00 kr."],
    [123_456_750n, "1.234.567,50 kr."],
    [-123_456_750n, "-1.234.567,50 kr."],
    [1_430_000_000n, "14.300.000,00 kr."],
    ["-500", "-5,00 kr."],
    [99_999_999_999_999n, "999.999.999.999,99 kr."],
    // Beyond Number.MAX_SAFE_INTEGER: bigint keeps every øre.
    [9_007_199_254_740_993n, "90.071.992.547.409,93 kr."],
  ])("%s øre → %s", (ore, expected) => {
    expect(formatOre(ore)).toBe(expected);
  });
  it("leaves the suffix off on request", () => {
    expect(formatOre(-123_456_750n, { suffix: false })).toBe("-1.234.567,50");
  });
});

describe("formatMillions", () => {
  it.each<[bigint, string]>([
    [1_430_000_000n, "14,3 mio. kr."],
    [0n, "0,0 mio. kr."],
    [-50_000_000n, "-0,5 mio. kr."],
    [50_000_000n, "0,5 mio. kr."],
    [-1_430_000_000n, "-14,3 mio. kr."],
    // Half a tenth rounds away from zero, on both sides.
    [5_000_000n, "0,1 mio. kr."],
    [-5_000_000n, "-0,1 mio. kr."],
    [4_999_999n, "0,0 mio. kr."],
    // A value that rounds to zero has no sign.
    [-4_999_999n, "0,0 mio. kr."],
    [99_950_000_000n, "999,5 mio. kr."],
    [99_995_000_000n, "1.000,0 mio. kr."],
    [-123_456_789_000_000n, "-1.234.567,9 mio. kr."],
  ])("%s øre → %s", (ore, expected) => {
    expect(formatMillions(ore)).toBe(expected);
  });
});

describe("parseDanishAmount", () => {
  it.each<[string, bigint | null]>([
    ["1.234.567,50", 123_456_750n],
    ["1234567", 123_456_700n],
    ["1 234,5", 123_450n],
    ["-12,00", -1_200n],
    ["0,01", 1n],
    ["12 kr.", 1_200n],
    ["1.23", null],
    ["1,234", null],
    ["12.34.567", null],
    ["", null],
    ["abc", null],
    ["--1", null],
  ])("%j → %s", (input, expected) => {
    expect(parseDanishAmount(input)).toBe(expected);
  });
  it("round-trips what formatOre writes", () => {
    for (const v of [0n, 1n, -1n, 123_456_750n, -99_999_999_999n]) expect(parseDanishAmount(oreToInput(v))).toBe(v);
  });
});

describe("oreToKronerNumber", () => {
  it("gives the kroner amount as the number a user would type, from the exact decimal text", () => {
    expect(oreToKronerNumber(123_456_750n)).toBe(1234567.5);
    expect(oreToKronerNumber(-1n)).toBe(-0.01);
    expect(oreToKronerNumber(0n)).toBe(0);
    expect(oreToKronerNumber(1_430_000_000n)).toBe(14300000);
    // 0.29 as a typed number, where floating arithmetic gives 0.29000000000000004 for 29 * 0.01.
    expect(oreToKronerNumber(29n)).toBe(0.29);
    expect(String(oreToKronerNumber(1_000_000_000_000_07n))).toBe("1000000000000.07");
  });
});
