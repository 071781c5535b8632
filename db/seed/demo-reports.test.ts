// The demo's status reports (demo-reports.ts) on a fully seeded demo: plans for the nine
// 2022 grants, reports by status, one sent back and resubmitted, one late with its grant's
// payments held by the overdue-report rule, spend within the budget but one explained line,
// indicators that move; the jobs find nothing to mail or hold on first start; the dashboard
// and the status pack read it; and the caseworker's approval of the late report lifts the hold.
import { and, asc, eq, inArray, like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  emailOutbox,
  grantAccountLines,
  grantAccounts,
  grantReportDueDates,
  grantReportIndicators,
  grants,
  payments,
  progressReportComments,
  progressReports,
  progressReportVersions,
  reportReminders,
} from "#db/schema";
import type { Actor } from "~/auth/actor";
import { getDashboardFigures } from "~/domain/dashboard/figures.server";
import { COMMENT_SECTIONS, reviewReport } from "~/domain/reports/commands.server";
import { holdGrantsWithOverdueReports, overdueHoldReason } from "~/domain/reports/overdue-hold.server";
import { grantIndicators, reportBudgetCells, versionContent } from "~/domain/reports/queries.server";
import { remindReports } from "~/domain/reports/reminders.server";
import { changedFields, isOverdue, spendKey } from "~/domain/reports/report-rules";
import { loadStatusPackFigures } from "~/domain/status-pack/figures.server";
import { getDb } from "~/db.server";
import { copenhagenDateString } from "~/utils/dates";
import { GRANTED, seedDemo } from "./demo";
import { DEMO_INDICATORS } from "./demo-reporting";
import { DEMO_REPORT_CASES } from "./demo-reports";
import { DEMO_UNSPENT_ORE } from "./demo-settlement";
import { readMunicipalities } from "./reference";

const now = new Date("2026-03-10T09:00:00Z");
const codeOf = new Map(readMunicipalities().map((m) => [m.name, m.code]));
let db: Awaited<ReturnType<typeof getDb>>;
let seeded: Awaited<ReturnType<typeof seedDemo>>;
let nine: (typeof grants.$inferSelect)[];
const grantOf = (name: string) => nine.find((g) => g.municipalityCode === codeOf.get(name))!;

async function reportsOf(grantId: number) {
  return db
    .select({ report: progressReports, dueOn: grantReportDueDates.dueOn, label: grantReportDueDates.label, kind: grantReportDueDates.kind })
    .from(progressReports)
    .innerJoin(grantReportDueDates, eq(grantReportDueDates.id, progressReports.dueDateId))
    .where(eq(progressReports.grantId, grantId))
    .orderBy(asc(grantReportDueDates.dueOn));
}
async function versionsOf(reportId: number) {
  return db.select().from(progressReportVersions).where(eq(progressReportVersions.reportId, reportId)).orderBy(asc(progressReportVersions.versionNo));
}

