import ExcelJS from "exceljs";
import { asc } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { municipalities } from "#db/schema";
import { getDb } from "~/db.server";
import { loader as exportLoader } from "~/routes/applications.export";
import { loader as listLoader } from "~/routes/applications._index";
import { loader as rankingLoader } from "~/routes/calls.$callId.ranking";
import { createUser, signedInRequest } from "../fixtures";
import { thrown } from "../support/route-result";
import { clearCallsAndApplications, ctx, makeApplication, makeAssessmentCall } from "./assessment-fixtures";

async function setup() {
  const db = await getDb();
  await clearCallsAndApplications(db);
  const { call } = await makeAssessmentCall(db, { needIndex: { "0360": "9.5000", "0482": "12.2500", "0550": "3.0000" } });
  const caseworker = await createUser(db, "caseworker", { name: "Karen Sagsbehandler" });
  const lolland = await makeApplication(db, call.id, "0360", { requestedOre: 123_456_750n, contactName: "Mette Hansen" });
  const langeland = await makeApplication(db, call.id, "0482", { requestedOre: 50_000_000n, contactName: "Jens Jensen", assignedTo: caseworker.userId });
  const toender = await makeApplication(db, call.id, "0550", { requestedOre: 80_000_000n, status: "formalia_approved" });
  const samsoe = await makeApplication(db, call.id, "0741", { requestedOre: 70_000_000n }); // no need index
  const faxeDraft = await makeApplication(db, call.id, "0320", { status: "draft", requestedOre: 10_000_000n });
  return { db, call, caseworker, lolland, langeland, toender, samsoe, faxeDraft };
}

const list = async (db: Awaited<ReturnType<typeof getDb>>, user: { userId: string }, query = "") =>
  listLoader({ request: await signedInRequest(db, user, `/applications${query}`), params: {}, ...ctx });

