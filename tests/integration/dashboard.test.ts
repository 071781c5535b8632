// The ministry dashboard's figures: after commits, payments, a correction, a lapse, a
// cancellation and a repayment, the pool's and every municipality's money equal the ledger's
// own sums to the øre (and the municipalities add up to the pool); report counts follow the
// shared rules (received, approved, overdue incl. a due date without a report row); spend
// reported is the latest approved version's, else the latest submitted one's (never a draft
// or a version sent back);
// theme scores and indicators are per due date from each report's reported version; the
// countdown runs to the pool's initiative end.
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  callCostCategories,
  calls,
  grantLedgerEntries,
  grantReportDueDates,
  grants,
  pools,
  progressReportIndicatorValues,
  progressReports,
  progressReportSpend,
  progressReportThemes,
  progressReportVersions,
  reportIndicators,
} from "#db/schema";
import { getDb } from "~/db.server";
import { getDashboardFigures, choosePool } from "~/domain/dashboard/figures.server";
import { lapseOverdueGrants } from "~/domain/grants/acceptance.server";
import { postLedgerEntry } from "~/domain/grants/ledger.server";
import type { ReportStatus } from "~/domain/reports/report-constants";
import type { Theme } from "~/domain/reports/report-constants";
import { makeAssessmentCall } from "./assessment-fixtures";
import { expectLedgerConsistent, makeGrant, systemActor } from "./grant-fixtures";
import { makeProgramme } from "./timeline-fixtures";
import ExcelJS from "exceljs";
import { setTestClock } from "~/domain/clock/clock.server";
import { loader as dashboardLoader } from "~/routes/dashboard._index";
import { loader as exportLoader } from "~/routes/dashboard.export";
import { createUser, signedInRequest, type TestUser } from "../fixtures";
import { settle } from "../support/route-result";

let db: Awaited<ReturnType<typeof getDb>>;
let poolId: number;
let emptyPoolId: number;
let categoryId: number;
let percentId: number;
let countId: number;
const grantIds: Record<string, number> = {};
const AS_OF = new Date("2024-07-15T10:00:00Z");
let caseworker: TestUser;
let admin: TestUser;
let municipality: TestUser;
let advisor: TestUser;
const ctx = { context: {} } as const;

async function move(grantId: number, m: Omit<Parameters<typeof postLedgerEntry>[2], "grantId">) {
  const r = await db.transaction((tx) => postLedgerEntry(tx, systemActor, { grantId, ...m }));
  if (!r.ok) throw new Error(r.message);
}

type VersionSpec = {
  submitted: boolean;
  decision?: "approved" | "sent_back";
  spend?: { quarter: string; ore: bigint }[];
  themes?: Partial<Record<Theme, number>>;
  indicators?: { id: number; value: string }[];
};

/** A due date, and (unless `status` is undefined) its report with the versions given, oldest first. */
async function dueDate(grantId: number, dueOn: string, status?: ReportStatus, versions: VersionSpec[] = []) {
  const [g] = await db.select().from(grants).where(eq(grants.id, grantId));
  const [d] = await db.insert(grantReportDueDates).values({ grantId, kind: "status_report", dueOn }).returning();
  if (status === undefined) return;
  const [r] = await db
    .insert(progressReports)
    .values({
      grantId,
      dueDateId: d!.id,
      poolId: g!.poolId,
      municipalityCode: g!.municipalityCode,
      kind: "status_report",
      status,
      currentVersionNo: Math.max(1, versions.length),
      approvedAt: status === "approved" ? new Date("2024-01-01T10:00:00Z") : null,
    })
    .returning();
  for (const [i, v] of versions.entries()) {
    const [row] = await db
      .insert(progressReportVersions)
      .values({
        reportId: r!.id,
        versionNo: i + 1,
        submittedAt: v.submitted ? new Date(`${dueOn}T08:00:00Z`) : null,
        reviewDecision: v.decision ?? null,
        reviewedAt: v.decision ? new Date(`${dueOn}T09:00:00Z`) : null,
      })
      .returning();
    for (const s of v.spend ?? []) await db.insert(progressReportSpend).values({ versionId: row!.id, categoryId, quarter: s.quarter, amountOre: s.ore });
    for (const [theme, score] of Object.entries(v.themes ?? {})) {
      await db.insert(progressReportThemes).values({ versionId: row!.id, theme: theme as Theme, score });
    }
    for (const ind of v.indicators ?? []) await db.insert(progressReportIndicatorValues).values({ versionId: row!.id, indicatorId: ind.id, value: ind.value });
  }
}

