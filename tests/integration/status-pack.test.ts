// The status pack end to end on a database: figures as of a date equal the ledger's own sums
// (entries booked by then) to the øre; the XLSX read back with exceljs has totals equal to
// the ledger; the DOCX is a zip whose word/document.xml has the headline figures; the PDF is
// a PDF whose text (pdftotext) has them; reports count as received by their timestamps;
// ministry only (municipality and advisor 403); bad input 400 with a Danish message.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { and, eq, lte, sql } from "drizzle-orm";
import yauzl from "yauzl";
import { beforeAll, describe, expect, it } from "vitest";
import {
  advisoryProgrammes,
  agencies,
  callCostCategories,
  calls,
  focusAreas,
  grantLedgerEntries,
  grantReportDueDates,
  grants,
  milestones,
  pools,
  programmeFocusAreas,
  progressReportIndicatorValues,
  progressReports,
  progressReportSpend,
  progressReportThemes,
  progressReportVersions,
  reportIndicators,
} from "#db/schema";
import { getDb } from "~/db.server";
import { appNow } from "~/domain/clock/clock.server";
import { getDashboardFigures } from "~/domain/dashboard/figures.server";
import { postLedgerEntry } from "~/domain/grants/ledger.server";
import { loadStatusPackFigures } from "~/domain/status-pack/figures.server";
import { loader as pageLoader } from "~/routes/status-pack";
import { loader as docxLoader } from "~/routes/status-pack[.]docx";
import { loader as pdfLoader } from "~/routes/status-pack[.]pdf";
import { loader as xlsxLoader } from "~/routes/status-pack[.]xlsx";
import { copenhagenDateString } from "~/utils/dates";
import { formatOre } from "~/utils/money";
import { createUser, signedInRequest, type TestUser } from "../fixtures";
import { outcome, settle } from "../support/route-result";
import { makeAssessmentCall } from "./assessment-fixtures";
import { makeGrant, systemActor } from "./grant-fixtures";

let db: Awaited<ReturnType<typeof getDb>>;
let caseworker: TestUser;
let municipality: TestUser;
let advisor: TestUser;
let poolId: number;
const ctx = { context: {}, params: {} } as const;
const AS_OF = "2024-06-30";

async function move(grantId: number, m: Omit<Parameters<typeof postLedgerEntry>[2], "grantId">) {
  const r = await db.transaction((tx) => postLedgerEntry(tx, systemActor, { grantId, ...m }));
  if (!r.ok) throw new Error(r.message);
}

/** The ledger's own sums for the pool, entries booked on or before the date (the test's arithmetic). */
async function ledger(asOf: string) {
  const [r] = await db
    .select({
      committed: sql<string>`coalesce(sum(${grantLedgerEntries.committedDeltaOre}), 0)::text`,
      paid: sql<string>`coalesce(sum(${grantLedgerEntries.paidDeltaOre}), 0)::text`,
    })
    .from(grantLedgerEntries)
    .where(and(eq(grantLedgerEntries.poolId, poolId), lte(grantLedgerEntries.bookedOn, asOf)));
  return { committed: BigInt(r!.committed), netPaid: BigInt(r!.paid) };
}

const query = (q: Record<string, string>) => new URLSearchParams({ poolId: String(poolId), asOf: AS_OF, purpose: "question", committee: "Socialudvalget", questionNo: "391", ...q }).toString();

async function download(loader: typeof docxLoader, user: TestUser, ext: string, q: Record<string, string> = {}) {
  const request = await signedInRequest(db, user, `/status-pack.${ext}?${query(q)}`);
  return (await settle(loader({ request, ...ctx }))) as Response;
}

function zipEntry(zip: Buffer, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (err, file) => {
      if (err || !file) return reject(err);
      file.on("entry", (entry: yauzl.Entry) => {
        if (entry.fileName !== name) return file.readEntry();
        file.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
        });
      });
      file.on("end", () => reject(new Error(`${name} not in the zip`)));
      file.readEntry();
    });
  });
}

