import { describe, expect, it } from "vitest";
import { auditChanges, danishDateTime, describeChanges } from "./audit-changes";

describe("audit changes in Danish", () => {
  it("names fields and values in Danish, with Copenhagen times and kroner", () => {
    expect(
      describeChanges(
        { status: "submitted", requestedOre: "123456750", submittedAt: "2022-11-01T09:30:00.000Z", role: "caseworker" },
        { status: "assessed", requestedOre: "-50", submittedAt: "2022-11-01T09:30:00.000Z", role: "admin" },
      ),
    ).toBe(
      ["Status: Indsendt → Vurderet", "Ansøgt beløb: 1.234.567,50 kr. → -0,50 kr.", "Rolle: Sagsbehandler (ministeriet) → Administrator (ministeriet)"].join("\n"),
    );
    expect(describeChanges(null, { status: "published", publishedAt: "2026-06-15T12:03:12Z" })).toBe(
      "Status: Offentliggjort\nOffentliggjort: 15.06.2026 14:03:12",
    );
  });
  it("lists what was removed, nested values and booleans", () => {
    expect(describeChanges({ assignedTo: "u1" }, {})).toBe("Sagsbehandler: u1 (fjernet)");
    expect(describeChanges(null, { checks: [{ requirement: "deadline", met: true }], themes: [] })).toBe(
      "Formalia: (Krav: deadline, Opfyldt: Ja)\nTemaer: ingen",
    );
  });
  it("shows a plain value as one change and nothing when nothing changed", () => {
    expect(auditChanges(null, "tekst")).toEqual([{ field: "Værdi", before: null, after: "tekst" }]);
    expect(auditChanges({ a: 1 }, { a: 1 })).toEqual([]);
    expect(describeChanges(null, null)).toBe("");
  });
  it("writes Danish date-times on both sides of the summer-time switch", () => {
    expect(danishDateTime(new Date("2026-03-29T01:00:00Z"))).toBe("29.03.2026 03:00:00");
    expect(danishDateTime(new Date("2026-10-25T01:00:00Z"))).toBe("25.10.2026 02:00:00");
  });
});
