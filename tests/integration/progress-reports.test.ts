// Progress reports (statusrapporter) through the domain commands: the plan from the template,
// a municipality fills in and submits (receipt through the outbox), sees only its own; a
// submitted report cannot change until sent back; spend over a budget line needs an
// explanation; send-back keeps the versions and the comments; approval is final and lifts an
// automatic payment hold when nothing else is overdue.
import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, emailOutbox, grants, progressReportComments, progressReports, progressReportVersions } from "#db/schema";
import { getDb } from "~/db.server";
import {
  afterReportApproved,
  defineIndicator,
  reviewReport,
  saveReport,
  setReportPlan,
  startReport,
  updateDueDate,
} from "~/domain/reports/commands.server";
import { grantReporting, listReports, reportDetail, versionContent } from "~/domain/reports/queries.server";
import { createUser, type TestUser } from "../fixtures";
import { makeBudgetGrant } from "./budget-change-fixtures";
import { systemActor } from "./grant-fixtures";

let db: Awaited<ReturnType<typeof getDb>>;
let caseworker: TestUser, lolland: TestUser, other: TestUser;
let g: Awaited<ReturnType<typeof makeBudgetGrant>>;
let indicatorIds: number[];

const THEMES = ["udredning", "indsats", "opfoelgning", "inddragelse"];
function fullForm(extra: Record<string, string> = {}) {
  const f: Record<string, string> = { activities: "Vi har holdt kick-off og to workshops.", deviations: "", nextSteps: "Sagsgennemgang i efteråret." };
  for (const t of THEMES) {
    f[`theme_${t}_score`] = "3";
    f[`theme_${t}_note`] = `Note om ${t}`;
  }
  f[`indicator_${indicatorIds[0]}`] = "62,5";
  f[`indicator_${indicatorIds[1]}`] = "14";
  f[`spend_${g.categories[0].id}_2023-Q1`] = "50.000,00";
  return { ...f, ...extra };
}
async function reportRow(id: number) {
  const [r] = await db.select().from(progressReports).where(eq(progressReports.id, id));
  return r!;
}
async function dueDateIds(grantId: number) {
  return (await grantReporting(db, caseworker, grantId))!.dueDates;
}

beforeAll(async () => {
  db = await getDb();
  g = await makeBudgetGrant(db, "0360");
  caseworker = await createUser(db, "caseworker");
  lolland = await createUser(db, "municipality", { municipalityCode: "0360" });
  other = await createUser(db, "municipality", { municipalityCode: "0320" });
  indicatorIds = [];
  for (const [label, unit] of [["Andel børnesamtaler før afgørelse", "percent"], ["Sager gennemgået i ledelsestilsyn", "count"]] as const) {
    const r = await defineIndicator(db, caseworker, g.poolId, { label, unit, description: "" });
    if (!r.ok) throw new Error(r.message);
    indicatorIds.push(r.value.id);
  }
});