describe("application list", () => {
  it("shows a caseworker every submitted application, ranked by need index, drafts only on request", async () => {
    const { db, caseworker, lolland, langeland, toender, samsoe, faxeDraft } = await setup();
    const res = await list(db, caseworker);
    expect(res.ministry).toBe(true);
    expect(res.rows.map((r) => [r.id, r.rank])).toEqual([
      [langeland.id, 1],
      [lolland.id, 2],
      [toender.id, 3],
      [samsoe.id, null],
    ]);
    expect(res.total).toBe(4);
    expect(res.requestedSumOre).toBe(123_456_750n + 50_000_000n + 80_000_000n + 70_000_000n);
    expect(res.rows[0].assignedName).toBe("Karen Sagsbehandler");
    expect(res.rows.every((r) => r.formalia === "not_checked")).toBe(true);

    const withDrafts = await list(db, caseworker, "?drafts=1");
    expect(withDrafts.rows.map((r) => r.id)).toContain(faxeDraft.id);
    expect(withDrafts.rows.find((r) => r.id === faxeDraft.id)!.rank).toBeNull();
  });

  it("shows a municipality user only their own applications, and a municipality filter cannot widen that", async () => {
    const { db, call, lolland } = await setup();
    const draftCall = await makeAssessmentCall(db, { title: "Andet opslag" });
    const ownDraft = await makeApplication(db, draftCall.call.id, "0360", { status: "draft" });
    const user = await createUser(db, "municipality", { municipalityCode: "0360" });
    const res = await list(db, user);
    expect(res.ministry).toBe(false);
    expect(res.ownRows.map((r) => r.id).sort()).toEqual([lolland.id, ownDraft.id].sort());
    expect(res.rows).toEqual([]);
    const widened = await list(db, user, `?municipality=0482&call=${call.id}&drafts=1`);
    expect(widened.ownRows).toEqual([]);
    expect(widened.total).toBe(0);
  });

  it("refuses an advisor (403) and sends the signed-out to login", async () => {
    const { db } = await setup();
    const advisor = await createUser(db, "advisor");
    expect((await thrown(list(db, advisor))).status).toBe(403);
    const anon = await thrown(listLoader({ request: new Request("http://localhost/applications"), params: {}, ...ctx }));
    expect(anon.status).toBe(302);
  });

  it("filters by status, call, search text and caseworker", async () => {
    const { db, caseworker, langeland, toender, lolland } = await setup();
    const other = await makeAssessmentCall(db, { title: "Andet opslag" });
    const otherApp = await makeApplication(db, other.call.id, "0101");
    expect((await list(db, caseworker, "?status=formalia_approved")).rows.map((r) => r.id)).toEqual([toender.id]);
    expect((await list(db, caseworker, `?call=${other.call.id}`)).rows.map((r) => r.id)).toEqual([otherApp.id]);
    expect((await list(db, caseworker, "?q=jens")).rows.map((r) => r.id)).toEqual([langeland.id]);
    expect((await list(db, caseworker, "?q=lolland")).rows.map((r) => r.id)).toEqual([lolland.id]);
    expect((await list(db, caseworker, "?q=%25")).rows).toEqual([]); // a literal %, not a wildcard
    expect((await list(db, caseworker, `?assigned=${caseworker.userId}`)).rows.map((r) => r.id)).toEqual([langeland.id]);
    expect((await list(db, caseworker, "?assigned=none")).rows).toHaveLength(4);
    expect((await list(db, caseworker, "?municipality=0550")).rows.map((r) => r.id)).toEqual([toender.id]);
  });

  it("sorts by amount, municipality and status, and pages 25 at a time", async () => {
    const { db, caseworker, lolland, langeland, toender, samsoe } = await setup();
    const byAmount = await list(db, caseworker, "?sort=amount&dir=asc");
    expect(byAmount.rows.map((r) => r.id)).toEqual([langeland.id, samsoe.id, toender.id, lolland.id]);
    const byName = await list(db, caseworker, "?sort=municipality&dir=asc");
    expect(byName.rows.map((r) => r.municipalityName)).toEqual(["Langeland", "Lolland", "Samsø", "Tønder"]);
    const byStatus = await list(db, caseworker, "?sort=status&dir=desc");
    expect(byStatus.rows[0].id).toBe(toender.id);

    const big = await makeAssessmentCall(db, { title: "Stort opslag" });
    const codes = (await db.select({ code: municipalities.code }).from(municipalities).orderBy(asc(municipalities.code)).limit(30)).map((m) => m.code);
    for (const code of codes) await makeApplication(db, big.call.id, code);
    const page1 = await list(db, caseworker, `?call=${big.call.id}&sort=municipality&dir=asc`);
    expect(page1.rows).toHaveLength(25);
    expect(page1.total).toBe(30);
    expect(page1.pages).toBe(2);
    const page2 = await list(db, caseworker, `?call=${big.call.id}&sort=municipality&dir=asc&page=2`);
    expect(page2.rows).toHaveLength(5);
    expect(page2.page).toBe(2);
    expect(new Set([...page1.rows, ...page2.rows].map((r) => r.id)).size).toBe(30);
    // A page past the end shows the last page rather than nothing.
    expect((await list(db, caseworker, `?call=${big.call.id}&page=9`)).page).toBe(2);
  });
});

