// The exports read back as the programs people open them with would: exceljs for the
// XLSX files, csv-parse for the CSV, with the conventions of the decision record on
// CSV and XLSX exports (totals, print set-up, text codes, formula guard, file names).
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { loader as exportLoader } from "~/routes/applications.export";
import { loader as rankingExportLoader } from "~/routes/calls.$callId.ranking[.]xlsx";
import { createUser, signedInRequest } from "../fixtures";
import { thrown } from "../support/route-result";
import { clearCallsAndApplications, ctx, makeApplication, makeAssessmentCall } from "./assessment-fixtures";

async function setup() {
  const db = await getDb();
  await clearCallsAndApplications(db);
  const { call } = await makeAssessmentCall(db, { needIndex: { "0101": "2.5", "0360": "9.5", "0482": "12.25" } });
  const caseworker = await createUser(db, "caseworker");
  // 6 mio. kr. each against the 14,3 mio. kr. pool: the third does not fit.
  const langeland = await makeApplication(db, call.id, "0482", { requestedOre: 600_000_000n, contactName: "=HYPERLINK(\"http://x\")" });
  const lolland = await makeApplication(db, call.id, "0360", { requestedOre: 600_000_000n, contactName: "Mette\nHansen" });
  const koebenhavn = await makeApplication(db, call.id, "0101", { requestedOre: 600_000_000n, contactName: "-Jens" });
  return { db, call, caseworker, langeland, lolland, koebenhavn };
}

async function download(db: Awaited<ReturnType<typeof getDb>>, user: { userId: string }, path: string) {
  return exportLoader({ request: await signedInRequest(db, user, path), params: {}, ...ctx });
}

async function workbookOf(res: Response) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await res.arrayBuffer());
  return workbook;
}

const headerOf = (sheet: ExcelJS.Worksheet) => (sheet.getRow(1).values as unknown[]).slice(1) as string[];

describe("application list as XLSX", () => {
  it("ends with a totals row, prints landscape one page wide with the header on every page, keeps codes as text", async () => {
    const { db, caseworker } = await setup();
    const res = await download(db, caseworker, "/applications/export?format=xlsx");
    const sheet = (await workbookOf(res)).worksheets[0];
    const header = headerOf(sheet);
    const col = (name: string) => header.indexOf(name) + 1;
    expect(sheet.rowCount).toBe(5);
    const totals = sheet.getRow(5);
    expect(totals.getCell(1).value).toBe("I alt");
    expect(totals.getCell(2).value).toBe("3 ansøgninger");
    const kroner = totals.getCell(col("Ansøgt beløb (kr.)")).value as { formula: string; result: number };
    expect(kroner.formula).toMatch(/^SUM\([A-Z]+2:[A-Z]+4\)$/);
    expect(kroner.result).toBe(18_000_000);
    expect((totals.getCell(col("Beløb (øre)")).value as { result: number }).result).toBe(1_800_000_000);
    expect(totals.font?.bold).toBe(true);

    expect(sheet.pageSetup).toMatchObject({ orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 });
    expect(sheet.pageSetup.printTitlesRow).toBe("1:1");
    expect(sheet.headerFooter.oddFooter).toContain("&P af &N");

    const codes = [2, 3, 4].map((r) => sheet.getRow(r).getCell(col("Kommunekode")));
    expect(codes.map((c) => c.value).sort()).toEqual(["0101", "0360", "0482"]);
    expect(codes.every((c) => c.type === ExcelJS.ValueType.String && c.numFmt === "@")).toBe(true);
    // The need index with its four decimals everywhere.
    expect(sheet.getRow(2).getCell(col("Behovsindeks")).numFmt).toBe("0.0000");
  });

  it("names the file after the filters", async () => {
    const { db, caseworker, call } = await setup();
    const res = await download(db, caseworker, `/applications/export?format=xlsx&call=${call.id}&status=submitted&q=Ærø&assigned=none&drafts=1`);
    expect(res.headers.get("Content-Disposition")).toMatch(
      new RegExp(`^attachment; filename="ansoegninger-opslag-${call.id}-indsendt-soeg-aeroe-ikke-tildelt-med-kladder-\\d{4}-\\d{2}-\\d{2}\\.xlsx"$`),
    );
    const plain = await download(db, caseworker, "/applications/export?format=csv");
    expect(plain.headers.get("Content-Disposition")).toMatch(/filename="ansoegninger-\d{4}-\d{2}-\d{2}\.csv"/);
  });
});