beforeAll(async () => {
  db = await getDb();
  const { call } = await makeAssessmentCall(db);
  const [pool] = await db
    .insert(pools)
    .values({ name: "Testpulje til statuspakke", financeLine: "§ 15.26.35.10", totalOre: 1_430_000_000n, startsOn: "2022-01-01", endsOn: "2025-09-30", initiativeEndsOn: "2025-09-30" })
    .returning();
  poolId = pool!.id;
  await db.update(calls).set({ poolId }).where(eq(calls.id, call.id));
  caseworker = await createUser(db, "caseworker");
  municipality = await createUser(db, "municipality", { municipalityCode: "0360" });
  advisor = await createUser(db, "advisor");

  const lolland = (await makeGrant(db, call.id, "0360", { awardedOre: 412_345_678n, poolId })).grant;
  const samso = (await makeGrant(db, call.id, "0741", { awardedOre: 100_000_001n, poolId })).grant;
  await db.update(grants).set({ status: "accepted" }).where(eq(grants.id, lolland.id));
  await db.update(grants).set({ status: "accepted" }).where(eq(grants.id, samso.id));
  await move(lolland.id, { kind: "paid", paidDeltaOre: 200_000_000n, bookedOn: "2023-01-16" });
  await move(lolland.id, { kind: "paid", paidDeltaOre: 100_000_033n, bookedOn: "2024-06-30" });
  // After the as-of date: must not count.
  await move(lolland.id, { kind: "paid", paidDeltaOre: 50_000_000n, bookedOn: "2024-07-01" });
  await move(samso.id, { kind: "paid", paidDeltaOre: 50_000_000n, bookedOn: "2023-01-16" });
  await move(samso.id, { kind: "corrected", paidDeltaOre: -1_250n, note: "Fejl i beløb", bookedOn: "2023-01-20" });

  // Lolland's programme: two focus areas, three milestones (one done by the date, one done after, one late).
  const [sbst] = await db.select().from(agencies).where(eq(agencies.slug, "sbst"));
  const [ast] = await db.select().from(agencies).where(eq(agencies.slug, "ast"));
  const [programme] = await db
    .insert(advisoryProgrammes)
    .values({ grantId: lolland.id, poolId, municipalityCode: "0360", leadAgencyId: sbst!.id, partnerAgencyId: ast!.id, startsOn: "2024-01-01", plannedEndOn: "2024-09-30", intensity: "high", status: "active" })
    .returning();
  const areas = await db.insert(focusAreas).values([{ name: "Statuspakke-test ledelsestilsyn" }, { name: "Statuspakke-test børneinddragelse" }]).returning();
  await db.insert(programmeFocusAreas).values(areas.map((a) => ({ programmeId: programme!.id, focusAreaId: a.id })));
  await db.insert(milestones).values([
    { programmeId: programme!.id, title: "Opstart", plannedOn: "2024-01-15", actualOn: "2024-01-20", status: "gennemfoert" },
    { programmeId: programme!.id, title: "Sagsgennemgang", plannedOn: "2024-05-01", actualOn: "2024-07-10", status: "gennemfoert" },
    { programmeId: programme!.id, title: "Afslutning", plannedOn: "2024-09-30", status: "planlagt" },
  ]);

  // Reports: Lolland's first is approved before the date, its second submitted after it;
  // Samsø's is due before the date and never submitted (overdue).
  const dues = await db
    .insert(grantReportDueDates)
    .values([
      { grantId: lolland.id, kind: "status_report", dueOn: "2024-03-31" },
      { grantId: lolland.id, kind: "status_report", dueOn: "2024-06-30" },
      { grantId: samso.id, kind: "status_report", dueOn: "2024-03-31" },
    ])
    .returning();
  const [category] = await db.insert(callCostCategories).values({ callId: call.id, label: "Vikardækning", sortOrder: 1 }).returning();
  const [indicator] = await db.insert(reportIndicators).values({ poolId, label: "Børnesamtaler før afgørelse", unit: "percent" }).returning();
  const report = async (due: (typeof dues)[number], submittedAt: Date, approvedAt: Date | null, spendOre: bigint, value: string, score: number) => {
    const [r] = await db
      .insert(progressReports)
      .values({ grantId: due.grantId, dueDateId: due.id, poolId, municipalityCode: "0360", kind: "status_report", status: approvedAt ? "approved" : "submitted", firstSubmittedAt: submittedAt, submittedAt, approvedAt })
      .returning();
    const [v] = await db.insert(progressReportVersions).values({ reportId: r!.id, versionNo: 1, submittedAt, reviewDecision: approvedAt ? "approved" : null, reviewedAt: approvedAt }).returning();
    await db.insert(progressReportSpend).values({ versionId: v!.id, categoryId: category!.id, quarter: "2024-Q1", amountOre: spendOre });
    await db.insert(progressReportIndicatorValues).values({ versionId: v!.id, indicatorId: indicator!.id, value });
    await db.insert(progressReportThemes).values({ versionId: v!.id, theme: "inddragelse", score });
  };
  await report(dues[0]!, new Date("2024-03-28T10:00:00Z"), new Date("2024-04-05T10:00:00Z"), 123_456_78n, "62.50", 3);
  // Submitted 00:30 on 1 July Copenhagen time (22:30 UTC on 30 June): after the date.
  await report(dues[1]!, new Date("2024-06-30T22:30:00Z"), null, 200_000_00n, "80.00", 4);
}, 120_000);

