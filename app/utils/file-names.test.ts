import { describe, expect, it } from "vitest";
import { exportFileName, fileNamePart } from "./file-names";

describe("file names", () => {
  it("spell Danish letters in ASCII and drop everything else", () => {
    expect(fileNamePart("Ærø Kommune")).toBe("aeroe-kommune");
    expect(fileNamePart("Ekstra hjælp / 2022: \"å\"")).toBe("ekstra-hjaelp-2022-aa");
    expect(fileNamePart("Ayşe Yılmaz")).toBe("ayse-yilmaz");
    expect(fileNamePart("a".repeat(60))).toHaveLength(40);
  });
  it("put the parts between the base and today's date in Copenhagen", () => {
    // 23:30 UTC on 31 December is already 1 January in Copenhagen.
    const now = new Date("2026-12-31T23:30:00Z");
    expect(exportFileName("ansoegninger", ["opslag 3", null, "Indsendt"], "xlsx", now)).toBe("ansoegninger-opslag-3-indsendt-2027-01-01.xlsx");
    expect(exportFileName("revisionsspor", [], "csv", now)).toBe("revisionsspor-2027-01-01.csv");
  });
});
