// Need index import through the route: CSV and XLSX, all-or-nothing, replace on re-import.
import ExcelJS from "exceljs";
import { and, asc, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, needIndexEntries, pools } from "#db/schema";
import { readMunicipalities } from "#db/seed/reference";
import { createCall } from "~/domain/calls/commands.server";
import { callFormSchema, emptyCallFormValues } from "~/domain/calls/call-schema";
import { getDb } from "~/db.server";
import { action as importAction, loader as indexLoader } from "~/routes/calls.$callId.need-index";
import { loader as templateLoader } from "~/routes/calls.$callId.need-index.template[.]csv";
import { createUser, seedBase, signedInRequest, type TestUser } from "../fixtures";
import { settle } from "../support/route-result";

let caseworker: TestUser;
let municipalityUser: TestUser;
let callId: number;
const codes = readMunicipalities().map((m) => m.code);

beforeAll(async () => {
  const db = await getDb();
  const poolId = await seedBase(db);
  // The call runs in 2030: a pool period that contains it (create checks it).
  await db.update(pools).set({ endsOn: "2032-12-31" }).where(eq(pools.id, poolId));
  caseworker = await createUser(db, "caseworker");
  municipalityUser = await createUser(db, "municipality", { municipalityCode: "0360" });
  const input = callFormSchema.parse({
    ...emptyCallFormValues(poolId),
    title: "Opslag med behovsindeks",
    purpose: "Formål",
    projectStart: "2030-01-01",
    projectEnd: "2030-12-31",
    deadlineDate: "2029-11-07",
    expectedGrants: "8",
    "criterionId[]": [""],
    "criterionLabel[]": ["Behovsindeks"],
    "criterionDescription[]": [""],
    "criterionWeight[]": ["100"],
  });
  const created = await createCall(db, caseworker, input);
  if (!created.ok) throw new Error(created.message);
  callId = created.value.id;
});

async function upload(user: TestUser, file: File) {
  const db = await getDb();
  const body = new FormData();
  body.append("file", file);
  const request = await signedInRequest(db, user, `/calls/${callId}/need-index`, { method: "POST", body });
  return settle(importAction({ request, params: { callId: String(callId) }, context: {} }));
}

function failure(res: unknown) {
  const d = res as { data: { errors: string[] }; init: { status: number } };
  return { errors: d.data.errors, status: d.init.status };
}

async function stored() {
  const db = await getDb();
  return db
    .select()
    .from(needIndexEntries)
    .where(eq(needIndexEntries.callId, callId))
    .orderBy(asc(needIndexEntries.municipalityCode));
}

async function importAudits() {
  const db = await getDb();
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, "call.need_index_imported"), eq(auditLog.entityId, String(callId))))
    .orderBy(asc(auditLog.id));
}

const csvFile = (text: string, name = "behovsindeks.csv") => new File([text], name, { type: "text/csv" });
// A deterministic value per municipality: "1,2345"-style with a decimal comma.
const valueFor = (i: number) => `${(i % 7) + 1},${String(1000 + i).slice(1)}`;