describe("application list as CSV", () => {
  it("quotes a lone line break, defuses formulas, keeps the kommunekode's leading zero", async () => {
    const { db, caseworker, langeland, lolland, koebenhavn } = await setup();
    const res = await download(db, caseworker, "/applications/export?format=csv");
    const text = (await res.text()).replace(/^\uFEFF/, "");
    expect(text).toContain(';"Mette\nHansen";');
    const [header, ...rows] = parse(text, { delimiter: ";" }) as string[][];
    expect(rows).toHaveLength(3);
    const byId = new Map(rows.map((r) => [Number(r[header.indexOf("Ansøgnings-id")]), r]));
    const contact = (id: number) => byId.get(id)![header.indexOf("Kontaktperson")];
    expect(contact(lolland.id)).toBe("Mette\nHansen");
    expect(contact(langeland.id)).toBe("'=HYPERLINK(\"http://x\")");
    expect(contact(koebenhavn.id)).toBe("'-Jens");
    // ="0101" shows as the text 0101 in Excel and LibreOffice on a double click.
    expect(byId.get(koebenhavn.id)![header.indexOf("Kommunekode")]).toBe('="0101"');
    expect(byId.get(koebenhavn.id)![header.indexOf("Behovsindeks")]).toBe("2,5000");
  });
});

describe("ranking as XLSX", () => {
  it("carries the running total, whether each fits, and the line where the pool runs out", async () => {
    const { db, call, caseworker } = await setup();
    const res = await rankingExportLoader({
      request: await signedInRequest(db, caseworker, `/calls/${call.id}/ranking.xlsx`),
      params: { callId: String(call.id) },
      ...ctx,
    });
    expect(res.headers.get("Content-Disposition")).toMatch(
      new RegExp(`filename="rangering-opslag-${call.id}-ekstra-hjaelp-til-kommuner-med-mange-boe-\\d{4}-\\d{2}-\\d{2}\\.xlsx"`),
    );
    const sheet = (await workbookOf(res)).getWorksheet("Rangering")!;
    const header = headerOf(sheet);
    expect(header).toEqual([
      "Rang",
      "Kommune",
      "Kommunekode",
      "Behovsindeks",
      "Vægtet score",
      "Formalia",
      "Status",
      "Ansøgt beløb (kr.)",
      "Akkumuleret (kr.)",
      "Inden for puljens ramme",
    ]);
    const values = (r: number) => (sheet.getRow(r).values as unknown[]).slice(1);
    expect(values(2).slice(0, 4)).toEqual([1, "Langeland", "0482", 12.25]);
    expect(values(2).slice(7)).toEqual([6_000_000, 6_000_000, "Ja"]);
    expect(values(3).slice(7)).toEqual([6_000_000, 12_000_000, "Ja"]);
    expect(sheet.getRow(4).getCell(1).value).toBe(
      "Puljens ramme på 14.300.000,00 kr. er brugt op her: ansøgningerne herunder kan ikke dækkes fuldt ud.",
    );
    expect(sheet.getRow(4).getCell(1).isMerged).toBe(true);
    expect(values(5).slice(0, 2)).toEqual([3, "København"]);
    expect(values(5).slice(7)).toEqual([6_000_000, 18_000_000, "Nej"]);
    expect(sheet.getRow(6).getCell(1).value).toBe("I alt");
    expect((sheet.getRow(6).getCell(8).value as { result: number }).result).toBe(18_000_000);
    expect(sheet.pageSetup.orientation).toBe("landscape");
    expect(sheet.pageSetup.printTitlesRow).toBe("1:1");
  });

  it("is for ministry staff only, and 404 for an unknown call", async () => {
    const { db, call, caseworker } = await setup();
    const user = await createUser(db, "municipality", { municipalityCode: "0360" });
    const run = async (u: { userId: string }, id: string) =>
      thrown(rankingExportLoader({ request: await signedInRequest(db, u, `/calls/${id}/ranking.xlsx`), params: { callId: id }, ...ctx }));
    expect((await run(user, String(call.id))).status).toBe(403);
    expect((await run(caseworker, "999999")).status).toBe(404);
  });
});