describe("export", () => {
  it("writes an XLSX with a Danish header and one row per application, the øre column exact", async () => {
    const { db, caseworker, lolland, langeland, toender, samsoe } = await setup();
    const res = await exportLoader({ request: await signedInRequest(db, caseworker, "/applications/export?format=xlsx"), params: {}, ...ctx });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="ansoegninger-\d{4}-\d{2}-\d{2}\.xlsx"$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain("Kommune");
    expect(header).toContain("Ansøgt beløb (kr.)");
    expect(header).toContain("Beløb (øre)");
    expect(sheet.rowCount).toBe(6); // four applications and the totals row
    const col = (name: string) => header.indexOf(name) + 1;
    const byId = new Map<number, ExcelJS.Row>();
    for (let i = 2; i < sheet.rowCount; i++) byId.set(Number(sheet.getRow(i).getCell(col("Ansøgnings-id")).value), sheet.getRow(i));
    for (const app of [lolland, langeland, toender, samsoe]) {
      const row = byId.get(app.id)!;
      expect(BigInt(row.getCell(col("Beløb (øre)")).value as number)).toBe(app.requestedOre);
    }
    const lollandRow = byId.get(lolland.id)!;
    expect(lollandRow.getCell(col("Ansøgt beløb (kr.)")).value).toBe(1_234_567.5);
    expect(lollandRow.getCell(col("Ansøgt beløb (kr.)")).numFmt).toBe("#,##0.00");
    // 2022-11-01 09:30 UTC is 10:30 in Copenhagen: the cell holds the wall-clock time.
    const submitted = lollandRow.getCell(col("Indsendt")).value as Date;
    expect(submitted).toBeInstanceOf(Date);
    expect(submitted.toISOString()).toBe("2022-11-01T10:30:00.000Z");
    expect(sheet.autoFilter).toBeTruthy();
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
  });

  it("writes CSV with a BOM, semicolons and Danish amounts, honouring the filters", async () => {
    const { db, caseworker } = await setup();
    const res = await exportLoader({ request: await signedInRequest(db, caseworker, "/applications/export?format=csv&q=lolland"), params: {}, ...ctx });
    expect(res.headers.get("Content-Disposition")).toMatch(/filename="ansoegninger-soeg-lolland-\d{4}-\d{2}-\d{2}\.csv"/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const lines = text.trim().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[0].split(";")).toContain("Beløb (øre)");
    expect(lines[1]).toContain(";Lolland;");
    expect(lines[1]).toContain(";1.234.567,50;123456750;");
    expect(lines[1]).toContain(";01.11.2022 10:30;");
  });

  it("is for ministry staff only and needs a known format", async () => {
    const { db, caseworker } = await setup();
    const user = await createUser(db, "municipality", { municipalityCode: "0360" });
    const refused = await thrown(exportLoader({ request: await signedInRequest(db, user, "/applications/export?format=csv"), params: {}, ...ctx }));
    expect(refused.status).toBe(403);
    const bad = await thrown(exportLoader({ request: await signedInRequest(db, caseworker, "/applications/export?format=pdf"), params: {}, ...ctx }));
    expect(bad.status).toBe(400);
  });
});

describe("ranking of a call", () => {
  it("orders by need index with missing values last and marks where the pool runs out", async () => {
    const { db, call, caseworker, lolland, langeland, toender, samsoe, faxeDraft } = await setup();
    const res = await rankingLoader({ request: await signedInRequest(db, caseworker, `/calls/${call.id}/ranking`), params: { callId: String(call.id) }, ...ctx });
    expect(res.lines.map((l) => l.id)).toEqual([langeland.id, lolland.id, toender.id, samsoe.id]);
    expect(res.lines.map((l) => l.id)).not.toContain(faxeDraft.id);
    expect(res.unranked).toBe(1);
    // Pool 14,3 mio. kr.; the four ask for 3.234.567,50 kr. together: everything fits.
    expect(res.cutoffIndex).toBeNull();
    expect(res.lines.at(-1)!.cumulativeOre).toBe(323_456_750n);
  });

  it("is 404 for an unknown call and 403 for a municipality user", async () => {
    const { db, call, caseworker } = await setup();
    const missing = await thrown(rankingLoader({ request: await signedInRequest(db, caseworker, "/calls/999999/ranking"), params: { callId: "999999" }, ...ctx }));
    expect(missing.status).toBe(404);
    const user = await createUser(db, "municipality", { municipalityCode: "0360" });
    const refused = await thrown(rankingLoader({ request: await signedInRequest(db, user, `/calls/${call.id}/ranking`), params: { callId: String(call.id) }, ...ctx }));
    expect(refused.status).toBe(403);
  });
});
