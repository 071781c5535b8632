// Need-index XLSX files are checked before exceljs inflates them (zip bombs, lying
// sizes, too many parts, too many rows). The bombs are generated here.
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { readNeedIndexFile, XLSX_LIMITS } from "~/domain/calls/need-index.server";
import { NEED_INDEX_MAX_ROWS } from "~/domain/calls/need-index";
import { checkZip } from "~/utils/zip-limits.server";
import { makeZip } from "../support/zip";

const known = new Set(["0101", "0360"]);
const TOO_LARGE = "Regnearket er for stort udpakket (over 10 MB eller over 200 dele). Gem kun behovsindekset i en ny fil, og prøv igen.";

async function read(bytes: Uint8Array, name = "indeks.xlsx") {
  return readNeedIndexFile(new File([bytes as Uint8Array<ArrayBuffer>], name), known);
}

async function smallXlsx(rows: (string | number)[][]) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Behovsindeks");
  for (const r of rows) sheet.addRow(r);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe("need-index XLSX limits", () => {
  it("still reads an ordinary XLSX", async () => {
    const ok = await read(await smallXlsx([["kommunekode", "indeks"], [101, 2.5], ["0360", 1.123456]]));
    expect(ok).toMatchObject({ ok: true, rows: [{ municipalityCode: "0101", value: "2.5" }, { municipalityCode: "0360", value: "1.1235", roundedFrom: "1.123456" }] });
  });

  it("refuses a zip bomb by its declared size, before inflating it", async () => {
    // 64 MB of zeros deflate to some 64 KB: well under the 5 MB upload limit.
    const bomb = makeZip([
      { name: "[Content_Types].xml", data: Buffer.from("<Types/>") },
      { name: "xl/worksheets/sheet1.xml", data: Buffer.alloc(64 * 1024 * 1024) },
    ]);
    expect(bomb.length).toBeLessThan(200 * 1024);
    expect(await checkZip(bomb, XLSX_LIMITS)).toEqual({ ok: false, reason: "too-large" });
    expect(await read(bomb)).toEqual({ ok: false, errors: [TOO_LARGE] });
  });

  it("refuses a bomb whose headers claim a small size, at the claimed size", async () => {
    const liar = makeZip([{ name: "xl/worksheets/sheet1.xml", data: Buffer.alloc(64 * 1024 * 1024), declaredSize: 1000 }]);
    expect(await checkZip(liar, XLSX_LIMITS)).toEqual({ ok: false, reason: "too-large" });
    expect(await read(liar)).toEqual({ ok: false, errors: [TOO_LARGE] });
  });

  it("refuses a zip of too many parts", async () => {
    const many = makeZip(Array.from({ length: XLSX_LIMITS.maxEntries + 1 }, (_, i) => ({ name: `x/${i}.xml`, data: Buffer.from("<a/>") })));
    expect(await checkZip(many, XLSX_LIMITS)).toEqual({ ok: false, reason: "too-many-entries" });
    expect(await read(many)).toEqual({ ok: false, errors: [TOO_LARGE] });
  });

  it("refuses a sheet with more rows than a need index can have", async () => {
    const rows: (string | number)[][] = [["kommunekode", "indeks"], ...Array.from({ length: NEED_INDEX_MAX_ROWS + 1 }, () => [101, 1])];
    const res = await read(await smallXlsx(rows));
    expect(res).toEqual({
      ok: false,
      errors: [`Regnearket har ${NEED_INDEX_MAX_ROWS + 2} rækker; et behovsindeks har højst ${NEED_INDEX_MAX_ROWS} (én pr. kommune).`],
    });
  });
});
