// A milestone's history reads in Danish: no raw action code reaches the page.
import { describe, expect, it } from "vitest";
import { historyLine } from "./history";

describe("milestone history lines", () => {
  it("says in Danish that the overdue reminder was sent", () => {
    expect(historyLine("milestone.overdue_reminded", null, { plannedOn: "2025-05-25" })).toBe("Påmindelse sendt til rådgiverne: milepælen er overskredet.");
  });

  it("falls back to the audit trail's Danish label, not the code", () => {
    expect(historyLine("programme.created", null, null)).toBe("Rådgivningsforløb oprettet");
  });

  it("names a postponement with its new date and reason", () => {
    expect(
      historyLine("milestone.logged", { status: "planlagt", plannedOn: "2025-05-25" }, { status: "udskudt", plannedOn: "2025-06-10", statusReason: "Sygdom i teamet" }),
    ).toBe("Status Planlagt → Udskudt. Planlagt dato 25.05.2025 → 10.06.2025. Begrundelse: Sygdom i teamet");
  });
});
