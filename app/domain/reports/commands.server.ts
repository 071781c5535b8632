// Writes for progress reports (statusrapporter) and reporting plans: one transaction each,
// one audit row in it, a Result. The scoped lookup comes first (not in scope: 404), then the
// permission (visible, not allowed: 403), then the state rules (409) and the input (400).
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Database, Tx } from "#db/client";
import {
  grantReportDueDates,
  grantReportIndicators,
  grants,
  municipalities,
  progressReportComments,
  progressReportIndicatorValues,
  progressReports,
  progressReportSpend,
  progressReportThemes,
  progressReportVersions,
  reportIndicators,
  users,
} from "#db/schema";
import type { Actor } from "~/auth/actor";
import { appNow } from "~/domain/clock/clock.server";
import { conflict, invalid, notFound, ok, refused, type Result } from "~/domain/result";
import { enqueueEmail } from "~/mail/outbox.server";
import { getEnv } from "~/env.server";
import { can } from "~/policy/permissions";
import { grantScope, reportScope } from "~/policy/scopes.server";
import { audit, type AuditActor } from "~/utils/audit.server";
import { atTime, copenhagenDateString, formatDate } from "~/utils/dates";
import { parseDanishAmount } from "~/utils/money";
import { progressReportReceiptEmail, progressReportSentBackEmail } from "../../../emails/progress-report";
import { dueDatesWithStatus, grantIndicators, reportBudgetCells, versionContent } from "./queries.server";
import { NARRATIVE_SECTIONS, PLAN_TEMPLATE_MONTHS, REPORT_DUE_KIND_LABELS, THEMES, type IndicatorUnit, type PlanTemplate } from "./report-constants";
import {
  isDueDateChangeable,
  isEditable,
  isReviewable,
  mayLiftReportHold,
  parseReportForm,
  planDueDates,
  spendProblems,
  submitProblems,
  type ReportContent,
} from "./report-rules";

const REPORT_NOT_FOUND = "Rapporten findes ikke.";
const GRANT_NOT_FOUND = "Tilsagnet findes ikke.";
const STALE = "Rapporten er ændret af en anden, siden du åbnede den. Genindlæs siden, og prøv igen.";

// ---------------------------------------------------------------- indicators and plans

export type IndicatorInput = { label: string; unit: IndicatorUnit; description: string };

export async function defineIndicator(db: Database, actor: Actor, poolId: number, input: IndicatorInput): Promise<Result<{ id: number }>> {
  if (!can(actor, "report:plan")) return refused("Du har ikke adgang til at fastlægge indikatorer.");
  return db.transaction(async (tx): Promise<Result<{ id: number }>> => {
    const [same] = await tx
      .select({ id: reportIndicators.id })
      .from(reportIndicators)
      .where(and(eq(reportIndicators.poolId, poolId), sql`lower(${reportIndicators.label}) = lower(${input.label})`));
    if (same) return invalid("Indikatoren findes allerede.", { label: "Puljen har allerede en indikator med det navn." });
    const [{ next }] = await tx
      .select({ next: sql<number>`coalesce(max(${reportIndicators.sortOrder}), 0) + 1` })
      .from(reportIndicators)
      .where(eq(reportIndicators.poolId, poolId));
    const [row] = await tx
      .insert(reportIndicators)
      .values({ poolId, label: input.label, unit: input.unit, description: input.description, sortOrder: Number(next), createdBy: actor.userId })
      .returning();
    await audit(tx, actor, { action: "report_indicator.created", entityType: "pool", entityId: poolId, after: row });
    return ok({ id: row.id });
  });
}

async function lockGrant(tx: Tx, actor: Actor, grantId: number) {
  const [grant] = await tx.select().from(grants).where(and(eq(grants.id, grantId), grantScope(actor))).for("update");
  return grant ?? null;
}

/**
 * Set a grant's plan from a template: the due dates no report has been started for are
 * replaced by the template's; started reports keep theirs. The indicators are the ones chosen.
 */