describe("status pack figures", () => {
  it("equal the ledger's sums for entries booked by the date, to the øre", async () => {
    const f = (await loadStatusPackFigures(db, poolId, AS_OF))!;
    const l = await ledger(AS_OF);
    expect(f.pool.committedOre).toBe(l.committed);
    expect(f.pool.netPaidOre).toBe(l.netPaid);
    expect(f.pool.netPaidOre).toBe(200_000_000n + 100_000_033n + 50_000_000n - 1_250n);
    expect(f.grants.reduce((s, g) => s + g.netPaidOre, 0n)).toBe(l.netPaid);
    expect(f.grants.reduce((s, g) => s + g.committedOre, 0n)).toBe(l.committed);
    const later = (await loadStatusPackFigures(db, poolId, "2024-07-01"))!;
    expect(later.pool.netPaidOre - f.pool.netPaidOre).toBe(50_000_000n);
    expect(later.pool.netPaidOre).toBe((await ledger("2024-07-01")).netPaid);
  });

  it("count milestones, reports, spend and indicators by their own dates", async () => {
    const f = (await loadStatusPackFigures(db, poolId, AS_OF))!;
    const lolland = f.grants.find((g) => g.municipalityCode === "0360")!;
    const samso = f.grants.find((g) => g.municipalityCode === "0741")!;
    expect(lolland.programme).toMatchObject({ status: "active", milestones: 3, milestonesDone: 1, milestonesOverdue: 1 });
    expect(lolland.programme!.focusAreas).toEqual(["Statuspakke-test børneinddragelse", "Statuspakke-test ledelsestilsyn"]);
    expect(lolland).toMatchObject({ reportsDue: 2, reportsReceived: 1, reportsApproved: 1, reportsOverdue: 0, spendReportedOre: 123_456_78n });
    expect(samso).toMatchObject({ reportsDue: 1, reportsReceived: 0, reportsOverdue: 1, spendReportedOre: 0n, programme: null });
    expect(f.indicators).toEqual([{ label: "Børnesamtaler før afgørelse", unit: "percent", values: [{ municipalityName: "Lolland", value: "62.50" }] }]);
    expect(f.themes.find((t) => t.theme === "inddragelse")!.scores).toEqual([3]);

    // Later: the second report is in and the late milestone done; the indicator is the newest
    // value, the spend still the approved report's (approved first, as the dashboard counts it).
    const next = (await loadStatusPackFigures(db, poolId, "2024-07-10"))!;
    const lollandNext = next.grants.find((g) => g.municipalityCode === "0360")!;
    expect(lollandNext).toMatchObject({ reportsReceived: 2, reportsApproved: 1, spendReportedOre: 123_456_78n });
    expect(lollandNext.programme).toMatchObject({ milestonesDone: 2, milestonesOverdue: 0 });
    expect(next.indicators[0]!.values[0]!.value).toBe("80.00");
  });
});

