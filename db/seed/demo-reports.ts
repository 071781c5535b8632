// Demo: the nine 2022 grants' reporting plans together with their status reports
// (2023–2025), written as the reporting commands would have written them at the time:
// a report row per due date, its versions (a submission freezes one; a send-back starts
// the next), themes, indicators, spend per budget line and quarter, the caseworker's
// section comment, the reminder claims the daily job would have made, and audit rows
// dated when each step happened. Most reports are approved; Tønder's third status report
// was sent back once and resubmitted; Langeland's third was missed, so the overdue-report
// job (run here at the moment it fell overdue) stopped the grant's payments with source
// 'report', and it was submitted late in February 2025 together with the final report:
// both wait for the caseworker, whose approval lifts the hold. Deterministic: the same
// numbers on every run.
import { and, asc, eq } from "drizzle-orm";
import type { Tx } from "../client";
import {
  auditLog,
  grantReportDueDates,
  grants,
  memberships,
  progressReportComments,
  progressReportIndicatorValues,
  progressReports,
  progressReportSpend,
  progressReportThemes,
  progressReportVersions,
  reportReminders,
  users,
} from "../schema";
import { contentRows } from "../../app/domain/reports/commands.server";
import { holdGrantsWithOverdueReports } from "../../app/domain/reports/overdue-hold.server";
import { grantIndicators, reportBudgetCells } from "../../app/domain/reports/queries.server";
import { addDays, reminderDay, reminderDue } from "../../app/domain/reports/reminder-schedule";
import { REPORT_REMINDER_KINDS, THEMES, type ReportStatus } from "../../app/domain/reports/report-constants";
import { spendKey, spendProblems, submitProblems, type BudgetCell, type ReportContent } from "../../app/domain/reports/report-rules";
import { copenhagenDateString, copenhagenInstant, formatQuarter } from "../../app/utils/dates";
import { formatOre } from "../../app/utils/money";
import { GRANTED } from "./demo-content";
import { seededRandom } from "./demo-numbers";
import { seedDemoReportingPlans } from "./demo-reporting";
import { INDICATOR_COMMENTS, narrative, OVER_BUDGET_EXPLANATION, PERIODS, SENT_BACK_DEVIATIONS, themeNote } from "./demo-report-texts";
import { DEMO_UNSPENT_ORE } from "./demo-settlement";

/** Who had which story; the tests read these rather than repeating the names. */
export const DEMO_REPORT_CASES = {
  /** Missed its third status report (due 30.06.2024): payments held; submitted late with the final report. */
  late: { municipality: "Langeland", period: 2, submittedAt: { date: "2025-02-20", time: "13:20" } },
  /** Third status report sent back with a comment on the deviations, resubmitted before the due date, approved. */
  sentBack: { municipality: "Tønder", period: 2 },
  /** One budget line over budget, with an explanation: Efteruddannelse in 2. kvt. 2024 (3. kvt. correspondingly lower). */
  overBudget: { municipality: "Norddjurs", categoryIndex: 1, quarter: "2024-Q2", laterQuarter: "2024-Q3", amountOre: 2_375_000n },
  /** Settled (demo-settlement.ts): spend exactly as the accounts, DEMO_UNSPENT_ORE under on the largest line. */
  settled: { municipality: "Struer" },
} as const;

/** Rough size of each municipality's children's department: scales the counted indicators. */
const SIZE: Record<string, number> = {
  Lolland: 1.4, Langeland: 0.5, Tønder: 1.0, Samsø: 0.25, Faxe: 1.1, Norddjurs: 1.0, Billund: 0.8, Struer: 0.6, Vesthimmerland: 1.0,
};

const SEED_AT = (userId: string | null, role: string, requestId = "seed-demo") => ({ actorUserId: userId, actorRole: role, requestId });
const json = (v: unknown) => JSON.parse(JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x)));

type Review = { decision: "approved" | "sent_back"; at: Date; note: string | null; comments: Record<string, string> };
type VersionSpec = { content: ReportContent; createdAt: Date; submittedAt: Date; review: Review | null };
type ReportSpec = {
  grantId: number;
  poolId: number;
  municipalityCode: string;
  municipality: string;
  authorId: string;
  due: { id: number; kind: "status_report" | "final_report"; dueOn: string; label: string };
  startedAt: Date;
  versions: VersionSpec[];
};