beforeAll(async () => {
  db = await getDb();
  const { call } = await makeAssessmentCall(db);
  const [pool] = await db
    .insert(pools)
    .values({
      name: "Testpulje til dashboard",
      financeLine: "§ 15.26.35.10",
      totalOre: 1_430_000_000n,
      startsOn: "2022-01-01",
      endsOn: "2025-12-31",
      initiativeEndsOn: "2025-09-30",
    })
    .returning();
  poolId = pool!.id;
  await db.update(calls).set({ poolId }).where(eq(calls.id, call.id));
  const [empty] = await db
    .insert(pools)
    .values({ name: "Tom dashboardpulje", financeLine: "§ 15.26.35.20", totalOre: 500_000_000n, startsOn: "2024-01-01", endsOn: "2026-12-31" })
    .returning();
  emptyPoolId = empty!.id;
  caseworker = await createUser(db, "caseworker");
  admin = await createUser(db, "admin");
  municipality = await createUser(db, "municipality", { municipalityCode: "0360" });
  advisor = await createUser(db, "advisor");
  const [cat] = await db.insert(callCostCategories).values({ callId: call.id, label: "Løn", sortOrder: 1 }).returning();
  categoryId = cat!.id;
  const [pct] = await db.insert(reportIndicators).values({ poolId, label: "Børnesamtaler før afgørelse", unit: "percent", sortOrder: 1 }).returning();
  const [cnt] = await db.insert(reportIndicators).values({ poolId, label: "Medarbejdere uddannet", unit: "count", sortOrder: 2 }).returning();
  percentId = pct!.id;
  countId = cnt!.id;

  const lolland = (await makeGrant(db, call.id, "0360", { awardedOre: 412_345_678n, poolId })).grant;
  const faxe = (await makeGrant(db, call.id, "0320", { awardedOre: 250_000_000n, poolId })).grant;
  const samso = (await makeGrant(db, call.id, "0741", { awardedOre: 100_000_001n, poolId })).grant;
  Object.assign(grantIds, { lolland: lolland.id, faxe: faxe.id, samso: samso.id });
  await db.update(grants).set({ status: "accepted" }).where(eq(grants.id, lolland.id));
  await db.update(grants).set({ status: "accepted" }).where(eq(grants.id, samso.id));
  await move(lolland.id, { kind: "paid", paidDeltaOre: 200_000_000n, bookedOn: "2023-01-16" });
  await move(lolland.id, { kind: "paid", paidDeltaOre: 100_000_033n, bookedOn: "2023-04-03" });
  await db.transaction((tx) => lapseOverdueGrants(tx, new Date("2023-02-01T12:00:00Z")));
  grantIds.struer = (await makeGrant(db, call.id, "0671", { awardedOre: 50_000_000n, poolId, commit: false })).grant.id;
  await move(samso.id, { kind: "paid", paidDeltaOre: 50_000_000n, bookedOn: "2023-01-16" });
  await move(samso.id, { kind: "corrected", paidDeltaOre: -1_250n, note: "Fejl i beløb", bookedOn: "2023-01-20" });
  await move(lolland.id, { kind: "cancelled", committedDeltaOre: -112_345_645n, bookedOn: "2024-05-01" });
  await move(lolland.id, { kind: "repaid", paidDeltaOre: -61_234n, committedDeltaOre: -61_234n, bookedOn: "2024-05-20" });

  // Lolland: approved (spend 1.000.023,45 kr.), then sent back and resubmitted with more
  // spend (not yet approved: the approved one still counts), then a passed due date with no
  // report row at all (overdue), then one in the future.
  await dueDate(lolland.id, "2023-06-30", "approved", [
    {
      submitted: true,
      decision: "approved",
      spend: [
        { quarter: "2023-Q1", ore: 40_000_000n },
        { quarter: "2023-Q2", ore: 60_002_345n },
      ],
      themes: { udredning: 2, inddragelse: 3 },
      indicators: [
        { id: percentId, value: "40.50" },
        { id: countId, value: "12" },
      ],
    },
  ]);
  await dueDate(lolland.id, "2023-12-31", "submitted", [
    { submitted: true, decision: "sent_back", spend: [{ quarter: "2023-Q3", ore: 999_999_999n }], themes: { udredning: 1 } },
    { submitted: true, spend: [{ quarter: "2023-Q3", ore: 150_000_000n }], themes: { udredning: 4 }, indicators: [{ id: percentId, value: "60.25" }] },
  ]);
  await dueDate(lolland.id, "2024-06-30");
  await dueDate(lolland.id, "2024-12-31");
  // Samsø: submitted, not reviewed (its spend counts: nothing approved yet); then a draft
  // (with spend typed in, never counted) whose due date has passed: overdue.
  await dueDate(samso.id, "2023-06-30", "submitted", [
    { submitted: true, spend: [{ quarter: "2023-Q2", ore: 25_000_007n }], themes: { udredning: 3 }, indicators: [{ id: percentId, value: "20" }, { id: countId, value: "3" }] },
  ]);
  await dueDate(samso.id, "2023-12-31", "draft", [{ submitted: false, spend: [{ quarter: "2023-Q4", ore: 77_777_777n }], themes: { udredning: 5 } }]);
  // Sent back and its due date passed: overdue again; the sent-back version's spend and score never count.
  await dueDate(samso.id, "2024-03-31", "sent_back", [
    { submitted: true, decision: "sent_back", spend: [{ quarter: "2024-Q1", ore: 5_555_555n }], themes: { udredning: 1 } },
  ]);

  await makeProgramme(db, { id: lolland.id, poolId, municipalityCode: "0360" }, {
    startsOn: "2023-03-01",
    plannedEndOn: "2024-11-30",
    milestones: [
      { title: "Opstart", plannedOn: "2023-03-01", status: "gennemfoert" },
      { title: "Sagsgennemgang", plannedOn: "2023-09-01", status: "gennemfoert" },
      { title: "Seminar", plannedOn: "2024-02-01", status: "aflyst" },
      { title: "Midtvejsmøde", plannedOn: "2024-06-01", status: "planlagt" },
      { title: "Afslutning", plannedOn: "2024-11-30", status: "planlagt" },
    ],
  });
}, 120_000);