export async function setReportPlan(
  db: Database,
  actor: Actor,
  grantId: number,
  input: { template: PlanTemplate; indicatorIds: number[] },
): Promise<Result<{ dueDates: number }>> {
  return db.transaction(async (tx): Promise<Result<{ dueDates: number }>> => {
    const grant = await lockGrant(tx, actor, grantId);
    if (!grant) return notFound(GRANT_NOT_FOUND);
    if (!can(actor, "report:plan")) return refused("Du har ikke adgang til at fastlægge rapporteringsplanen.");
    const ids = [...new Set(input.indicatorIds)];
    if (ids.length) {
      const found = await tx
        .select({ id: reportIndicators.id })
        .from(reportIndicators)
        .where(and(inArray(reportIndicators.id, ids), eq(reportIndicators.poolId, grant.poolId), isNull(reportIndicators.archivedAt)));
      if (found.length !== ids.length) return invalid("Vælg indikatorer fra puljens liste.", { "indicatorIds[]": "Vælg indikatorer fra puljens liste." });
    }
    const before = await dueDatesWithStatus(tx, grantId);
    const beforeIndicators = (await grantIndicators(tx, grantId)).map((i) => i.id);
    const keep = before.filter((d) => d.status !== null);
    const drop = before.filter((d) => d.status === null).map((d) => d.id);
    if (drop.length) await tx.delete(grantReportDueDates).where(inArray(grantReportDueDates.id, drop));
    const planned = planDueDates(grant.projectStart, grant.projectEnd, PLAN_TEMPLATE_MONTHS[input.template]);
    const fresh = planned.filter((p) => !keep.some((k) => k.dueOn === p.dueOn));
    if (fresh.length) {
      await tx
        .insert(grantReportDueDates)
        .values(fresh.map((p) => ({ grantId, kind: p.kind, dueOn: p.dueOn, label: p.label })))
        .onConflictDoNothing();
    }
    await tx.delete(grantReportIndicators).where(eq(grantReportIndicators.grantId, grantId));
    if (ids.length) await tx.insert(grantReportIndicators).values(ids.map((indicatorId) => ({ grantId, indicatorId })));
    await audit(tx, actor, {
      action: "report_plan.set",
      entityType: "grant",
      entityId: grantId,
      before: { dueDates: before.map((d) => d.dueOn), indicatorIds: beforeIndicators },
      after: { template: input.template, dueDates: [...keep.map((k) => k.dueOn), ...fresh.map((f) => f.dueOn)].sort(), indicatorIds: ids },
    });
    return ok({ dueDates: keep.length + fresh.length });
  });
}

/** Move a due date or rename it; only while nothing has been submitted for it. */
export async function updateDueDate(
  db: Database,
  actor: Actor,
  grantId: number,
  dueDateId: number,
  input: { dueOn: string; label: string },
): Promise<Result<{ id: number }>> {
  return db.transaction(async (tx): Promise<Result<{ id: number }>> => {
    const grant = await lockGrant(tx, actor, grantId);
    if (!grant) return notFound(GRANT_NOT_FOUND);
    const [due] = await tx
      .select({ due: grantReportDueDates, status: progressReports.status, firstSubmittedAt: progressReports.firstSubmittedAt })
      .from(grantReportDueDates)
      .leftJoin(progressReports, eq(progressReports.dueDateId, grantReportDueDates.id))
      .where(and(eq(grantReportDueDates.id, dueDateId), eq(grantReportDueDates.grantId, grantId)));
    if (!due) return notFound("Fristen findes ikke.");
    if (!can(actor, "report:plan")) return refused("Du har ikke adgang til at ændre rapporteringsplanen.");
    if (!isDueDateChangeable(due.status, due.firstSubmittedAt)) return conflict("Fristen kan ikke ændres: der er allerede indsendt en rapport til den.");
    const [clash] = await tx
      .select({ id: grantReportDueDates.id })
      .from(grantReportDueDates)
      .where(and(eq(grantReportDueDates.grantId, grantId), eq(grantReportDueDates.kind, due.due.kind), eq(grantReportDueDates.dueOn, input.dueOn), sql`${grantReportDueDates.id} <> ${dueDateId}`));
    if (clash) return invalid("Der er allerede en frist den dag.", { dueOn: "Der er allerede en frist af samme slags den dag." });
    const [after] = await tx.update(grantReportDueDates).set({ dueOn: input.dueOn, label: input.label }).where(eq(grantReportDueDates.id, dueDateId)).returning();
    await audit(tx, actor, { action: "report_due_date.changed", entityType: "grant", entityId: grantId, before: due.due, after });
    return ok({ id: dueDateId });
  });
}

// ---------------------------------------------------------------- the municipality's report