export async function seedDemoReports(
  tx: Tx,
  opts: { callId: number; poolIds: number[]; adminId: string; caseworkerId: string; userIdOf: (key: string) => string; codeOf: (name: string) => string; now: Date },
) {
  const grantRows = await tx
    .select({ id: grants.id, poolId: grants.poolId, municipalityCode: grants.municipalityCode })
    .from(grants)
    .where(and(eq(grants.callId, opts.callId), eq(grants.status, "accepted")))
    .orderBy(asc(grants.id));
  const plans = await seedDemoReportingPlans(tx, { poolIds: opts.poolIds, grantIds: grantRows.map((g) => g.id), createdBy: opts.adminId });

  const specs: ReportSpec[] = [];
  for (const g of grantRows) {
    const index = GRANTED.findIndex((name) => opts.codeOf(name) === g.municipalityCode);
    if (index < 0) continue;
    specs.push(...(await grantReports(tx, g, index, opts)));
  }

  // History only: a seed dated before the last step would write the future (and the jobs would undo it).
  const lastStep = Math.max(...specs.flatMap((s) => s.versions.map((v) => (v.review?.at ?? v.submittedAt).getTime())));
  if (lastStep >= opts.now.getTime()) throw new Error(`Demodata: statusrapporterne går til ${copenhagenDateString(lastStep)}; seed med en senere dato.`);

  // Phase 1: everything submitted on time. Phase 2: the late report, after the overdue-report
  // job has run on the day after its due date and held the grant's payments.
  const late = specs.filter((s) => s.versions[0]!.submittedAt > dayAfter(s.due.dueOn));
  await insertReports(tx, specs.filter((x) => !late.includes(x)), opts.caseworkerId);
  const held: number[] = [];
  for (const s of late) {
    const r = await holdGrantsWithOverdueReports(tx, copenhagenInstant(addDays(s.due.dueOn, 1), "00:05"));
    if (r.grantIds.length !== 1 || r.grantIds[0] !== s.grantId) throw new Error(`Demodata: holding for the late report held ${JSON.stringify(r.grantIds)}`);
    held.push(...r.grantIds);
    await insertReports(tx, [s], opts.caseworkerId);
  }

  const reminders = await insertReminderClaims(tx, specs);
  const statuses: Record<string, number> = {};
  for (const s of specs) statuses[statusOf(s.versions)] = (statuses[statusOf(s.versions)] ?? 0) + 1;
  return { ...plans, reports: specs.length, versions: specs.reduce((n, s) => n + s.versions.length, 0), statuses, reminders, heldGrantIds: held };
}

const dayAfter = (dueOn: string) => copenhagenInstant(addDays(dueOn, 1), "00:00");

