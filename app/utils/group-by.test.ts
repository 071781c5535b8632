import { describe, expect, it } from "vitest";
import { groupBy } from "./group-by";

describe("groupBy", () => {
  it("keeps each group's rows in their original order, and has no key without rows", () => {
    const rows = [
      { app: 2, c: "a" },
      { app: 1, c: "b" },
      { app: 2, c: "c" },
    ];
    const g = groupBy(rows, (r) => r.app);
    expect(g.get(2)!.map((r) => r.c)).toEqual(["a", "c"]);
    expect(g.get(1)!.map((r) => r.c)).toEqual(["b"]);
    expect(g.has(3)).toBe(false);
    expect([...g.keys()]).toEqual([2, 1]);
  });
});