beforeAll(async () => {
  db = await getDb();
  const t = performance.now();
  seeded = await seedDemo(db, { now });
  console.log(`seedDemo with reports: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  nine = await db.select().from(grants).where(eq(grants.callId, seeded.historicalCallId)).orderBy(asc(grants.id));
}, 240_000);

describe("demo status reports", () => {
  it("gives each of the nine grants its plan (three status reports and a final report) and the four indicators", async () => {
    expect(nine).toHaveLength(9);
    for (const g of nine) {
      const due = await db.select().from(grantReportDueDates).where(eq(grantReportDueDates.grantId, g.id)).orderBy(asc(grantReportDueDates.dueOn));
      expect(due.map((d) => [d.kind, d.dueOn])).toEqual([
        ["status_report", "2023-06-30"],
        ["status_report", "2023-12-31"],
        ["status_report", "2024-06-30"],
        ["final_report", "2025-02-28"],
      ]);
      expect((await grantIndicators(db, g.id)).map((i) => i.label)).toEqual(DEMO_INDICATORS.map((d) => d.label));
    }
    expect(await db.select().from(grantReportIndicators)).toHaveLength(36);
  });

  it("has a report for every due date: 34 approved, 2 waiting for the caseworker (Langeland's), none overdue", async () => {
    const rows = await db.select({ status: progressReports.status, code: progressReports.municipalityCode }).from(progressReports);
    expect(rows).toHaveLength(36);
    const by = (s: string) => rows.filter((r) => r.status === s);
    expect(by("approved")).toHaveLength(34);
    expect(by("submitted").map((r) => r.code)).toEqual([codeOf.get("Langeland"), codeOf.get("Langeland")]);
    const today = copenhagenDateString(now);
    const due = await db
      .select({ dueOn: grantReportDueDates.dueOn, status: progressReports.status })
      .from(grantReportDueDates)
      .leftJoin(progressReports, eq(progressReports.dueDateId, grantReportDueDates.id));
    expect(due.filter((d) => isOverdue(d.dueOn, d.status, today))).toEqual([]);
  });

  it("has exactly one report sent back with a section comment and resubmitted: two versions, the deviations changed, then approved", async () => {
    const multi = [];
    for (const r of await db.select().from(progressReports)) {
      const v = await versionsOf(r.id);
      if (v.length > 1) multi.push({ r, v });
    }
    expect(multi).toHaveLength(1);
    const [{ r, v }] = multi;
    expect(r.municipalityCode).toBe(codeOf.get(DEMO_REPORT_CASES.sentBack.municipality));
    expect(v.map((x) => x.reviewDecision)).toEqual(["sent_back", "approved"]);
    expect(r).toMatchObject({ status: "approved", currentVersionNo: 2 });
    expect(v.every((x) => x.submittedAt !== null)).toBe(true);
    expect(v[1]!.submittedAt!.getTime()).toBeGreaterThan(v[0]!.reviewedAt!.getTime());
    const comments = await db.select().from(progressReportComments).where(eq(progressReportComments.versionId, v[0]!.id));
    expect(comments.map((c) => c.section)).toEqual(["deviations"]);
    expect(COMMENT_SECTIONS((await grantIndicators(db, r.grantId)).map((i) => i.id))).toContain("deviations");
    expect([...changedFields(await versionContent(db, v[0]!.id), await versionContent(db, v[1]!.id))]).toEqual(["deviations"]);
    // Resubmitted before the due date: never overdue, so never held.
    const [due] = await db.select().from(grantReportDueDates).where(eq(grantReportDueDates.id, r.dueDateId));
    expect(copenhagenDateString(v[1]!.submittedAt!) <= due!.dueOn).toBe(true);
    expect(nine.find((g) => g.id === r.grantId)!.paymentHoldReason).toBeNull();
  });

  it("has one report missed and submitted late: its grant (Langeland's) is held by the overdue-report rule, and only that one", async () => {
    const late = [];
    for (const g of nine) for (const r of await reportsOf(g.id)) if (copenhagenDateString(r.report.firstSubmittedAt!) > r.dueOn) late.push({ g, r });
    expect(late).toHaveLength(1);
    const [{ g, r }] = late;
    expect(g.municipalityCode).toBe(codeOf.get(DEMO_REPORT_CASES.late.municipality));
    expect(r.report.status).toBe("submitted");
    expect(g.paymentHoldSource).toBe("report");
    expect(g.paymentHoldReason).toBe(overdueHoldReason(r, r.dueOn));
    expect(g.paymentHoldReason).toBe("Statusrapport 3 med frist 30.06.2024 er ikke modtaget.");
    expect(nine.filter((x) => x.paymentHoldReason !== null).map((x) => x.id)).toEqual([g.id]);
    // Payments through 3. kvt. 2024 paid, the last quarter left planned while held.
    const plan = await db.select().from(payments).where(eq(payments.grantId, g.id)).orderBy(asc(payments.quarter));
    expect(plan.filter((p) => p.quarter === "2024-Q4").map((p) => p.status)).toEqual(["planned"]);
    // The reminders before and after the missed due date were sent then.
    const claims = await db.select().from(reportReminders).where(eq(reportReminders.dueDateId, r.report.dueDateId));
    expect(claims.map((c) => c.kind).sort()).toEqual(["before_14", "before_3", "overdue_1"]);
  });

  it("keeps spend within each budget line in force, except one line over budget with an explanation", async () => {
    const over: string[] = [];
    for (const g of nine) {
      for (const r of await reportsOf(g.id)) {
        const budget = await reportBudgetCells(db, g.id, r.dueOn, r.kind);
        const line = new Map(budget.lines.map((l) => [spendKey(l.categoryId, l.quarter), l.amountOre]));
        for (const v of await versionsOf(r.report.id)) {
          const content = await versionContent(db, v.id);
          expect(Object.keys(content.spend).sort()).toEqual([...line.keys()].sort());
          for (const [key, s] of Object.entries(content.spend)) {
            if (s.amountOre <= line.get(key)!) continue;
            expect(s.explanation.length).toBeGreaterThan(40);
            over.push(`${g.municipalityCode}|${key}`);
          }
          if (r.kind === "final_report") {
            const total = Object.values(content.spend).reduce((n, s) => n + s.amountOre, 0n);
            expect(total).toBeLessThan(g.awardedOre);
          }
        }
      }
    }
    // The same line in the two reports that show 2. kvt. 2024 (the third status report and the final one).
    const ob = DEMO_REPORT_CASES.overBudget;
    expect(new Set(over).size).toBe(1);
    expect(over).toHaveLength(2);
    expect(over[0]).toMatch(new RegExp(`^${codeOf.get(ob.municipality)}\\|\\d+\\|${ob.quarter}$`));
  });

  it("has Struer's final report spend per line exactly as its approved accounts (under the grant by the repayment)", async () => {
    const g = grantOf(DEMO_REPORT_CASES.settled.municipality);
    const final = (await reportsOf(g.id)).find((r) => r.kind === "final_report")!;
    const content = await versionContent(db, (await versionsOf(final.report.id))[0]!.id);
    const perCategory = new Map<number, bigint>();
    for (const [key, s] of Object.entries(content.spend)) perCategory.set(Number(key.split("|")[0]), (perCategory.get(Number(key.split("|")[0])) ?? 0n) + s.amountOre);
    const lines = await db
      .select({ categoryId: grantAccountLines.categoryId, spentOre: grantAccountLines.spentOre })
      .from(grantAccountLines)
      .innerJoin(grantAccounts, eq(grantAccounts.id, grantAccountLines.accountsId))
      .where(eq(grantAccounts.grantId, g.id));
    expect(Object.fromEntries(lines.map((l) => [l.categoryId, l.spentOre]))).toEqual(Object.fromEntries(perCategory));
    expect([...perCategory.values()].reduce((a, b) => a + b, 0n)).toBe(g.awardedOre - DEMO_UNSPENT_ORE);
    expect(g.status).toBe("closed");
  });

  it("fills every submitted version: four themes scored 1–5 with a Danish note, and indicator values that move over time", async () => {
    for (const g of nine) {
      const series: number[][] = [];
      for (const r of await reportsOf(g.id)) {
        const v = (await versionsOf(r.report.id)).at(-1)!;
        const c = await versionContent(db, v.id);
        expect(c.activities.length).toBeGreaterThan(100);
        expect(c.nextSteps.length).toBeGreaterThan(40);
        for (const t of Object.values(c.themes)) {
          expect(t.score).toBeGreaterThanOrEqual(1);
          expect(t.score).toBeLessThanOrEqual(5);
          expect(t.note).toMatch(/[a-zæøå]{3}/);
        }
        series.push(Object.values(c.indicators).map((i) => Number(i.value)));
      }
      for (let i = 0; i < DEMO_INDICATORS.length; i++) {
        const values = series.map((s) => s[i]!);
        expect(new Set(values).size, `${g.municipalityCode} ${DEMO_INDICATORS[i]!.label}: ${values}`).toBeGreaterThan(1);
        if (DEMO_INDICATORS[i]!.unit === "percent") expect(values.every((x) => x >= 0 && x <= 100)).toBe(true);
        else expect(values.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
      }
      // Staff trained is cumulative: it never goes down.
      const trained = series.map((s) => s[3]!);
      expect(trained).toEqual([...trained].sort((a, b) => a - b));
      // Langeland's late report says its conversations and supervision fell back in spring 2024: they did.
      if (g.municipalityCode === codeOf.get(DEMO_REPORT_CASES.late.municipality)) {
        for (const i of [0, 1, 2]) expect(series[2]![i]!).toBeLessThan(series[1]![i]!);
      }
    }
  });

  it("leaves the reminder and overdue-hold jobs nothing to do on first start (seed date and today), and mails nothing about reports", async () => {
    for (const at of [now, new Date()]) {
      await db.transaction(async (tx) => {
        expect(await remindReports(tx, at)).toEqual({ reminded: 0, mails: 0 });
        expect(await holdGrantsWithOverdueReports(tx, at)).toEqual({ held: 0, grantIds: [] });
      });
    }
    const mails = await db.select({ template: emailOutbox.template }).from(emailOutbox).where(like(emailOutbox.template, "%report%"));
    expect(mails).toEqual([]);
    expect((await db.select().from(reportReminders)).length).toBeGreaterThan(9);
  });

  it("feeds the dashboard and the status pack: reports received, spend reported, indicators per municipality", async () => {
    const poolId = nine[0]!.poolId;
    const f = (await getDashboardFigures(db, poolId, now))!;
    expect(f.municipalities.every((m) => m.hasSpendReport && m.spendReportedOre > 0n)).toBe(true);
    const pack = (await loadStatusPackFigures(db, poolId, copenhagenDateString(now)))!;
    expect(pack.grants.reduce((n, g) => n + g.reportsReceived, 0)).toBe(36);
    expect(pack.grants.reduce((n, g) => n + g.reportsOverdue, 0)).toBe(0);
    // As of the end of 2024 (before the late report came in): Langeland's third status report overdue.
    const then = (await loadStatusPackFigures(db, poolId, "2024-12-31"))!;
    expect(then.grants.filter((g) => g.reportsOverdue > 0).map((g) => g.municipalityCode)).toEqual([codeOf.get("Langeland")]);
  });

  it("lifts Langeland's hold when the caseworker approves the late report (the acceptance walk)", async () => {
    const g = grantOf("Langeland");
    const late = (await reportsOf(g.id)).find((r) => r.label === "Statusrapport 3")!;
    const caseworker: Actor = {
      userId: seeded.caseworkerId,
      name: "Sagsbehandler",
      email: "sagsbehandler@example.test",
      role: "caseworker",
      municipalityCode: null,
      municipalityName: null,
      agencyId: null,
      agencyName: null,
      requestId: "test",
    };
    const r = await reviewReport(db, caseworker, late.report.id, { decision: "approved", version: late.report.version, comments: {}, note: "" });
    expect(r).toEqual({ ok: true, value: { id: late.report.id, holdLifted: true } });
    const [after] = await db.select().from(grants).where(eq(grants.id, g.id));
    expect(after).toMatchObject({ paymentHoldReason: null, paymentHoldSource: null });
    expect(await db.select().from(grants).where(and(inArray(grants.id, nine.map((x) => x.id)), eq(grants.paymentHoldSource, "report")))).toEqual([]);
  });
});