/** The four reports of one grant, built from its plan, indicators and budget in force, and checked by the submit rules. */
async function grantReports(
  tx: Tx,
  g: { id: number; poolId: number; municipalityCode: string },
  index: number,
  opts: { userIdOf: (key: string) => string },
): Promise<ReportSpec[]> {
  const municipality = GRANTED[index]!;
  const dueRows = await tx.select().from(grantReportDueDates).where(eq(grantReportDueDates.grantId, g.id)).orderBy(asc(grantReportDueDates.dueOn));
  if (dueRows.length !== PERIODS.length) throw new Error(`Demodata: ${municipality} has ${dueRows.length} due dates, expected ${PERIODS.length}`);
  const indicatorIds = (await grantIndicators(tx, g.id)).map((i) => i.id);
  const final = dueRows[dueRows.length - 1]!;
  const all = await reportBudgetCells(tx, g.id, final.dueOn, final.kind);
  const spend = demoSpend(municipality, index, all.lines, all.categories.map((c) => c.id));
  const values = indicatorSeries(municipality, index);
  const authorId = opts.userIdOf(municipality);
  const c = DEMO_REPORT_CASES;
  const largest = largestCategory(all.lines, all.categories.map((cat) => cat.id));

  const out: ReportSpec[] = [];
  for (const [k, due] of dueRows.entries()) {
    const cells = await reportBudgetCells(tx, g.id, due.dueOn, due.kind);
    const over = municipality === c.overBudget.municipality && cells.lines.some((l) => l.quarter === c.overBudget.quarter);
    const unspent = municipality === c.settled.municipality && due.kind === "final_report";
    const text = narrative({
      municipality,
      period: k,
      variant: index + k,
      trained: values[k]![3]!,
      reviewed: values[k]![1]!,
      conversationsFirst: values[0]![0]!,
      conversationsNow: values[k]![0]!,
      budgetChanged: (all.budgetVersion ?? 1) > 1,
      overBudget: over
        ? { category: all.categories[c.overBudget.categoryIndex]!.label, quarter: formatQuarter(c.overBudget.quarter), amount: formatOre(c.overBudget.amountOre) }
        : undefined,
      unspent: unspent ? { category: all.categories.find((cat) => cat.id === largest)!.label, amount: formatOre(DEMO_UNSPENT_ORE) } : undefined,
    });
    const content: ReportContent = {
      ...text,
      themes: Object.fromEntries(THEMES.map((t, ti) => [t, { score: themeScore(municipality, index, ti, k), note: themeNote(t, themeScore(municipality, index, ti, k), index + k + ti) }])),
      indicators: Object.fromEntries(
        indicatorIds.map((id, ii) => [String(id), { value: String(values[k]![ii]!), comment: INDICATOR_COMMENTS[municipality]?.[k]?.[ii] ?? "" }]),
      ),
      spend: Object.fromEntries(cells.lines.map((l) => [spendKey(l.categoryId, l.quarter), spend.get(spendKey(l.categoryId, l.quarter))!])),
    };
    const problems = { ...submitProblems(content, indicatorIds), ...spendProblems(cells.lines, content.spend) };
    if (Object.keys(problems).length) throw new Error(`Demodata: ${municipality} ${due.label} would be refused: ${JSON.stringify(problems)}`);

    const due4 = { id: due.id, kind: due.kind, dueOn: due.dueOn, label: due.label };
    const base = { grantId: g.id, poolId: g.poolId, municipalityCode: g.municipalityCode, municipality, authorId, due: due4 };
    if (municipality === c.late.municipality && k === c.late.period) {
      const submittedAt = copenhagenInstant(c.late.submittedAt.date, c.late.submittedAt.time);
      out.push({ ...base, startedAt: copenhagenInstant(addDays(c.late.submittedAt.date, -10), "09:15"), versions: [{ content, createdAt: submittedAt, submittedAt, review: null }] });
    } else if (municipality === c.sentBack.municipality && k === c.sentBack.period) {
      out.push({ ...base, ...sentBackHistory(content) });
    } else if (municipality === c.late.municipality && due.kind === "final_report") {
      // Langeland's final report came in (on time) the same day as the late one and waits for the caseworker too.
      const submittedAt = copenhagenInstant(c.late.submittedAt.date, "14:05");
      out.push({ ...base, startedAt: copenhagenInstant(addDays(c.late.submittedAt.date, -14), "09:15"), versions: [{ content, createdAt: submittedAt, submittedAt, review: null }] });
    } else {
      const d = (index * 3 + k * 5) % 10;
      const day = addDays(due.dueOn, -d);
      const submittedAt = copenhagenInstant(day, `${10 + ((index + k) % 5)}:${String((index * 7 + k * 13) % 60).padStart(2, "0")}`);
      const review: Review = { decision: "approved", at: copenhagenInstant(addDays(day, 7 + ((index * 5 + k * 3) % 14)), "11:30"), note: null, comments: {} };
      out.push({ ...base, startedAt: copenhagenInstant(addDays(day, -(10 + ((index + k) % 8))), "09:15"), versions: [{ content, createdAt: submittedAt, submittedAt, review }] });
    }
  }
  return out;
}

/** Submitted three weeks early with a thin deviations section, sent back a week later, corrected and resubmitted before the due date, approved. */
function sentBackHistory(content: ReportContent): Pick<ReportSpec, "startedAt" | "versions"> {
  const sb = SENT_BACK_DEVIATIONS;
  const first = { ...content, deviations: sb.first };
  const second = { ...content, deviations: sb.corrected };
  const sentBackAt = copenhagenInstant("2024-06-12", "14:10");
  return {
    startedAt: copenhagenInstant("2024-05-22", "09:15"),
    versions: [
      { content: first, createdAt: copenhagenInstant("2024-06-05", "10:40"), submittedAt: copenhagenInstant("2024-06-05", "10:40"), review: { decision: "sent_back", at: sentBackAt, note: sb.note, comments: { deviations: sb.comment } } },
      { content: second, createdAt: sentBackAt, submittedAt: copenhagenInstant("2024-06-24", "09:50"), review: { decision: "approved", at: copenhagenInstant("2024-07-03", "11:30"), note: null, comments: {} } },
    ],
  };
}