describe("status pack and dashboard", () => {
  it("as of today, agree with the dashboard's figures per municipality (money to the øre, spend, milestones, reports)", async () => {
    const now = await appNow(db);
    const dashboard = (await getDashboardFigures(db, poolId, now))!;
    const pack = (await loadStatusPackFigures(db, poolId, copenhagenDateString(now)))!;
    expect(pack.pool.committedOre).toBe(dashboard.pool.committedOre);
    expect(pack.pool.netPaidOre).toBe(dashboard.pool.netPaidOre);
    expect(dashboard.municipalities.map((m) => m.municipalityCode).sort()).toEqual(pack.grants.map((g) => g.municipalityCode).sort());
    for (const m of dashboard.municipalities) {
      const g = pack.grants.find((r) => r.municipalityCode === m.municipalityCode)!;
      expect({
        committedOre: g.committedOre,
        netPaidOre: g.netPaidOre,
        spendReportedOre: g.spendReportedOre,
        milestones: g.programme?.milestones ?? 0,
        done: g.programme?.milestonesDone ?? 0,
        milestonesOverdue: g.programme?.milestonesOverdue ?? 0,
        due: g.reportsDue,
        received: g.reportsReceived,
        approved: g.reportsApproved,
        overdue: g.reportsOverdue,
      }, m.municipalityName).toEqual({
        committedOre: m.committedOre,
        netPaidOre: m.netPaidOre,
        spendReportedOre: m.spendReportedOre,
        milestones: m.milestones.total,
        done: m.milestones.done,
        milestonesOverdue: m.milestones.overdue,
        due: m.reports.due,
        received: m.reports.received,
        approved: m.reports.approved,
        overdue: m.reports.overdue,
      });
    }
  });
});

describe("status pack files", () => {
  it("XLSX: read back with exceljs, the totals equal the ledger to the øre", async () => {
    const res = await download(xlsxLoader, caseworker, "xlsx");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("spreadsheetml");
    expect(res.headers.get("Content-Disposition")).toMatch(/statuspakke-spoergsmaal-391-pr-2024-06-30-.*\.xlsx/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Sammenfatning", "Pulje", "Kommuner", "Forløb", "Fokusområder", "Rapporter", "Nøgletal", "Temaer"]);
    const l = await ledger(AS_OF);

    const sheet = workbook.getWorksheet("Kommuner")!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    const col = (h: string) => headers.indexOf(h) + 1;
    const last = sheet.getRow(sheet.rowCount);
    expect(last.getCell(1).value).toBe("I alt");
    const total = (h: string) => {
      const v = last.getCell(col(h)).value as { formula: string; result: number };
      expect(v.formula).toMatch(/^SUM\(/);
      return v.result;
    };
    const rows = Array.from({ length: sheet.rowCount - 2 }, (_, i) => sheet.getRow(i + 2));
    for (const [h, ore] of [
      ["Disponeret (øre)", l.committed],
      ["Udbetalt (netto) (øre)", l.netPaid],
    ] as const) {
      expect(BigInt(total(h))).toBe(ore);
      expect(rows.reduce((s, r) => s + BigInt(r.getCell(col(h)).value as number), 0n)).toBe(ore);
    }
    // The kroner columns say the same to the øre.
    expect(Math.round(total("Udbetalt (netto)") * 100)).toBe(Number(l.netPaid));
    expect(Math.round(total("Disponeret") * 100)).toBe(Number(l.committed));

    const poolSheet = workbook.getWorksheet("Pulje")!;
    const byLabel = new Map<string, number>();
    poolSheet.eachRow((r, n) => n > 1 && byLabel.set(String(r.getCell(1).value), r.getCell(3).value as number));
    expect(BigInt(byLabel.get("Udbetalt efter tilbagebetalinger")!)).toBe(l.netPaid);
    expect(BigInt(byLabel.get("Puljens ramme")!)).toBe(1_430_000_000n);

    const summary = workbook.getWorksheet("Sammenfatning")!;
    expect(String(summary.getRow(3).getCell(1).value)).toBe("Opgjort pr. 30. juni 2024");
  });

  it("DOCX: a zip whose word/document.xml has the title, the as-of date and the headline figures", async () => {
    const res = await download(docxLoader, caseworker, "docx");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("wordprocessingml");
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 2).toString()).toBe("PK");
    const xml = await zipEntry(bytes, "word/document.xml");
    const l = await ledger(AS_OF);
    expect(xml).toContain("Svar på Socialudvalget spørgsmål nr. 391");
    expect(xml).toContain("Opgjort pr. 30. juni 2024");
    expect(xml).toContain(formatOre(l.committed));
    expect(xml).toContain(formatOre(l.netPaid, { suffix: false }));
    expect(xml).toContain("Lolland");
  });

  it("PDF: starts with %PDF and its text has the title, the date and the figures", async () => {
    const res = await download(pdfLoader, caseworker, "pdf");
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const dir = mkdtempSync(path.join(tmpdir(), "status-pack-"));
    const file = path.join(dir, "pack.pdf");
    writeFileSync(file, bytes);
    const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    const l = await ledger(AS_OF);
    expect(text).toContain("Svar på Socialudvalget spørgsmål nr. 391");
    expect(text).toContain("Opgjort pr. 30. juni 2024");
    expect(text).toContain(formatOre(l.netPaid, { suffix: false }));
    expect(text).toContain(formatOre(l.committed, { suffix: false }));
    expect(text).toContain("Samsø");
    // poppler draws every page without a complaint: a heading moved to a new page inside its
    // tag once left an end-of-tag (EMC) there without its start ("Mismatched EMC operator").
    const drawn = spawnSync("pdftoppm", ["-r", "10", "-png", file, path.join(dir, "page")], { encoding: "utf8" });
    expect(drawn.status).toBe(0);
    expect(drawn.stderr).toBe("");
  });

  it("an annual status is titled by the year of the date", async () => {
    const res = await download(docxLoader, caseworker, "docx", { purpose: "annual", asOf: "2024-12-15", questionNo: "" });
    expect(res.headers.get("Content-Disposition")).toContain("statuspakke-aarlig-status-pr-2024-12-15");
    expect(await zipEntry(Buffer.from(await res.arrayBuffer()), "word/document.xml")).toContain("Årlig status 2024");
  });
});