/** Open the report for a due date (made at the first use, with an empty draft version). */
export async function startReport(db: Database, actor: Actor, grantId: number, dueDateId: number): Promise<Result<{ id: number }>> {
  return db.transaction(async (tx): Promise<Result<{ id: number }>> => {
    const [row] = await tx
      .select({ due: grantReportDueDates, grant: grants })
      .from(grantReportDueDates)
      .innerJoin(grants, eq(grants.id, grantReportDueDates.grantId))
      .where(and(eq(grantReportDueDates.id, dueDateId), eq(grants.id, grantId), grantScope(actor)))
      .for("update", { of: grants });
    if (!row) return notFound("Fristen findes ikke.");
    const [existing] = await tx.select({ id: progressReports.id }).from(progressReports).where(eq(progressReports.dueDateId, dueDateId));
    if (existing) return ok({ id: existing.id });
    if (!can(actor, "report:edit", { municipalityCode: row.grant.municipalityCode })) return refused("Kun kommunen kan udfylde sine statusrapporter.");
    const [report] = await tx
      .insert(progressReports)
      .values({ grantId, dueDateId, poolId: row.grant.poolId, municipalityCode: row.grant.municipalityCode, kind: row.due.kind })
      .returning();
    await tx.insert(progressReportVersions).values({ reportId: report.id, versionNo: 1, updatedBy: actor.userId });
    await audit(tx, actor, { action: "report.started", entityType: "report", entityId: report.id, after: { grantId, dueOn: row.due.dueOn, label: row.due.label } });
    return ok({ id: report.id });
  });
}

async function lockReport(tx: Tx, actor: { role: string; municipalityCode: string | null; agencyId: number | null }, reportId: number) {
  const [row] = await tx.select().from(progressReports).where(and(eq(progressReports.id, reportId), reportScope(actor))).for("update");
  return row ?? null;
}

async function draftVersion(tx: Tx, reportId: number) {
  const [v] = await tx
    .select()
    .from(progressReportVersions)
    .where(and(eq(progressReportVersions.reportId, reportId), isNull(progressReportVersions.submittedAt)));
  return v ?? null;
}

/** A version's content as its rows (themes, indicator values, spend kept only when there is any); the demo seed writes its history with it too. */
export function contentRows(versionId: number, content: ReportContent) {
  return {
    themes: Object.entries(content.themes).map(([theme, v]) => ({ versionId, theme: theme as (typeof THEMES)[number], score: v.score, note: v.note })),
    indicators: Object.entries(content.indicators).map(([id, v]) => ({ versionId, indicatorId: Number(id), value: v.value, comment: v.comment })),
    spend: Object.entries(content.spend)
      .filter(([, v]) => v.amountOre > 0n || v.explanation)
      .map(([key, v]) => {
        const [categoryId, quarter] = key.split("|");
        return { versionId, categoryId: Number(categoryId), quarter, amountOre: v.amountOre, explanation: v.explanation || null };
      }),
  };
}

async function writeContent(tx: Tx, versionId: number, content: ReportContent) {
  await tx.delete(progressReportThemes).where(eq(progressReportThemes.versionId, versionId));
  await tx.delete(progressReportIndicatorValues).where(eq(progressReportIndicatorValues.versionId, versionId));
  await tx.delete(progressReportSpend).where(eq(progressReportSpend.versionId, versionId));
  const { themes, indicators, spend } = contentRows(versionId, content);
  if (themes.length) await tx.insert(progressReportThemes).values(themes);
  if (indicators.length) await tx.insert(progressReportIndicatorValues).values(indicators);
  if (spend.length) await tx.insert(progressReportSpend).values(spend);
}

const auditContent = (c: ReportContent) => ({
  ...c,
  spend: Object.fromEntries(Object.entries(c.spend).filter(([, v]) => v.amountOre > 0n || v.explanation)),
});

/**
 * Save the draft (intent "save") or save and submit it ("submit"). Only while the report is a
 * draft or sent back; submit needs every section filled in and an explanation for spend over a
 * budget line. The receipt goes through the outbox in the same transaction.
 */