describe("progress reports", () => {
  it("staff define indicators (a municipality may not) and set the plan from the template", async () => {
    expect(await defineIndicator(db, lolland, g.poolId, { label: "X", unit: "count", description: "" })).toMatchObject({ ok: false, kind: "refused" });
    const dup = await defineIndicator(db, caseworker, g.poolId, { label: "andel børnesamtaler før afgørelse", unit: "percent", description: "" });
    expect(dup).toMatchObject({ ok: false, kind: "invalid", errors: { label: expect.any(String) } });
    expect(await setReportPlan(db, lolland, g.grant.id, { template: "half_yearly", indicatorIds })).toMatchObject({ ok: false, kind: "refused" });
    const r = await setReportPlan(db, caseworker, g.grant.id, { template: "half_yearly", indicatorIds });
    expect(r).toEqual({ ok: true, value: { dueDates: 4 } });
    const plan = await dueDateIds(g.grant.id);
    expect(plan.map((d) => [d.kind, d.dueOn])).toEqual([
      ["status_report", "2023-06-30"],
      ["status_report", "2023-12-31"],
      ["status_report", "2024-06-30"],
      ["final_report", "2025-02-28"],
    ]);
    const moved = await updateDueDate(db, caseworker, g.grant.id, plan[0].id, { dueOn: "2023-07-15", label: "Statusrapport 1" });
    expect(moved.ok).toBe(true);
    const [row] = await db.select().from(auditLog).where(and(eq(auditLog.action, "report_plan.set"), eq(auditLog.entityId, String(g.grant.id))));
    expect(row).toBeTruthy();
  });

  it("a municipality sees only its own reports (scope in the query)", async () => {
    const plan = await dueDateIds(g.grant.id);
    expect(await startReport(db, other, g.grant.id, plan[0].id)).toMatchObject({ ok: false, kind: "not_found" });
    const started = await startReport(db, lolland, g.grant.id, plan[0].id);
    expect(started.ok).toBe(true);
    const id = started.ok ? started.value.id : 0;
    expect(await reportDetail(db, lolland, id)).not.toBeNull();
    expect(await reportDetail(db, other, id)).toBeNull();
    expect(await reportDetail(db, caseworker, id)).not.toBeNull();
    const list = await listReports(db, other, { status: "", poolId: null, municipality: "", q: "", page: 1 });
    expect(list.rows.map((r) => r.id)).not.toContain(id);
    expect((await listReports(db, lolland, { status: "", poolId: null, municipality: "", q: "", page: 1 })).rows.map((r) => r.id)).toContain(id);
    // Another municipality cannot write to it either: not found.
    expect(await saveReport(db, other, id, fullForm(), { submit: false, version: 1 })).toMatchObject({ ok: false, kind: "not_found" });
  });

  it("spend over a budget line needs an explanation to submit; the draft saves half done", async () => {
    const id = (await reportRow((await dueDateIds(g.grant.id))[0].reportId!)).id;
    const half = await saveReport(db, lolland, id, { activities: "Kun lidt endnu" }, { submit: false, version: 1 });
    expect(half).toMatchObject({ ok: true });
    // 62.500 kr. in the line; 70.000 kr. spent without a word.
    const over = fullForm({ [`spend_${g.categories[0].id}_2023-Q1`]: "70.000,00" });
    const refused = await saveReport(db, lolland, id, over, { submit: true, version: 2 });
    expect(refused).toMatchObject({ ok: false, kind: "invalid", errors: { [`spend_${g.categories[0].id}_2023-Q1_explanation`]: expect.stringContaining("Forklar") } });
    expect((await reportRow(id)).status).toBe("draft");
    const explained = await saveReport(db, lolland, id, { ...over, [`spend_${g.categories[0].id}_2023-Q1_explanation`]: "Ekstra vikarer under kurset." }, { submit: true, version: 2 });
    expect(explained).toMatchObject({ ok: true, value: { status: "submitted" } });
    const mails = await db.select().from(emailOutbox).where(and(eq(emailOutbox.toAddress, lolland.email), eq(emailOutbox.template, "progress-report-receipt")));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain("modtaget");
  });

  it("a submitted report cannot be changed without being sent back", async () => {
    const id = (await dueDateIds(g.grant.id))[0].reportId!;
    const r = await saveReport(db, lolland, id, fullForm({ activities: "Ændret bagefter" }), { submit: false, version: 3 });
    expect(r).toMatchObject({ ok: false, kind: "conflict" });
    expect((await reportDetail(db, lolland, id))!.content.activities).toBe("Vi har holdt kick-off og to workshops.");
    // Staff cannot edit a municipality's report either.
    expect(await saveReport(db, caseworker, id, fullForm(), { submit: false, version: 3 })).toMatchObject({ ok: false, kind: "refused" });
  });

  it("send back with comments per section keeps the version; the municipality fixes and resubmits", async () => {
    const id = (await dueDateIds(g.grant.id))[0].reportId!;
    expect(await reviewReport(db, caseworker, id, { decision: "sent_back", version: 3, comments: {}, note: "" })).toMatchObject({ ok: false, kind: "invalid" });
    expect(await reviewReport(db, lolland, id, { decision: "approved", version: 3, comments: {}, note: "" })).toMatchObject({ ok: false, kind: "refused" });
    const back = await reviewReport(db, caseworker, id, { decision: "sent_back", version: 3, comments: { deviations: "Beskriv afvigelsen i 1. kvt.", bogus: "x" }, note: "" });
    expect(back.ok).toBe(true);
    const detail = (await reportDetail(db, lolland, id))!;
    expect(detail.report.status).toBe("sent_back");
    expect(detail.report.currentVersionNo).toBe(2);
    expect(detail.comments.map((c) => [c.section, c.body])).toEqual([["deviations", "Beskriv afvigelsen i 1. kvt."]]);
    // The new draft starts as a copy of what was submitted.
    expect(detail.content.themes.udredning).toEqual({ score: 3, note: "Note om udredning" });
    const fixed = await saveReport(db, lolland, id, fullForm({ deviations: "Kurset blev flyttet til 1. kvt.", [`spend_${g.categories[0].id}_2023-Q1_explanation`]: "" }), { submit: true, version: 4 });
    expect(fixed).toMatchObject({ ok: true, value: { status: "submitted" } });
    const versions = await db.select().from(progressReportVersions).where(eq(progressReportVersions.reportId, id)).orderBy(asc(progressReportVersions.versionNo));
    expect(versions.map((v) => [v.versionNo, v.reviewDecision, v.submittedAt !== null])).toEqual([
      [1, "sent_back", true],
      [2, null, true],
    ]);
    expect((await versionContent(db, versions[0]!.id)).deviations).toBe("");
    expect((await versionContent(db, versions[1]!.id)).deviations).toBe("Kurset blev flyttet til 1. kvt.");
    const comments = await db.select().from(progressReportComments).where(eq(progressReportComments.versionId, versions[0]!.id));
    expect(comments).toHaveLength(1);
  });

  it("approval is final: no edit and no second decision after it", async () => {
    const id = (await dueDateIds(g.grant.id))[0].reportId!;
    expect(await reviewReport(db, caseworker, id, { decision: "approved", version: 5, comments: {}, note: "Fin rapport." })).toMatchObject({ ok: true });
    expect(await saveReport(db, lolland, id, fullForm(), { submit: false, version: 6 })).toMatchObject({ ok: false, kind: "conflict", message: expect.stringContaining("godkendt") });
    expect(await reviewReport(db, caseworker, id, { decision: "sent_back", version: 6, comments: { activities: "x" }, note: "" })).toMatchObject({ ok: false, kind: "conflict" });
    const plan = await dueDateIds(g.grant.id);
    expect(await updateDueDate(db, caseworker, g.grant.id, plan[0].id, { dueOn: "2023-08-01", label: "x" })).toMatchObject({ ok: false, kind: "conflict" });
    const actions = (await db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.entityType, "report"), eq(auditLog.entityId, String(id))))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["report.started", "report.saved", "report.submitted", "report.sent_back", "report.approved"]));
  });

  it("approval lifts an automatic (report) hold when nothing else is overdue; never a manual one", async () => {
    const h = await makeBudgetGrant(db, "0360");
    await setReportPlan(db, caseworker, h.grant.id, { template: "yearly", indicatorIds: [] });
    const plan = await dueDateIds(h.grant.id);
    // The plan: 2023-12-31 and the final 2025-02-28. The test clock is not set: today is real time (after both).
    await db.update(grants).set({ paymentHoldReason: "Statusrapport mangler", paymentHoldSource: "report" }).where(eq(grants.id, h.grant.id));
    const submitAndApprove = async (dueDateId: number) => {
      const s = await startReport(db, lolland, h.grant.id, dueDateId);
      const id = s.ok ? s.value.id : 0;
      const form: Record<string, string> = { activities: "a", nextSteps: "n" };
      for (const t of THEMES) form[`theme_${t}_score`] = "4";
      expect(await saveReport(db, lolland, id, form, { submit: true, version: 1 })).toMatchObject({ ok: true });
      return reviewReport(db, caseworker, id, { decision: "approved", version: 2, comments: {}, note: "" });
    };
    // The first approved, the final one still overdue: the hold stays.
    expect(await submitAndApprove(plan[0].id)).toMatchObject({ ok: true, value: { holdLifted: false } });
    expect((await db.select().from(grants).where(eq(grants.id, h.grant.id)))[0]!.paymentHoldSource).toBe("report");
    expect(await submitAndApprove(plan[1].id)).toMatchObject({ ok: true, value: { holdLifted: true } });
    const [after] = await db.select().from(grants).where(eq(grants.id, h.grant.id));
    expect([after!.paymentHoldReason, after!.paymentHoldSource]).toEqual([null, null]);
    const lifted = await db.select().from(auditLog).where(and(eq(auditLog.action, "payment.hold-lifted-by-report"), eq(auditLog.entityId, String(h.grant.id))));
    expect(lifted).toHaveLength(1);
    // A manual hold is the staff's: the hook leaves it.
    await db.update(grants).set({ paymentHoldReason: "Standset af sagsbehandler", paymentHoldSource: "manual" }).where(eq(grants.id, h.grant.id));
    expect(await db.transaction((tx) => afterReportApproved(tx, h.grant.id, { actor: systemActor, today: "2030-01-01" }))).toBe(false);
    expect((await db.select().from(grants).where(eq(grants.id, h.grant.id)))[0]!.paymentHoldReason).toBe("Standset af sagsbehandler");
  });
});