function statusOf(versions: VersionSpec[]): ReportStatus {
  const last = versions[versions.length - 1]!;
  if (!last.review) return "submitted";
  return last.review.decision === "approved" ? "approved" : "sent_back";
}

// ---------------------------------------------------------------- the numbers

/** The category with the largest budget (the first of equals): where Struer's accounts are under. */
function largestCategory(lines: BudgetCell[], categoryIds: number[]) {
  const total = new Map(categoryIds.map((id) => [id, 0n]));
  for (const l of lines) total.set(l.categoryId, (total.get(l.categoryId) ?? 0n) + l.amountOre);
  return [...total.entries()].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
}

/**
 * Spend per budget line and quarter, the same in every report that shows the quarter: a
 * slow first quarter, then 88–100 % of the line, in whole kroner. Struer spent exactly its
 * accounts; Norddjurs one line over (explained), the next quarter of that line lower.
 */
function demoSpend(municipality: string, index: number, lines: BudgetCell[], categoryIds: number[]) {
  const rnd = seededRandom(700 + index);
  const out = new Map<string, { amountOre: bigint; explanation: string }>();
  const sorted = [...lines].sort((a, b) => a.categoryId - b.categoryId || a.quarter.localeCompare(b.quarter));
  const firstQuarter = sorted.map((l) => l.quarter).sort()[0];
  for (const l of sorted) {
    const factor = l.quarter === firstQuarter ? 0.72 + rnd() * 0.16 : 0.88 + rnd() * 0.12;
    const kroner = BigInt(Math.floor((Number(l.amountOre) * factor) / 100));
    out.set(spendKey(l.categoryId, l.quarter), { amountOre: municipality === DEMO_REPORT_CASES.settled.municipality ? l.amountOre : kroner * 100n, explanation: "" });
  }
  if (municipality === DEMO_REPORT_CASES.settled.municipality) {
    const largest = largestCategory(lines, categoryIds);
    const last = sorted.filter((l) => l.categoryId === largest).at(-1)!;
    out.set(spendKey(largest, last.quarter), { amountOre: last.amountOre - DEMO_UNSPENT_ORE, explanation: "" });
  }
  const ob = DEMO_REPORT_CASES.overBudget;
  if (municipality === ob.municipality) {
    const cat = categoryIds[ob.categoryIndex]!;
    const line = lines.find((l) => l.categoryId === cat && l.quarter === ob.quarter)!;
    out.set(spendKey(cat, ob.quarter), { amountOre: line.amountOre + ob.amountOre, explanation: OVER_BUDGET_EXPLANATION });
    const later = out.get(spendKey(cat, ob.laterQuarter))!;
    later.amountOre = later.amountOre > ob.amountOre ? later.amountOre - ob.amountOre : 0n;
  }
  return out;
}

/**
 * The four indicators per report (in DEMO_INDICATORS order): conversations before a
 * decision (%), cases in management supervision in the half year, deadlines met (%),
 * staff trained (cumulative). They improve over time at each municipality's own pace;
 * Langeland falls back in spring 2024 (staff left), Tønder's supervision in autumn 2023 (new
 * leader), Samsø's few cases make its percentage jump.
 */
