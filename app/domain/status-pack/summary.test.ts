// The Danish summary: every sentence carries numbers from the figures, and changing a figure
// changes the sentence that states it (so no sentence is canned text).
import { describe, expect, it } from "vitest";
import { figures, grantRow } from "../../../tests/support/status-pack-figures";
import type { PackGrantRow } from "./figures";
import {
  buildSummary,
  endSentence,
  focusAreaSentence,
  listDa,
  milestoneSentence,
  moneySentence,
  percent,
  programmeSentence,
  remainderSentence,
  reportSentence,
  spendSentence,
} from "./summary";

describe("status pack summary", () => {
  it("states the pool, the committed and paid amounts, and the date, in Danish", () => {
    expect(moneySentence(figures())).toBe(
      "Puljen Ekstra hjælp til kommuner med mange børnesager (finanslovens § 15.26.35.10) har en ramme på 14,3 mio. kr. (14.300.000,00 kr.). Pr. 30. april 2024 er der disponeret 3.500.000,00 kr. til 2 kommuner, og 1.810.000,50 kr. er udbetalt.",
    );
    expect(remainderSentence(figures())).toBe("Af rammen er 10.800.000,00 kr. ikke disponeret. Af det disponerede er 1.689.999,50 kr. endnu ikke udbetalt.");
  });

  it("writes the finance line with one § whether or not the data has one", () => {
    const f = figures();
    expect(moneySentence({ ...f, pool: { ...f.pool, financeLine: "§ 15.26.35.10" } })).toContain("(finanslovens § 15.26.35.10)");
  });

  it("counts programmes by status, milestones, reports, spend and focus areas from the figures", () => {
    const f = figures();
    expect(programmeSentence(f)).toBe("Der er 2 rådgivningsforløb: 1 i gang og 1 afsluttet.");
    expect(milestoneSentence(f)).toBe("11 af 13 planlagte milepæle i forløbene er gennemført, og 1 er overskredet.");
    expect(reportSentence(f)).toBe("3 statusrapporter er modtaget (4 havde frist til og med 30. april 2024); 2 er godkendt, og 1 er forsinket.");
    expect(spendSentence(f)).toBe("1 kommune har i statusrapporterne indberettet et forbrug på i alt 400.000,00 kr., svarende til 22 % af det udbetalte.");
    expect(focusAreaSentence(f)).toBe("De hyppigste fokusområder i forløbene er børneinddragelse (2 forløb), ledelsestilsyn (1 forløb) og sagsgennemgang (1 forløb).");
    expect(endSentence(f)).toBe("Initiativet forventes afsluttet 30. september 2025.");
  });

  it("changes a sentence when a figure changes", () => {
    const base = figures();
    const changed = (patch: Partial<PackGrantRow>) => figures({ grants: [grantRow(patch), base.grants[1]!] });
    expect(reportSentence(changed({ reportsReceived: 1 }))).not.toBe(reportSentence(base));
    expect(reportSentence(changed({ reportsReceived: 1 }))).toContain("2 statusrapporter er modtaget");
    expect(reportSentence(changed({ reportsOverdue: 2 }))).toContain("3 er forsinket");
    expect(milestoneSentence(changed({ programme: { ...grantRow().programme!, milestonesDone: 6 } }))).toContain("12 af 13");
    expect(spendSentence(changed({ spendReportedOre: 100_00n }))).toContain("400.100,00 kr.");
    expect(moneySentence(figures({ asOf: "2024-12-01" }))).toContain("Pr. 1. december 2024");
    const richer = figures();
    richer.pool = { ...richer.pool, netPaidOre: richer.pool.netPaidOre + 1n };
    expect(moneySentence(richer)).toContain("1.810.000,51 kr. er udbetalt");
    expect(buildSummary(changed({ municipalityName: "Lolland", programme: null }))).not.toEqual(buildSummary(base));
  });

  it("leaves out a sentence it has no figures for, and never fills in words instead", () => {
    const f = figures({ grants: [grantRow({ programme: null, reportsDue: 0, reportsReceived: 0, reportsApproved: 0 })] });
    expect(programmeSentence(f)).toBeNull();
    expect(milestoneSentence(f)).toBeNull();
    expect(spendSentence(f)).toBeNull();
    expect(focusAreaSentence(f)).toBeNull();
    expect(reportSentence(f)).toBe("Ingen statusrapporter havde frist til og med 30. april 2024.");
    const empty = figures({ grants: [] });
    expect(moneySentence(empty)).toContain("er der endnu ikke disponeret midler");
    const noEnd = figures();
    noEnd.pool = { ...noEnd.pool, initiativeEndsOn: null };
    expect(endSentence(noEnd)).toBeNull();
    expect(endSentence(figures({ asOf: "2025-11-01" }))).toBe("Initiativets forventede afslutning var 30. september 2025.");
  });

  it("ends a sentence on an amount with one full stop, never \"kr..\"", () => {
    const f = figures();
    f.pool = { ...f.pool, repaidOre: 1_842_50n };
    expect(remainderSentence(f)).toContain("Kommunerne har tilbagebetalt 1.842,50 kr.");
    const noShare = figures();
    noShare.pool = { ...noShare.pool, netPaidOre: 0n };
    expect(spendSentence(noShare)).toBe("1 kommune har i statusrapporterne indberettet et forbrug på i alt 400.000,00 kr.");
    for (const s of buildSummary(f)) expect(s).not.toMatch(/\.\.$/);
  });

  it("every sentence of the summary carries at least one number", () => {
    for (const s of buildSummary(figures())) expect(s).toMatch(/\d/);
  });

  it("rounds shares from integers and lists the Danish way", () => {
    expect(percent(1n, 3n)).toBe("33 %");
    expect(percent(1n, 2n)).toBe("50 %");
    expect(percent(1n, 200n)).toBe("1 %");
    expect(percent(1n, 0n)).toBeNull();
    expect(listDa(["a"])).toBe("a");
    expect(listDa(["a", "b", "c"])).toBe("a, b og c");
  });
});
