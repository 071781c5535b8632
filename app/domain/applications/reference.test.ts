import { describe, expect, it } from "vitest";
import { looksLikeReference, parseReference, referenceNumber } from "./reference";

describe("referenceNumber", () => {
  it("takes the year of submission in Copenhagen, not the deadline's", () => {
    const createdAt = new Date("2026-10-01T08:00:00Z");
    expect(referenceNumber({ id: 7, submittedAt: new Date("2026-11-02T09:30:00Z"), createdAt })).toBe("PP-2026-0007");
    // 23:30 UTC on New Year's Eve is already the new year in Copenhagen.
    expect(referenceNumber({ id: 12345, submittedAt: new Date("2026-12-31T23:30:00Z"), createdAt })).toBe("PP-2027-12345");
  });
  it("gives a draft the year it was started", () => {
    expect(referenceNumber({ id: 42, submittedAt: null, createdAt: new Date("2025-03-01T10:00:00Z") })).toBe("PP-2025-0042");
  });
});

describe("reference numbers as typed", () => {
  it("reads the usual and the sloppy spellings", () => {
    for (const s of ["PP-2022-0007", "pp-2022-0007", " PP 2022 7 ", "PP2022-0007", "PP-2022-7"]) {
      expect(parseReference(s), s).toEqual({ year: 2022, id: 7 });
    }
  });

  it("refuses what is not a reference", () => {
    for (const s of ["", "Lolland", "2022-0007", "PP-22-0007", "PP-2022-", "PP-2022-0000", "PP-2022-0007x", "PP-2022-1234567890"]) {
      expect(parseReference(s), s).toBeNull();
    }
  });

  it("tells a reference from a name search", () => {
    expect(looksLikeReference("PP-2022")).toBe(true);
    expect(looksLikeReference("Ppoul")).toBe(false);
  });
});