function indicatorSeries(municipality: string, index: number): number[][] {
  const rnd = seededRandom(900 + index);
  const size = SIZE[municipality] ?? 1;
  const rows: number[][] = [];
  let conversations = 38 + Math.round(rnd() * 20);
  let deadlines = 52 + Math.round(rnd() * 16);
  let trained = 0;
  for (let k = 0; k < PERIODS.length; k++) {
    if (k > 0) {
      conversations = Math.min(94, conversations + 5 + Math.round(rnd() * 7));
      deadlines = Math.min(97, deadlines + 2 + Math.round(rnd() * 5));
    }
    let reviewed = Math.max(1, Math.round(size * [9, 14, 18, 20][k]! + rnd() * 3));
    trained = Math.max(trained + (k > 0 ? 1 : 0), Math.round(size * [5, 11, 16, 19][k]! + rnd() * 2));
    let c = conversations;
    let d = deadlines;
    if (municipality === "Langeland" && k === 2) {
      // Below the half year before: two of five caseworkers left, the manager was ill.
      c = rows[1]![0]! - 6;
      reviewed = Math.max(1, rows[1]![1]! - 3);
      d = rows[1]![2]! - 4;
    }
    if (municipality === "Tønder" && k === 1) reviewed = Math.round(reviewed * 0.6);
    if (municipality === "Samsø") c = [50, 67, 60, 83][k]!;
    rows.push([c, reviewed, d, trained]);
  }
  return rows;
}

/** 1–5 per theme: from 2 or 3 up by about a point a year; Langeland slips in spring 2024. */
function themeScore(municipality: string, index: number, theme: number, k: number): number {
  const base = 2 + ((index + theme) % 2);
  let score = base + [0, 1, 1, 2][k]! + ((index + theme + k) % 4 === 0 && k > 0 ? 1 : 0);
  if (municipality === DEMO_REPORT_CASES.late.municipality && k === DEMO_REPORT_CASES.late.period && theme >= 2) score -= 1;
  return Math.max(1, Math.min(5, score));
}

// ---------------------------------------------------------------- writing

type AuditRow = typeof auditLog.$inferInsert;

/** The reports, their versions, content, comments and audit rows: a few multi-row inserts (the seed runs on every first start). */
async function insertReports(tx: Tx, specs: ReportSpec[], caseworkerId: string) {
  if (specs.length === 0) return;
  const reports = await tx
    .insert(progressReports)
    .values(
      specs.map((s) => {
        const last = s.versions[s.versions.length - 1]!;
        const status = statusOf(s.versions);
        const approvedAt = status === "approved" ? last.review!.at : null;
        return {
          grantId: s.grantId,
          dueDateId: s.due.id,
          poolId: s.poolId,
          municipalityCode: s.municipalityCode,
          kind: s.due.kind,
          status,
          currentVersionNo: s.versions.length,
          firstSubmittedAt: s.versions[0]!.submittedAt,
          submittedAt: last.submittedAt,
          approvedAt,
          approvedBy: approvedAt ? caseworkerId : null,
          // Every write bumps it: started, then each submission and each review.
          version: s.versions.reduce((n, v) => n + 1 + (v.review ? 1 : 0), 1),
          createdAt: s.startedAt,
          updatedAt: last.review?.at ?? last.submittedAt,
        };
      }),
    )
    .returning({ id: progressReports.id, dueDateId: progressReports.dueDateId });
  const reportIdOf = new Map(reports.map((r) => [r.dueDateId, r.id]));
  const versions = await tx
    .insert(progressReportVersions)
    .values(
      specs.flatMap((s) =>
        s.versions.map((v, i) => ({
          reportId: reportIdOf.get(s.due.id)!,
          versionNo: i + 1,
          activities: v.content.activities,
          deviations: v.content.deviations,
          nextSteps: v.content.nextSteps,
          submittedAt: v.submittedAt,
          submittedBy: s.authorId,
          reviewDecision: v.review?.decision ?? null,
          reviewComment: v.review?.note ?? null,
          reviewedBy: v.review ? caseworkerId : null,
          reviewedAt: v.review?.at ?? null,
          updatedBy: s.authorId,
          createdAt: i === 0 ? s.startedAt : v.createdAt,
          updatedAt: v.submittedAt,
        })),
      ),
    )
    .returning({ id: progressReportVersions.id, reportId: progressReportVersions.reportId, versionNo: progressReportVersions.versionNo });
  const versionIdOf = new Map(versions.map((v) => [`${v.reportId}/${v.versionNo}`, v.id]));

  const themes: ReturnType<typeof contentRows>["themes"] = [];
  const indicators: ReturnType<typeof contentRows>["indicators"] = [];
  const spend: ReturnType<typeof contentRows>["spend"] = [];
  const comments: (typeof progressReportComments.$inferInsert)[] = [];
  const audits: AuditRow[] = [];
  for (const s of specs) {
    const reportId = reportIdOf.get(s.due.id)!;
    const row = (userId: string | null, role: string, at: Date, action: string, before: unknown, after: unknown): AuditRow => ({
      ...SEED_AT(userId, role),
      at,
      action,
      entityType: "report",
      entityId: String(reportId),
      before: json(before),
      after: json(after),
    });
    audits.push(row(s.authorId, "municipality", s.startedAt, "report.started", null, { grantId: s.grantId, dueOn: s.due.dueOn, label: s.due.label }));
    for (const [i, v] of s.versions.entries()) {
      const versionNo = i + 1;
      const versionId = versionIdOf.get(`${reportId}/${versionNo}`)!;
      const rows = contentRows(versionId, v.content);
      themes.push(...rows.themes);
      indicators.push(...rows.indicators);
      spend.push(...rows.spend);
      const kept = Object.fromEntries(Object.entries(v.content.spend).filter(([, x]) => x.amountOre > 0n || x.explanation));
      audits.push(row(s.authorId, "municipality", v.submittedAt, "report.submitted", { status: i === 0 ? "draft" : "sent_back", versionNo }, { status: "submitted", versionNo, content: { ...v.content, spend: kept } }));
      if (!v.review) continue;
      for (const [section, body] of Object.entries(v.review.comments)) comments.push({ versionId, section, body, authorId: caseworkerId, createdAt: v.review.at });
      audits.push(
        v.review.decision === "approved"
          ? row(caseworkerId, "caseworker", v.review.at, "report.approved", { status: "submitted" }, { status: "approved", versionNo, note: v.review.note })
          : row(caseworkerId, "caseworker", v.review.at, "report.sent_back", { status: "submitted", versionNo }, { status: "sent_back", versionNo: versionNo + 1, note: v.review.note, comments: v.review.comments }),
      );
    }
  }
  await tx.insert(progressReportThemes).values(themes);
  await tx.insert(progressReportIndicatorValues).values(indicators);
  await tx.insert(progressReportSpend).values(spend);
  if (comments.length) await tx.insert(progressReportComments).values(comments);
  await tx.insert(auditLog).values(audits);
}

