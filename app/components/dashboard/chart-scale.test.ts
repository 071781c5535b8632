import { describe, expect, it } from "vitest";
import { formatCell } from "~/domain/dashboard/tables";
import { linear, linePath, millionsLabel, niceTicks, slots } from "./chart-scale";

describe("chart geometry", () => {
  it("maps a domain linearly onto a range (inverted for a y axis), and a zero-width domain to its start", () => {
    const y = linear(1, 5, 200, 0);
    expect([y(1), y(3), y(5)]).toEqual([200, 100, 0]);
    expect(linear(2, 2, 10, 20)(7)).toBe(10);
  });
  it("gives round ticks from 0 covering the maximum", () => {
    expect(niceTicks(412_345_678, 4)).toEqual([0, 200_000_000, 400_000_000, 600_000_000]);
    expect(niceTicks(60.25, 4)).toEqual([0, 20, 40, 60, 80]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });
  it("centres categories in equal slots", () => {
    expect(slots(2, 0, 100)).toEqual([25, 75]);
    expect(slots(0, 0, 100)).toEqual([]);
  });
  it("breaks a line where a value is missing", () => {
    expect(linePath([{ x: 0, y: 1 }, { x: 10, y: 2 }, null, { x: 30, y: 4 }])).toBe("M0.0,1.0L10.0,2.0M30.0,4.0");
  });
  it("labels an axis in millions the Danish way", () => {
    expect(millionsLabel(200_000_000)).toBe("2 mio.");
    expect(millionsLabel(1_250_000_000)).toBe("12,5 mio.");
  });
});

describe("formatCell", () => {
  it("writes Danish numbers: money from øre, decimals with a comma, thousands with dots, dates dd.mm.åååå", () => {
    expect(formatCell("money", 41_234_567_801n)).toBe("412.345.678,01 kr.");
    expect(formatCell("money", -61_234n)).toBe("-612,34 kr.");
    expect(formatCell("decimal", 30.25)).toBe("30,25");
    expect(formatCell("decimal", 4)).toBe("4");
    expect(formatCell("decimal", 1234.5)).toBe("1.234,5");
    expect(formatCell("int", 12345)).toBe("12.345");
    expect(formatCell("date", "2023-06-30")).toBe("30.06.2023");
    expect(formatCell("int", null)).toBe("–");
  });
});
