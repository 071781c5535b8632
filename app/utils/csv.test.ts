import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { codeCell, raw, textCell, toCsv } from "./csv";

describe("textCell (formula guard)", () => {
  it.each([
    ["=SUM(A1:A9)", "'=SUM(A1:A9)"],
    ["+45 12345678", "'+45 12345678"],
    ["-2+3", "'-2+3"],
    ["@SUM(1)", "'@SUM(1)"],
    ["\t=1", "'\t=1"],
    ["\r=1", "'\r=1"],
    ["Lolland", "Lolland"],
    ["a=b", "a=b"],
    ["", ""],
  ])("%j → %j", (input, expected) => {
    expect(textCell(input)).toBe(expected);
  });
  it("leaves null and undefined empty", () => {
    expect(textCell(null)).toBe("");
    expect(textCell(undefined)).toBe("");
  });
});

describe("toCsv", () => {
  it("writes a BOM, semicolons and CRLF, quotes lone line breaks and keeps raw values as they are", () => {
    const csv = toCsv(
      [
        ["navn", "beløb", "kode"],
        ["linje 1\nlinje 2", raw("-12,50"), codeCell("0101")],
        ["cr\ralone", raw("1"), codeCell("x=1")],
      ],
      { bom: true },
    );
    expect(csv.startsWith("\uFEFFnavn;beløb;kode\r\n")).toBe(true);
    expect(csv).toContain('"linje 1\nlinje 2";-12,50;"=""0101"""\r\n');
    expect(csv).toContain('"cr\ralone";1;x=1\r\n');
    expect(parse(csv.slice(1), { delimiter: ";" })).toEqual([
      ["navn", "beløb", "kode"],
      ["linje 1\nlinje 2", "-12,50", '="0101"'],
      ["cr\ralone", "1", "x=1"],
    ]);
  });
  it("writes no BOM unless asked (later batches of a stream)", () => {
    expect(toCsv([["a"]])).toBe("a\r\n");
  });
  it("writes commas when asked (a standard's file for tools), quoting cells that hold one", () => {
    expect(toCsv([["a,b", raw("1.50"), "c;d"]], { delimiter: "," })).toBe('"a,b",1.50,c;d\r\n');
  });
});