/** The ledger's sums straight from the table (the test's own arithmetic), for a pool or one grant. */
async function ledger(where: ReturnType<typeof eq>) {
  const e = grantLedgerEntries;
  const [r] = await db
    .select({
      granted: sql<string>`coalesce(sum(${e.committedDeltaOre}) filter (where ${e.kind} = 'committed'), 0)::text`,
      committed: sql<string>`coalesce(sum(${e.committedDeltaOre}), 0)::text`,
      paid: sql<string>`coalesce(sum(${e.paidDeltaOre}) filter (where ${e.kind} <> 'repaid'), 0)::text`,
      repaid: sql<string>`coalesce(-sum(${e.paidDeltaOre}) filter (where ${e.kind} = 'repaid'), 0)::text`,
      netPaid: sql<string>`coalesce(sum(${e.paidDeltaOre}), 0)::text`,
    })
    .from(e)
    .where(where);
  return { granted: BigInt(r!.granted), committed: BigInt(r!.committed), paid: BigInt(r!.paid), repaid: BigInt(r!.repaid), netPaid: BigInt(r!.netPaid) };
}

describe("dashboard figures", () => {
  it("equal the ledger to the øre: the pool, each municipality, and the municipalities added up", async () => {
    await expectLedgerConsistent(db);
    const f = (await getDashboardFigures(db, poolId, AS_OF))!;
    const l = await ledger(eq(grantLedgerEntries.poolId, poolId));
    expect(f.pool.grantedOre).toBe(l.granted);
    expect(f.pool.committedOre).toBe(l.committed);
    expect(f.pool.paidOre).toBe(l.paid);
    expect(f.pool.repaidOre).toBe(l.repaid);
    expect(f.pool.repaidOre).toBe(61_234n);
    expect(f.pool.netPaidOre).toBe(l.netPaid);
    expect(f.pool.uncommittedOre).toBe(1_430_000_000n - l.committed);
    const [row] = await db.select().from(pools).where(eq(pools.id, poolId));
    expect(f.pool.committedOre).toBe(BigInt(row!.allocatedOre));

    expect(f.municipalities.map((m) => m.municipalityName)).toEqual(["Faxe", "Lolland", "Samsø", "Struer"]);
    for (const m of f.municipalities) {
      const g = await ledger(eq(grantLedgerEntries.grantId, m.grantIds[0]!));
      expect({ granted: m.grantedOre, committed: m.committedOre, paid: m.paidOre, repaid: m.repaidOre, netPaid: m.netPaidOre }, m.municipalityName).toEqual(g);
    }
    for (const k of ["grantedOre", "committedOre", "paidOre", "repaidOre", "netPaidOre"] as const) {
      expect(f.municipalities.reduce((s, m) => s + m[k], 0n), k).toBe(f.pool[k]);
    }
    const lolland = f.municipalities.find((m) => m.municipalityCode === "0360")!;
    expect(lolland).toMatchObject({ grantedOre: 412_345_678n, paidOre: 300_000_033n, repaidOre: 61_234n, netPaidOre: 299_938_799n });
  });

  it("counts reports by the rules: received, approved, sent back and overdue (a passed due date without a report row too)", async () => {
    const f = (await getDashboardFigures(db, poolId, AS_OF))!;
    expect(f.today).toBe("2024-07-15");
    const by = (code: string) => f.municipalities.find((m) => m.municipalityCode === code)!;
    expect(by("0360").reports).toEqual({ planned: 4, due: 3, received: 2, approved: 1, sentBack: 0, overdue: 1 });
    expect(by("0741").reports).toEqual({ planned: 3, due: 3, received: 1, approved: 0, sentBack: 1, overdue: 2 });
    expect(by("0320").reports.planned).toBe(0);
    expect(f.totals.reports).toEqual({ planned: 7, due: 6, received: 3, approved: 1, sentBack: 1, overdue: 3 });
    // Before Lolland's third due date passed, it was not overdue.
    const earlier = (await getDashboardFigures(db, poolId, new Date("2024-06-30T20:00:00Z")))!;
    expect(earlier.today).toBe("2024-06-30");
    expect(earlier.municipalities.find((m) => m.municipalityCode === "0360")!.reports.overdue).toBe(0);
  });

  it("takes spend from the latest approved version, else the latest submitted one, never from a draft or a version sent back", async () => {
    const f = (await getDashboardFigures(db, poolId, AS_OF))!;
    const by = (code: string) => f.municipalities.find((m) => m.municipalityCode === code)!;
    expect(by("0360").spendReportedOre).toBe(100_002_345n);
    expect(by("0741").spendReportedOre).toBe(25_000_007n);
    expect(by("0741").hasSpendReport).toBe(true);
    expect(by("0320")).toMatchObject({ spendReportedOre: 0n, hasSpendReport: false });
    expect(f.totals.spendReportedOre).toBe(125_002_352n);
  });

  it("gives theme scores and indicators per due date across the municipalities, from each report's reported version", async () => {
    const f = (await getDashboardFigures(db, poolId, AS_OF))!;
    const udredning = f.themes.find((t) => t.theme === "udredning")!;
    // 2023-06-30: Lolland 2, Samsø 3; 2023-12-31: Lolland's resubmitted 4 (not the sent-back 1);
    // 2024-03-31: Samsø's only version was sent back (no point); the draft's 5 never counts.
    expect(udredning.points).toEqual([
      { dueOn: "2023-06-30", mean: 2.5, sum: 5, min: 2, max: 3, count: 2 },
      { dueOn: "2023-12-31", mean: 4, sum: 4, min: 4, max: 4, count: 1 },
    ]);
    expect(f.themes.map((t) => t.theme)).toEqual(["udredning", "indsats", "opfoelgning", "inddragelse"]);
    expect(f.themes.find((t) => t.theme === "indsats")!.points).toEqual([]);
    const pct = f.indicators.find((i) => i.indicatorId === percentId)!;
    expect(pct).toMatchObject({ label: "Børnesamtaler før afgørelse", unit: "percent" });
    expect(pct.points.map((p) => [p.dueOn, p.mean, p.count])).toEqual([
      ["2023-06-30", 30.25, 2],
      ["2023-12-31", 60.25, 1],
    ]);
    expect(f.indicators.find((i) => i.indicatorId === countId)!.points).toEqual([{ dueOn: "2023-06-30", mean: 7.5, sum: 15, min: 3, max: 12, count: 2 }]);
  });

  it("counts milestones and progress, and the days left to the initiative's end", async () => {
    const f = (await getDashboardFigures(db, poolId, AS_OF))!;
    const lolland = f.municipalities.find((m) => m.municipalityCode === "0360")!;
    expect(lolland.programmes).toHaveLength(1);
    expect(lolland.milestones).toEqual({ total: 5, done: 2, cancelled: 1, overdue: 1 });
    expect(lolland.progressPercent).toBe(50);
    expect(f.municipalities.find((m) => m.municipalityCode === "0741")!.progressPercent).toBeNull();
    expect(f.countdown).toEqual({ endsOn: "2025-09-30", days: 442, ended: false });
    const after = (await getDashboardFigures(db, poolId, new Date("2025-10-01T10:00:00Z")))!;
    expect(after.countdown).toMatchObject({ days: -1, ended: true });
  });

  it("shows a pool without grants with zeros, no municipalities and no series (the empty state); an unknown pool is null", async () => {
    const f = (await getDashboardFigures(db, emptyPoolId, AS_OF))!;
    expect(f.municipalities).toEqual([]);
    expect(f.pool).toMatchObject({ committedOre: 0n, uncommittedOre: 500_000_000n, initiativeEndsOn: "2026-12-31" });
    expect(f.themes.every((t) => t.points.length === 0)).toBe(true);
    expect(f.indicators).toEqual([]);
    expect(await getDashboardFigures(db, 999_999, AS_OF)).toBeNull();
    const chosen = await choosePool(db, null);
    expect(chosen.pools.find((p) => p.id === chosen.poolId)!.grantCount).toBeGreaterThan(0);
    expect((await choosePool(db, emptyPoolId)).poolId).toBe(emptyPoolId);
    expect((await choosePool(db, 999_999)).poolId).toBeNull();
  });
});

