// The document model: title per purpose, the "as of" line, the tables' totals equal to the
// sums of their rows (money to the øre), and figures carried into the cells unchanged.
import { describe, expect, it } from "vitest";
import { figures, grantRow } from "../../../tests/support/status-pack-figures";
import { programmeStatusAsOf } from "./figures";
import { buildStatusPackDocument, packTitle } from "./model";

const question = { kind: "question", committee: "Socialudvalget", questionNo: "391" } as const;

describe("status pack document model", () => {
  it("titles the pack by its purpose and prints the as-of date", () => {
    const d = buildStatusPackDocument(figures(), question);
    expect(d.title).toBe("Svar på Socialudvalget spørgsmål nr. 391");
    expect(d.asOfLine).toBe("Opgjort pr. 30. april 2024");
    expect(d.footer).toContain("Opgjort pr. 30. april 2024");
    expect(packTitle({ kind: "annual" }, "2025-12-15")).toBe("Årlig status 2025");
  });

  it("has the sections the answer needs, the summary first", () => {
    const d = buildStatusPackDocument(figures(), question);
    expect(d.sections.map((s) => s.heading)).toEqual([
      "Puljen",
      "Tilsagn og udbetalinger pr. kommune",
      "Rådgivningsforløb, fokusområder og milepæle",
      "Statusrapporter",
      "Nøgletal",
      "Om tallene",
    ]);
    expect(d.summary.length).toBeGreaterThan(3);
  });

  it("carries each municipality's amounts in øre and totals them to the øre", () => {
    const f = figures();
    const table = buildStatusPackDocument(f, question).sections[1]!.tables[0]!;
    expect(table.rows.map((r) => r[0]!.text)).toEqual(["Lolland", "Langeland"]);
    const col = table.columns.findIndex((c) => c.header === "Udbetalt (netto)");
    expect(table.rows.map((r) => r[col]!.ore)).toEqual([1_000_000_00n, 810_000_50n]);
    expect(table.totals![col]!.ore).toBe(1_810_000_50n);
    expect(table.totals![col]!.text).toBe("1.810.000,50");
    for (const [i, c] of table.columns.entries()) {
      if (!c.money) continue;
      expect(table.totals![i]!.ore).toBe(table.rows.reduce((s, r) => s + r[i]!.ore!, 0n));
    }
  });

  it("lists focus areas by how many programmes have them, and counts milestones and reports", () => {
    const d = buildStatusPackDocument(figures(), question);
    const [programmes, areas] = d.sections[2]!.tables;
    expect(areas!.rows.map((r) => [r[0]!.text, r[1]!.number])).toEqual([
      ["Børneinddragelse", 2],
      ["Ledelsestilsyn", 1],
      ["Sagsgennemgang", 1],
    ]);
    expect(programmes!.totals!.slice(-3).map((c) => c.number)).toEqual([13, 11, 1]);
    const reports = d.sections[3]!.tables[0]!;
    expect(reports.totals!.map((c) => c.number ?? c.text)).toEqual(["I alt", 4, 3, 2, 1]);
  });

  it("shows key indicators (mean, lowest, highest) and theme scores only when reported", () => {
    const none = buildStatusPackDocument(figures(), question).sections[4]!;
    expect(none.tables).toEqual([]);
    expect(none.paragraphs[0]).toBe("Der var ikke indberettet nøgletal til og med 30. april 2024.");
    const f = figures({
      indicators: [
        { label: "Børnesamtaler før afgørelse", unit: "percent", values: [{ municipalityName: "Langeland", value: "62.50" }, { municipalityName: "Lolland", value: "80.00" }] },
        { label: "Sager i ledelsestilsyn", unit: "count", values: [] },
      ],
      themes: [{ theme: "inddragelse", scores: [3, 4] }],
    });
    const [indicators, themes] = buildStatusPackDocument(f, question).sections[4]!.tables;
    expect(indicators!.rows).toHaveLength(1);
    expect(indicators!.rows[0]!.map((c) => c.text)).toEqual(["Børnesamtaler før afgørelse", "Procent", "2", "71,3", "62,5", "80"]);
    expect(themes!.rows[0]!.map((c) => c.text)).toEqual(["Inddragelse", "2", "3,5"]);
  });

  it("says when the figures are demo data", () => {
    const method = (demo: boolean) => buildStatusPackDocument(figures(), question, { demoData: demo }).sections.at(-1)!.paragraphs.join(" ");
    expect(method(true)).toContain("demodata");
    expect(method(false)).not.toContain("demodata");
  });

  it("says so when there are no grants or programmes", () => {
    const d = buildStatusPackDocument(figures({ grants: [grantRow({ programme: null })] }), { kind: "annual" });
    expect(d.sections[2]!.tables).toEqual([]);
    expect(d.sections[2]!.paragraphs[0]).toBe("Der er ikke oprettet rådgivningsforløb for puljens tilsagn.");
  });
});

describe("programme status as of a date", () => {
  const p = { status: "completed" as const, startsOn: "2023-02-01", plannedEndOn: "2023-08-31" };
  it("is planned before the start, running until the planned end, completed after", () => {
    expect(programmeStatusAsOf(p, "2023-01-31")).toBe("planned");
    expect(programmeStatusAsOf(p, "2023-02-01")).toBe("active");
    expect(programmeStatusAsOf(p, "2023-08-31")).toBe("completed");
    expect(programmeStatusAsOf({ ...p, status: "active" }, "2024-01-01")).toBe("active");
    expect(programmeStatusAsOf({ ...p, status: "cancelled" }, "2022-01-01")).toBe("cancelled");
  });
});
