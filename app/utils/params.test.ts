// One rule for ids in URLs: what fits the column is an id, everything else is null (→ 404).
import { describe, expect, it } from "vitest";
import { idParam, parseId } from "./params.server";

describe("parseId", () => {
  it.each([
    ["1", 1],
    ["42", 42],
    ["007", 7],
    ["2147483647", 2147483647],
    ["2147483648", null], // does not fit an integer column
    ["999999999999", null],
    ["0", null],
    ["-1", null],
    ["1.5", null],
    ["1e3", null],
    [" 1", null],
    ["0x1f", null],
    ["", null],
    [undefined, null],
    [null, null],
  ])("%j → %j", (raw, expected) => {
    expect(parseId(raw)).toBe(expected);
  });

  it("allows the larger ids of bigserial tables, up to the safe integer limit", () => {
    expect(parseId("999999999999", "bigint")).toBe(999999999999);
    expect(parseId("9007199254740991", "bigint")).toBe(9007199254740991);
    expect(parseId("9007199254740992", "bigint")).toBeNull();
  });

  it("throws a 404 from a route param that is not an id", () => {
    expect(idParam("12")).toBe(12);
    try {
      idParam("abc");
      expect.unreachable();
    } catch (e) {
      expect((e as Response).status).toBe(404);
    }
  });
});
