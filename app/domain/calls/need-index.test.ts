import { describe, expect, it } from "vitest";
import {
  cellText,
  detectFileKind,
  normaliseMunicipalityCode,
  parseIndexValue,
  parseNeedIndexCsv,
  validateNeedIndex,
} from "./need-index";

const known = new Set(["0101", "0147", "0360", "0400", "0510"]);
const bytes = (s: string) => new TextEncoder().encode(s);
const csv = (s: string) => parseNeedIndexCsv(bytes(s), known);

describe("need index CSV", () => {
  it("reads semicolon-separated files with a decimal comma", () => {
    const r = csv("kommunekode;indeks;note\n0101;1,2345;Danmarks Statistik\n0360;0,5;\n");
    expect(r).toEqual({
      ok: true,
      rows: [
        { line: 2, municipalityCode: "0101", value: "1.2345", sourceNote: "Danmarks Statistik" },
        { line: 3, municipalityCode: "0360", value: "0.5", sourceNote: null },
      ],
    });
  });

  it("reads comma-separated files with a dot, and quoted decimal commas", () => {
    const r = csv('code,value,source\n0147,2.5,x\n0400,"3,25",\n');
    expect(r.ok && r.rows.map((x) => [x.municipalityCode, x.value])).toEqual([
      ["0147", "2.5"],
      ["0400", "3.25"],
    ]);
  });

  it("accepts header names in any case, a BOM, CRLF and extra columns", () => {
    const r = csv("\uFEFFKommunekode;Kommune;Indeks\r\n101;København;7\r\n");
    expect(r).toEqual({ ok: true, rows: [{ line: 2, municipalityCode: "0101", value: "7", sourceNote: null }] });
  });

  it("restores the leading zero Excel drops", () => {
    expect(normaliseMunicipalityCode("101")).toBe("0101");
    expect(normaliseMunicipalityCode("101.0")).toBe("0101");
    expect(normaliseMunicipalityCode("0360")).toBe("0360");
    expect(normaliseMunicipalityCode("12345")).toBeNull();
    expect(normaliseMunicipalityCode("abc")).toBeNull();
  });

  it("reports an unknown code with its line number and imports nothing", () => {
    const r = csv("kommunekode;indeks\n0101;1\n0147;1\n0360;1\n0400;1\n0510;1\n0999;1\n");
    expect(r).toEqual({ ok: false, errors: ["Linje 7: kommunekode 0999 findes ikke"] });
  });

  it("reports duplicates with the first line", () => {
    const r = csv("kommunekode;indeks\n0101;1\n0147;2\n0101;3\n");
    expect(r).toEqual({ ok: false, errors: ["Linje 4: kommunekode 0101 står også i linje 2"] });
  });

  it("refuses bad values: text, negative, too many decimals, missing", () => {
    const r = csv("kommunekode;indeks\n0101;abc\n0147;-1\n0360;1,23456\n0400;\n0510;1,2\n");
    expect(r).toEqual({
      ok: false,
      errors: [
        "Linje 2: indeks „abc“ er ikke et tal",
        "Linje 3: indeks -1 er negativt",
        "Linje 4: indeks 1,23456 har mere end 4 decimaler",
        "Linje 5: indeks mangler",
      ],
    });
  });

  it("refuses an empty file, a file with only a header, and a file without the columns", () => {
    expect(csv("")).toEqual({ ok: false, errors: ["Filen er tom."] });
    expect(csv("\n\n")).toEqual({ ok: false, errors: ["Filen er tom."] });
    expect(csv("kommunekode;indeks\n")).toEqual({ ok: false, errors: ["Filen indeholder ingen rækker under overskriften."] });
    const noHeader = csv("0101;1,2\n0147;2\n");
    expect(noHeader.ok).toBe(false);
    expect(!noHeader.ok && noHeader.errors[0]).toMatch(/^Linje 1: første linje skal være en overskrift/);
  });

  it("refuses a CPR number in the note", () => {
    const r = csv("kommunekode;indeks;note\n0101;1;barn 010203-1234\n");
    expect(r).toEqual({ ok: false, errors: ["Linje 2: noten ligner et CPR-nummer"] });
  });

  it("reads Windows-1252 text as Danish Excel saves it", () => {
    const latin1 = Uint8Array.from([...bytes("kommunekode;indeks;note\n0101;1;"), 0xe6, 0xf8, 0xe5, 0x0a]);
    const r = parseNeedIndexCsv(latin1, known);
    expect(r.ok && r.rows[0].sourceNote).toBe("æøå");
  });
});

describe("index values", () => {
  it("normalises to a dot and keeps up to four decimals", () => {
    expect(parseIndexValue("1,2345")).toEqual({ value: "1.2345" });
    expect(parseIndexValue(" 0012.5 ")).toEqual({ value: "12.5" });
    expect(parseIndexValue("123456789")).toEqual({ reason: "indeks 123456789 er for stort" });
  });
});

describe("file type by content", () => {
  it("knows a zip (XLSX) and plain text, and refuses binaries", () => {
    expect(detectFileKind(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14]))).toBe("xlsx");
    expect(detectFileKind(bytes("kommunekode;indeks\n"))).toBe("csv");
    expect(detectFileKind(Uint8Array.from([0x4d, 0x5a, 0x90, 0x00, 0x03]))).toBeNull(); // "MZ": an .exe
    expect(detectFileKind(Uint8Array.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x00]))).toBeNull();
  });
});

describe("Excel cells", () => {
  it("turns exceljs values into text", () => {
    expect(cellText(101)).toBe("101");
    expect(cellText(1.2345)).toBe("1.2345");
    expect(cellText({ formula: "A1*2", result: 4 })).toBe("4");
    expect(cellText({ richText: [{ text: "Kil" }, { text: "de" }] })).toBe("Kilde");
    expect(cellText(null)).toBe("");
  });

  it("validates lines read from a sheet the same way", () => {
    const r = validateNeedIndex(
      [
        { line: 1, cells: ["kommunekode", "indeks"] },
        { line: 2, cells: ["101", "0.25"] },
      ],
      known,
    );
    expect(r).toEqual({ ok: true, rows: [{ line: 2, municipalityCode: "0101", value: "0.25", sourceNote: null }] });
  });
});