describe("dashboard pages", () => {
  const exportPath = (table: string, format: string, pool = poolId) => `/dashboard/export?pool=${pool}&table=${table}&format=${format}`;
  const get = async (loader: typeof dashboardLoader | typeof exportLoader, user: TestUser, path: string) =>
    settle((loader as typeof dashboardLoader)({ request: await signedInRequest(db, user, path), params: {}, ...ctx }));

  it("serves the ministry only: municipality and advisor are refused; an unknown pool, table or format is not found", async () => {
    const page = (await dashboardLoader({ request: await signedInRequest(db, caseworker, `/dashboard?pool=${poolId}`), params: {}, ...ctx })) as any;
    expect(page.figures.pool.id).toBe(poolId);
    expect(page.tables.kommuner.rows).toHaveLength(4);
    // Only what the page draws goes into the HTML (decision 035): the series' per-municipality
    // values and the municipalities' programmes stay with the tables and exports.
    expect(Object.keys(page.figures.municipalities[0]).sort()).toEqual(["committedOre", "municipalityName", "netPaidOre", "spendReportedOre"]);
    expect(page.figures.themes.length).toBeGreaterThan(0);
    for (const series of [...page.figures.themes, ...page.figures.indicators]) expect(series).not.toHaveProperty("values");
    for (const u of [municipality, advisor]) {
      expect(await get(dashboardLoader, u, "/dashboard"), u.role).toMatchObject({ status: 403 });
      expect(await get(exportLoader, u, exportPath("kommuner", "csv")), u.role).toMatchObject({ status: 403 });
    }
    for (const path of ["/dashboard?pool=999999", "/dashboard?pool=abc"]) expect(await get(dashboardLoader, caseworker, path), path).toMatchObject({ status: 404 });
    for (const path of [exportPath("nope", "csv"), exportPath("kommuner", "pdf"), exportPath("kommuner", "csv", 999_999), "/dashboard/export"]) {
      expect(await get(exportLoader, caseworker, path), path).toMatchObject({ status: 404 });
    }
  });

  it("uses the test clock's now: report counts and the countdown move with it", async () => {
    const moved = await setTestClock(db, admin, AS_OF);
    expect(moved.ok).toBe(true);
    try {
      const page = (await dashboardLoader({ request: await signedInRequest(db, caseworker, `/dashboard?pool=${poolId}`), params: {}, ...ctx })) as any;
      expect(page.figures.today).toBe("2024-07-15");
      expect(page.figures.totals.reports.overdue).toBe(3);
      expect(page.figures.countdown.days).toBe(442);
    } finally {
      await setTestClock(db, admin, null);
    }
  });

  it("exports each table: the CSV and XLSX money equal the ledger to the øre, the rows equal the page's table", async () => {
    const f = (await getDashboardFigures(db, poolId, new Date()))!;
    const csvRes = (await exportLoader({ request: await signedInRequest(db, caseworker, exportPath("kommuner", "csv")), params: {}, ...ctx })) as Response;
    expect(csvRes.headers.get("Content-Disposition")).toMatch(/^attachment; filename="overblik-\d+-kommuner-/);
    const lines = (await csvRes.text()).replace(/^\uFEFF/, "").trim().split("\r\n").map((l) => l.split(";"));
    expect(lines[0]!.slice(0, 6)).toEqual(["Kommune", "Tilsagn (kr.)", "Disponeret (kr.)", "Udbetalt (kr.)", "Tilbagebetalt (kr.)", "Forbrug indberettet (kr.)"]);
    const ore = (text: string) => BigInt(text.replace(",", ""));
    const lolland = lines.find((l) => l[0] === "Lolland")!;
    const g = await ledger(eq(grantLedgerEntries.grantId, grantIds.lolland!));
    expect([ore(lolland[1]!), ore(lolland[2]!), ore(lolland[3]!), ore(lolland[4]!), ore(lolland[5]!)]).toEqual([g.granted, g.committed, g.paid, g.repaid, 100_002_345n]);
    const sumCol = (i: number) => lines.slice(1).reduce((s, l) => s + ore(l[i]!), 0n);
    const l = await ledger(eq(grantLedgerEntries.poolId, poolId));
    expect([sumCol(1), sumCol(2), sumCol(3), sumCol(4)]).toEqual([l.granted, l.committed, l.paid, l.repaid]);

    const xlsxRes = (await exportLoader({ request: await signedInRequest(db, caseworker, exportPath("pulje", "xlsx")), params: {}, ...ctx })) as Response;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsxRes.arrayBuffer()) as never);
    const sheet = wb.worksheets[0]!;
    const row = (label: string) => {
      for (let i = 2; i <= sheet.rowCount; i++) if (sheet.getRow(i).getCell(1).value === label) return sheet.getRow(i);
      throw new Error(label);
    };
    expect(row("Udbetalt").getCell(3).value).toBe(Number(l.paid));
    expect(row("Tilbagebetalt").getCell(3).value).toBe(61_234);
    expect(row("Disponeret nu").getCell(2).value).toBe(Number(l.committed) / 100);
    expect(row("Ikke disponeret").getCell(3).value).toBe(Number(f.pool.uncommittedOre));

    const themes = (await exportLoader({ request: await signedInRequest(db, caseworker, exportPath("temaer", "csv")), params: {}, ...ctx })) as Response;
    const themeLines = (await themes.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(themeLines[1]).toBe("2023-06-30;2,5;;;3;2");
  });
});
