// The CPR guard: every way a number arrives from Word, a PDF or a phone is caught;
// phone numbers, amounts, dates and other numbers a grant application is full of pass.
import { describe, expect, it } from "vitest";
import { containsCpr } from "./cpr";

describe("containsCpr", () => {
  it.each([
    ["plain ten digits", "Barnet 0101901234 har brug for hjælp"],
    ["hyphen", "cpr 010190-1234"],
    ["space", "010190 1234"],
    ["en dash", "010190\u20131234"],
    ["em dash", "010190\u20141234"],
    ["non-breaking hyphen", "010190\u20111234"],
    ["minus sign", "010190\u22121234"],
    ["dots", "01.01.90.1234"],
    ["dot before the serial", "010190.1234"],
    ["slash", "010190/1234"],
    ["dd-mm-yy-xxxx", "01-01-90-1234"],
    ["spaced groups", "01 01 90 1234"],
    ["spaced dash", "010190 - 1234"],
    ["full-width digits and dash", "\uff10\uff11\uff10\uff11\uff19\uff10\uff0d\uff11\uff12\uff13\uff14"],
    ["zero-width space", "010190\u200b-1234"],
    ["zero-width inside the digits", "01\u200b0190\u200c1234"],
    ["non-breaking space", "010190\u00a01234"],
    ["soft hyphen", "010190\u00ad1234"],
    ["leap day", "290200-1234"],
    ["after an abbreviation", "cpr.nr.010190-1234"],
  ])("catches %s", (_label, text) => {
    expect(containsCpr(text)).toBe(true);
  });

  it.each([
    ["phone with country code", "Ring på +45 12 34 56 78"],
    ["phone in pairs", "tlf. 33 92 33 00"],
    ["phone in fours", "7010 1818"],
    ["amount with thousands dots", "Budget: 1.234.567,50 kr."],
    ["big amount", "12.345.678 kr."],
    ["amount in øre", "123456789"],
    ["date with year", "01.01.1990"],
    ["ISO date", "2022-11-07"],
    ["date and time", "7. november 2022 kl. 12:00"],
    ["period", "2023-2026"],
    ["two dates", "01-01-2022 til 31-12-2023"],
    ["CVR", "CVR 29190909"],
    ["EAN", "5798000000001"],
    ["not a date", "991390-1234"],
    ["month 13", "011390-1234"],
    ["31 February", "310290-1234"],
    ["eleven digits", "01019012345"],
    ["reference", "PP-2022-0042"],
  ])("lets %s pass", (_label, text) => {
    expect(containsCpr(text)).toBe(false);
  });
});