export async function saveReport(
  db: Database,
  actor: Actor,
  reportId: number,
  raw: Record<string, unknown>,
  opts: { submit: boolean; version: number },
): Promise<Result<{ id: number; status: string }>> {
  return db.transaction(async (tx): Promise<Result<{ id: number; status: string }>> => {
    const report = await lockReport(tx, actor, reportId);
    if (!report) return notFound(REPORT_NOT_FOUND);
    if (!can(actor, "report:edit", { municipalityCode: report.municipalityCode })) return refused("Du kan se rapporten, men ikke ændre den.");
    if (report.status === "approved") return conflict("Rapporten er godkendt og kan ikke ændres.");
    if (!isEditable(report.status)) return conflict("Rapporten er indsendt og kan ikke ændres, medmindre ministeriet sender den tilbage.");
    if (report.version !== opts.version) return conflict(STALE);
    const draft = await draftVersion(tx, reportId);
    if (!draft) return conflict("Rapporten har ingen kladde at gemme i.");
    const [due] = await tx.select().from(grantReportDueDates).where(eq(grantReportDueDates.id, report.dueDateId));
    const indicators = await grantIndicators(tx, report.grantId);
    const budget = await reportBudgetCells(tx, report.grantId, due.dueOn, report.kind);
    const { content, errors } = parseReportForm(raw, indicators, budget.lines, parseDanishAmount);
    if (Object.keys(errors).length) return invalid("Rapporten kan ikke gemmes sådan. Ret felterne med fejl.", errors);
    if (opts.submit) {
      const problems = { ...submitProblems(content, indicators.map((i) => i.id)), ...spendProblems(budget.lines, content.spend) };
      if (Object.keys(problems).length) return invalid("Rapporten kan ikke indsendes endnu. Ret felterne med fejl.", problems);
    }
    const before = await versionContent(tx, draft.id);
    const now = new Date();
    await tx
      .update(progressReportVersions)
      .set({
        activities: content.activities,
        deviations: content.deviations,
        nextSteps: content.nextSteps,
        updatedBy: actor.userId,
        updatedAt: now,
        ...(opts.submit ? { submittedAt: now, submittedBy: actor.userId } : {}),
      })
      .where(eq(progressReportVersions.id, draft.id));
    await writeContent(tx, draft.id, content);
    const status = opts.submit ? "submitted" : report.status;
    await tx
      .update(progressReports)
      .set({
        status,
        version: report.version + 1,
        updatedAt: now,
        ...(opts.submit ? { submittedAt: now, firstSubmittedAt: report.firstSubmittedAt ?? now } : {}),
      })
      .where(eq(progressReports.id, reportId));
    await audit(tx, actor, {
      action: opts.submit ? "report.submitted" : "report.saved",
      entityType: "report",
      entityId: reportId,
      before: { status: report.status, versionNo: draft.versionNo, content: auditContent(before) },
      after: { status, versionNo: draft.versionNo, content: auditContent(content) },
    });
    if (opts.submit) {
      const [m] = await tx.select({ name: municipalities.name }).from(municipalities).where(eq(municipalities.code, report.municipalityCode));
      const label = due.label || REPORT_DUE_KIND_LABELS[report.kind];
      await enqueueEmail(tx, {
        ...progressReportReceiptEmail({
          name: actor.name,
          municipalityName: m?.name ?? report.municipalityCode,
          label,
          dueOn: formatDate(due.dueOn),
          submittedAt: atTime(now),
          versionNo: draft.versionNo,
          link: `${getEnv().APP_ORIGIN}/reports/${reportId}`,
        }),
        to: actor.email,
        template: "progress-report-receipt",
      });
    }
    return ok({ id: reportId, status });
  });
}

// ---------------------------------------------------------------- review

export const COMMENT_SECTIONS = (indicatorIds: number[]) => [
  ...NARRATIVE_SECTIONS,
  ...THEMES.map((t) => `theme:${t}`),
  ...indicatorIds.map((id) => `indicator:${id}`),
  "spend",
];

/**
 * Approve a submitted report, or send it back with comments per section (at least one). A
 * send-back starts the next draft version as a copy of the submitted one; approval is final
 * and lifts an automatic payment hold when nothing else is overdue.
 */
