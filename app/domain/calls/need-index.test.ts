import { describe, expect, it } from "vitest";
import {
  cellText,
  decodeText,
  detectFileKind,
  NEED_INDEX_MAX_ROWS,
  roundingNotes,
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
    // How our own CSV exports write it to keep the zero in a spreadsheet.
    expect(normaliseMunicipalityCode('="0101"')).toBe("0101");
  });

  it("reports an unknown code with its line number and imports nothing", () => {
    const r = csv("kommunekode;indeks\n0101;1\n0147;1\n0360;1\n0400;1\n0510;1\n0999;1\n");
    expect(r).toEqual({ ok: false, errors: ["Linje 7: kommunekode 0999 findes ikke"] });
  });

  it("reports duplicates with the first line", () => {
    const r = csv("kommunekode;indeks\n0101;1\n0147;2\n0101;3\n");
    expect(r).toEqual({ ok: false, errors: ["Linje 4: kommunekode 0101 står også i linje 2"] });
  });

  it("refuses bad values: text, negative, missing", () => {
    const r = csv("kommunekode;indeks\n0101;abc\n0147;-1\n0360;1,2345\n0400;\n0510;1,2\n");
    expect(r).toEqual({
      ok: false,
      errors: ["Linje 2: indeks „abc“ er ikke et tal", "Linje 3: indeks -1 er negativt", "Linje 5: indeks mangler"],
    });
  });

  it("rounds more than four decimals (an Excel formula's result) half up, and says so", () => {
    const r = csv("kommunekode;indeks\n0101;1,23456\n0147;1,23454\n0360;0,99999\n0400;2,5\n");
    expect(r.ok && r.rows.map((x) => [x.value, x.roundedFrom])).toEqual([
      ["1.2346", "1,23456"],
      ["1.2345", "1,23454"],
      ["1.0000", "0,99999"],
      ["2.5", undefined],
    ]);
    expect(r.ok && roundingNotes(r.rows)).toEqual([
      "Linje 2: 1,23456 er afrundet til 1,2346.",
      "Linje 3: 1,23454 er afrundet til 1,2345.",
      "Linje 4: 0,99999 er afrundet til 1,0000.",
    ]);
    expect(parseIndexValue("99999999,99999")).toEqual({ reason: "indeks 99999999,99999 er for stort" });
  });

  it("decodes Windows-1252 (Danish Excel's CSV) with – „ “ € intact, and UTF-8 with or without BOM", () => {
    const text = "kommunekode;indeks;note\r\n0101;1,5;Kilde – „DST“ 2022, 5 €\r\n";
    const cp1252 = Uint8Array.from(
      [...text].map((c) => ({ "–": 0x96, "„": 0x84, "“": 0x93, "€": 0x80 })[c] ?? c.charCodeAt(0)),
    );
    const note = (b: Uint8Array) => {
      const r = parseNeedIndexCsv(b, known);
      return r.ok ? r.rows[0].sourceNote : r.errors;
    };
    expect(decodeText(cp1252)).toBe(text);
    expect(note(cp1252)).toBe("Kilde – „DST“ 2022, 5 €");
    expect(note(bytes(text))).toBe("Kilde – „DST“ 2022, 5 €");
    expect(note(Uint8Array.from([0xef, 0xbb, 0xbf, ...bytes(text)]))).toBe("Kilde – „DST“ 2022, 5 €");
    expect(decodeText(Uint8Array.from([0xe6, 0xf8, 0xe5]))).toBe("æøå");
  });

  it("refuses more rows than a need index can have", () => {
    const r = csv("kommunekode;indeks\n" + "0101;1\n".repeat(NEED_INDEX_MAX_ROWS + 1));
    expect(r).toEqual({ ok: false, errors: [`Filen har ${NEED_INDEX_MAX_ROWS + 1} rækker; et behovsindeks har højst ${NEED_INDEX_MAX_ROWS} (én pr. kommune).`] });
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
