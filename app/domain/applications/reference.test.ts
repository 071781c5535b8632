import { describe, expect, it } from "vitest";
import { referenceNumber } from "./reference";

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
