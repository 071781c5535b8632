import { describe, expect, it } from "vitest";
import { categoryRows, criterionRows, SPARE_ROWS, weightSum } from "./rows";

describe("call form rows", () => {
  it("zips the posted arrays into rows and adds the spare rows", () => {
    const rows = criterionRows({
      "criterionId[]": ["7", ""],
      "criterionLabel[]": ["Kvalitet", "Effekt"],
      "criterionDescription[]": ["", "Målbar"],
      "criterionWeight[]": ["60", "40"],
    });
    expect(rows).toHaveLength(2 + SPARE_ROWS);
    expect(rows[0]).toMatchObject({ id: "7", label: "Kvalitet", description: "", weight: "60" });
    expect(rows[1]).toMatchObject({ id: "", label: "Effekt", description: "Målbar", weight: "40" });
    expect(rows.slice(2).every((r) => r.label === "" && r.weight === "")).toBe(true);
  });

  it("takes a single posted category as a one-element list", () => {
    const rows = categoryRows({ "categories[]": "Vikardækning", "categoryId[]": "3" });
    expect(rows[0]).toMatchObject({ id: "3", label: "Vikardækning" });
    expect(rows).toHaveLength(1 + SPARE_ROWS);
  });

  it("sums the weights as typed, and gives up on anything but digits", () => {
    expect(weightSum(["60", " 40 ", ""])).toBe(100);
    expect(weightSum([])).toBe(0);
    expect(weightSum(["60", "4O"])).toBeNull();
    expect(weightSum(["-5"])).toBeNull();
  });
});