describe("status pack page and access", () => {
  it("shows the form, then the summary and the three links for the same query", async () => {
    const empty = await outcome(async () => pageLoader({ request: await signedInRequest(db, caseworker, "/status-pack"), ...ctx }));
    expect(empty.status).toBe(200);
    expect(empty.data!.pack).toBeNull();
    const built = await outcome(async () => pageLoader({ request: await signedInRequest(db, caseworker, `/status-pack?${query({})}`), ...ctx }));
    expect(built.status).toBe(200);
    expect(built.data!.pack.asOfLine).toBe("Opgjort pr. 30. juni 2024");
    expect(built.data!.pack.summary.join(" ")).toContain(formatOre((await ledger(AS_OF)).netPaid));
    expect(built.data!.pack.query).toBe(query({}));
  });

  it("answers bad input with a Danish message per field, keeping the input", async () => {
    const bad = await outcome(async () => pageLoader({ request: await signedInRequest(db, caseworker, `/status-pack?${query({ asOf: "31.02.2024", questionNo: "" })}`), ...ctx }));
    expect(bad.status).toBe(400);
    expect(bad.data!.errors).toEqual({ asOf: "Skriv datoen som åååå-mm-dd, fx 2024-04-30.", questionNo: "Skriv spørgsmålets nummer, fx 391." });
    expect(bad.data!.values.asOf).toBe("31.02.2024");
    const file = await download(pdfLoader, caseworker, "pdf", { asOf: "2099-01-01" });
    expect(file.status).toBe(400);
    expect(await file.text()).toContain("Datoen må ikke ligge efter i dag");
    expect((await download(pdfLoader, caseworker, "pdf", { poolId: "999999" })).status).toBe(404);
  });

  it("refuses municipality and advisor users on the page and every download", async () => {
    for (const u of [municipality, advisor]) {
      const page = await outcome(async () => pageLoader({ request: await signedInRequest(db, u, `/status-pack?${query({})}`), ...ctx }));
      expect(page.status, u.role).toBe(403);
      for (const [loader, ext] of [
        [docxLoader, "docx"],
        [pdfLoader, "pdf"],
        [xlsxLoader, "xlsx"],
      ] as const) {
        expect((await download(loader, u, ext)).status, `${u.role} ${ext}`).toBe(403);
      }
    }
  });
});