/**
 * The reminder claims the daily job made at the time (report_reminders, and its audit row):
 * 14 and 3 days before the due date while the report was not yet received, and the day
 * after a missed due date. With them the admin's schedule shows what was sent, and the job
 * finds nothing left to send for the history.
 */
async function insertReminderClaims(tx: Tx, specs: ReportSpec[]) {
  const members = await tx
    .select({ id: users.id, code: memberships.municipalityCode })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(and(eq(memberships.role, "municipality"), eq(users.status, "active")));
  const claims: (typeof reportReminders.$inferInsert)[] = [];
  const audits: AuditRow[] = [];
  for (const s of specs) {
    const recipients = members.filter((m) => m.code === s.municipalityCode).map((m) => m.id);
    if (recipients.length === 0) continue;
    for (const kind of REPORT_REMINDER_KINDS) {
      const day = reminderDay(s.due.dueOn, kind);
      const at = copenhagenInstant(day, "07:00");
      const status = statusAt(s, at);
      if (reminderDue(s.due.dueOn, status, day) !== kind) continue;
      claims.push({ dueDateId: s.due.id, kind, recipients: recipients.length, sentAt: at });
      audits.push({
        ...SEED_AT(null, "system", "job-report-reminders"),
        at,
        action: "report.reminded",
        entityType: "grant",
        entityId: String(s.grantId),
        after: { dueDateId: s.due.id, dueOn: s.due.dueOn, kind, status, recipients },
      });
    }
  }
  if (claims.length) {
    await tx.insert(reportReminders).values(claims);
    await tx.insert(auditLog).values(audits);
  }
  return claims.length;
}

/** The report's status at an instant of its history (null: not started yet). */
function statusAt(s: ReportSpec, at: Date): ReportStatus | null {
  if (at < s.startedAt) return null;
  let status: ReportStatus = "draft";
  for (const v of s.versions) {
    if (v.submittedAt > at) break;
    status = "submitted";
    if (!v.review || v.review.at > at) break;
    status = v.review.decision === "approved" ? "approved" : "sent_back";
  }
  return status;
}