export async function reviewReport(
  db: Database,
  actor: Actor,
  reportId: number,
  input: { decision: "approved" | "sent_back"; version: number; comments: Record<string, string>; note: string },
): Promise<Result<{ id: number; holdLifted: boolean }>> {
  return db.transaction(async (tx): Promise<Result<{ id: number; holdLifted: boolean }>> => {
    const report = await lockReport(tx, actor, reportId);
    if (!report) return notFound(REPORT_NOT_FOUND);
    if (!can(actor, "report:review")) return refused("Du har ikke adgang til at godkende eller sende rapporter tilbage.");
    if (report.status === "approved") return conflict("Rapporten er allerede godkendt og kan ikke ændres.");
    if (!isReviewable(report.status)) return conflict("Rapporten er ikke indsendt, så der er intet at tage stilling til.");
    if (report.version !== input.version) return conflict(STALE);
    const [submitted] = await tx
      .select()
      .from(progressReportVersions)
      .where(and(eq(progressReportVersions.reportId, reportId), eq(progressReportVersions.versionNo, report.currentVersionNo)));
    const indicators = await grantIndicators(tx, report.grantId);
    const allowed = new Set(COMMENT_SECTIONS(indicators.map((i) => i.id)));
    const comments = Object.entries(input.comments)
      .map(([section, body]) => [section, body.trim()] as const)
      .filter(([section, body]) => allowed.has(section) && body);
    const now = new Date();
    if (input.decision === "sent_back" && comments.length === 0 && !input.note.trim()) {
      return invalid("Skriv mindst én kommentar, så kommunen ved, hvad der skal rettes.", { note: "Skriv en kommentar til et afsnit eller en samlet bemærkning." });
    }
    await tx
      .update(progressReportVersions)
      .set({ reviewDecision: input.decision, reviewComment: input.note.trim() || null, reviewedBy: actor.userId, reviewedAt: now })
      .where(eq(progressReportVersions.id, submitted.id));
    let holdLifted = false;
    if (input.decision === "approved") {
      await tx
        .update(progressReports)
        .set({ status: "approved", approvedAt: now, approvedBy: actor.userId, version: report.version + 1, updatedAt: now })
        .where(eq(progressReports.id, reportId));
      await audit(tx, actor, {
        action: "report.approved",
        entityType: "report",
        entityId: reportId,
        before: { status: report.status },
        after: { status: "approved", versionNo: submitted.versionNo, note: input.note.trim() || null },
      });
      holdLifted = await afterReportApproved(tx, report.grantId, { actor, today: copenhagenDateString(await appNow(tx)) });
    } else {
      if (comments.length) {
        await tx.insert(progressReportComments).values(comments.map(([section, body]) => ({ versionId: submitted.id, section, body, authorId: actor.userId })));
      }
      const content = await versionContent(tx, submitted.id);
      const [next] = await tx
        .insert(progressReportVersions)
        .values({
          reportId,
          versionNo: submitted.versionNo + 1,
          activities: content.activities,
          deviations: content.deviations,
          nextSteps: content.nextSteps,
          updatedBy: actor.userId,
        })
        .returning();
      await writeContent(tx, next.id, content);
      await tx
        .update(progressReports)
        .set({ status: "sent_back", currentVersionNo: next.versionNo, submittedAt: null, version: report.version + 1, updatedAt: now })
        .where(eq(progressReports.id, reportId));
      await audit(tx, actor, {
        action: "report.sent_back",
        entityType: "report",
        entityId: reportId,
        before: { status: report.status, versionNo: submitted.versionNo },
        after: { status: "sent_back", versionNo: next.versionNo, note: input.note.trim() || null, comments: Object.fromEntries(comments) },
      });
      if (submitted.submittedBy) {
        const [to] = await tx.select({ email: users.email, name: users.name, status: users.status }).from(users).where(eq(users.id, submitted.submittedBy));
        const [due] = await tx.select().from(grantReportDueDates).where(eq(grantReportDueDates.id, report.dueDateId));
        if (to && to.status === "active") {
          await enqueueEmail(tx, {
            ...progressReportSentBackEmail({ name: to.name, label: due.label || REPORT_DUE_KIND_LABELS[report.kind], link: `${getEnv().APP_ORIGIN}/reports/${reportId}` }),
            to: to.email,
            template: "progress-report-sent-back",
          });
        }
      }
    }
    return ok({ id: reportId, holdLifted });
  });
}

/**
 * The call point after a report is approved (in the approving transaction): an automatic
 * payment hold (source "report") is lifted when no due date of the grant is overdue any
 * more; a manual hold stays. Returns whether a hold was lifted.
 */
export async function afterReportApproved(tx: Tx, grantId: number, opts: { actor: AuditActor; today: string }): Promise<boolean> {
  const [grant] = await tx.select().from(grants).where(eq(grants.id, grantId)).for("update");
  if (!grant || grant.paymentHoldSource !== "report" || grant.paymentHoldReason === null) return false;
  const dueDates = await dueDatesWithStatus(tx, grantId);
  if (!mayLiftReportHold(dueDates, opts.today)) return false;
  await tx.update(grants).set({ paymentHoldReason: null, paymentHoldSource: null, updatedAt: new Date() }).where(eq(grants.id, grantId));
  await audit(tx, opts.actor, {
    action: "payment.hold-lifted-by-report",
    entityType: "grant",
    entityId: grantId,
    before: { paymentHoldReason: grant.paymentHoldReason, paymentHoldSource: grant.paymentHoldSource },
    after: { paymentHoldReason: null, paymentHoldSource: null },
  });
  return true;
}