describe("need index import", () => {
  it("imports a good semicolon CSV with every municipality, and writes one audit row", async () => {
    const lines = ["kommunekode;indeks;note", ...codes.map((c, i) => `${c};${valueFor(i)};Demo`)];
    const res = await upload(caseworker, csvFile(lines.join("\r\n")));
    expect((res as Response).status).toBe(302);
    expect((res as Response).headers.get("Location")).toBe(`/calls/${callId}/need-index?imported=98`);
    const rows = await stored();
    expect(rows).toHaveLength(98);
    expect(rows[0]).toMatchObject({ municipalityCode: "0101", value: "1.0000", sourceNote: "Demo", importedBy: caseworker.userId });
    const audits = await importAudits();
    expect(audits).toHaveLength(1);
    expect(audits[0].after).toEqual({ rows: 98, filename: "behovsindeks.csv" });
    expect(audits[0].before).toEqual({ rows: 0 });

    // The page ranks by value, highest first, 50 a page.
    const db = await getDb();
    const request = await signedInRequest(db, caseworker, `/calls/${callId}/need-index?page=2`);
    const page = await indexLoader({ request, params: { callId: String(callId) }, context: {} });
    expect(page.summary?.count).toBe(98);
    expect(page.pages).toBe(2);
    expect(page.rows[0].rank).toBeGreaterThan(1);
    expect(page.rows.every((r, i) => i === 0 || Number(r.value.replace(",", ".")) <= Number(page.rows[i - 1].value.replace(",", ".")))).toBe(true);
  });

  it("imports nothing from a file with one unknown code and reports its line", async () => {
    const before = await stored();
    const lines = ["kommunekode,indeks", "0101,2.5", "0147,1.5", "0999,3", "0360,4"];
    const res = failure(await upload(caseworker, csvFile(lines.join("\n"))));
    expect(res.status).toBe(400);
    expect(res.errors).toEqual(["Linje 4: kommunekode 0999 findes ikke"]);
    expect(await stored()).toEqual(before);
    expect(await importAudits()).toHaveLength(1);
  });

  it("imports an XLSX built with exceljs, restoring leading zeros, and replaces the previous index", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Behovsindeks");
    sheet.addRow(["Kommunekode", "Kommune", "Indeks", "Note"]);
    sheet.addRow([101, "København", 2.5, "Kilde: demo"]); // a number, as Excel keeps it
    sheet.addRow(["0360", "Lolland", 7.1234, null]);
    sheet.addRow([851, "Aalborg", { formula: "1+1", result: 2 }, ""]);
    const buffer = await workbook.xlsx.writeBuffer();
    // Named .csv on purpose: the content decides, not the extension.
    const res = await upload(caseworker, new File([buffer as ArrayBuffer], "indeks.csv"));
    expect((res as Response).headers.get("Location")).toBe(`/calls/${callId}/need-index?imported=3`);
    const rows = await stored();
    expect(rows.map((r) => [r.municipalityCode, r.value, r.sourceNote])).toEqual([
      ["0101", "2.5000", "Kilde: demo"],
      ["0360", "7.1234", null],
      ["0851", "2.0000", null],
    ]);
    const audits = await importAudits();
    expect(audits).toHaveLength(2);
    expect(audits[1].before).toEqual({ rows: 98 });
    expect(audits[1].after).toEqual({ rows: 3, filename: "indeks.csv" });
  });

  it("re-importing a CSV replaces the whole index", async () => {
    const res = await upload(caseworker, csvFile("kommunekode;indeks\n0400;1,5\n"));
    expect((res as Response).status).toBe(302);
    expect((await stored()).map((r) => [r.municipalityCode, r.value])).toEqual([["0400", "1.5000"]]);
    expect(await importAudits()).toHaveLength(3);
  });

  it("refuses an executable renamed .csv, an empty file and a file over 5 MB, changing nothing", async () => {
    const before = await stored();
    const exe = new File([Uint8Array.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00])], "indeks.csv");
    expect(failure(await upload(caseworker, exe)).errors).toEqual([
      "Filen er hverken en CSV-fil (tekst) eller et Excel-regneark (.xlsx).",
    ]);
    expect(failure(await upload(caseworker, csvFile(""))).errors).toEqual(["Filen er tom."]);
    const big = csvFile("kommunekode;indeks\n" + "0101;1\n".repeat(800_000));
    expect(failure(await upload(caseworker, big)).errors).toEqual(["Filen er større end 5 MB."]);
    const zipNotXlsx = new File([Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4])], "indeks.xlsx");
    expect(failure(await upload(caseworker, zipNotXlsx)).errors).toEqual([
      "Filen kunne ikke læses som et Excel-regneark (.xlsx).",
    ]);
    expect(await stored()).toEqual(before);
    expect(await importAudits()).toHaveLength(3);
  });

  it("is for the ministry only", async () => {
    const res = await upload(municipalityUser, csvFile("kommunekode;indeks\n0360;9\n"));
    expect((res as Response).status).toBe(403);
    const db = await getDb();
    const [{ n }] = await db.select({ n: count() }).from(needIndexEntries).where(eq(needIndexEntries.municipalityCode, "0360"));
    expect(n).toBe(0);
  });

  it("offers a template CSV that the import reads back", async () => {
    const db = await getDb();
    const request = await signedInRequest(db, caseworker, `/calls/${callId}/need-index/template.csv`);
    const res = await templateLoader({ request, params: { callId: String(callId) }, context: {} });
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM, so Excel reads æøå right
    const lines = new TextDecoder().decode(bytes).trim().split("\r\n");
    expect(lines[0]).toBe("kommunekode;kommune;indeks;note");
    expect(lines).toHaveLength(99);
    // ="0400" keeps the leading zero when Excel or LibreOffice opens the file.
    expect(lines).toContain('"=""0400""";Bornholm;1,5000;');
    // Filled in, the template imports as it is.
    const filled = lines.map((l, i) => (i === 0 ? l : l.replace(/;;$/, ";1;"))).join("\r\n");
    const back = await upload(caseworker, csvFile(filled));
    expect((back as Response).headers.get("Location")).toBe(`/calls/${callId}/need-index?imported=98`);
  });
});

describe("need index file name", () => {
  it("refuses a file whose name holds a CPR number, before anything reaches the audit trail", async () => {
    const auditsBefore = (await importAudits()).length;
    const lines = ["kommunekode;indeks", ...codes.map((c, i) => `${c};${valueFor(i)}`)];
    const res = await upload(caseworker, csvFile(lines.join("\r\n"), "indeks 010190\u20131234.csv"));
    const { errors, status } = failure(res);
    expect(status).toBe(400); // invalid input, not a conflict with the call's state
    expect(errors[0]).toMatch(/^Filnavnet: Teksten ligner et CPR-nummer/);
    expect(await importAudits()).toHaveLength(auditsBefore);
  });
});
