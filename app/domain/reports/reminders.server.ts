// Report reminders (issue 18): the daily job mails the municipality's active users 14 and
// 3 days before a report's due date and the day after it was missed, through the outbox in
// the transaction that writes the claim row (report_reminders, key (due date, kind)), so a
// rerun, a later day or a second process never mails the same reminder twice. Nothing for
// a report received (isReceived) or a grant whose reminders an admin paused. The admin's
// schedule page and its pause/resume live here too.
import { and, asc, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Database, Executor, Tx } from "#db/client";
import { calls, grantReportDueDates, grants, memberships, municipalities, progressReports, reportReminders, users } from "#db/schema";
import { reportReminderEmail } from "../../../emails/report-reminder";
import type { Actor } from "~/auth/actor";
import { getEnv } from "~/env.server";
import { conflict, notFound, ok, refused, type Result } from "~/domain/result";
import { can } from "~/policy/permissions";
import { enqueueEmail } from "~/mail/outbox.server";
import { audit } from "~/utils/audit.server";
import { copenhagenDateString, formatDate } from "~/utils/dates";
import { REPORT_REMINDER_KINDS, REPORT_STATUS_LABELS, type ReportReminderKind, type ReportStatus } from "./report-constants";
import { addDays, DUE_KIND_LABELS, reminderDue, reminderState, type ReminderState } from "./reminder-schedule";

const reminderActor = { userId: null, role: "system", requestId: "job-report-reminders" } as const;

/** The due date's own label, or the kind's ("Statusrapport", "Slutrapport"). */
export function reportLabel(d: { label: string; kind: keyof typeof DUE_KIND_LABELS }) {
  return d.label.trim() || DUE_KIND_LABELS[d.kind];
}

/** The municipality's active users (municipality role): who gets its report reminders. */
async function municipalityRecipients(tx: Executor, municipalityCode: string) {
  return tx
    .select({ userId: users.id, name: users.name, email: users.email })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(and(eq(memberships.municipalityCode, municipalityCode), eq(memberships.role, "municipality"), eq(users.status, "active")))
    .orderBy(asc(users.email));
}

/**
 * One run: every due date of an accepted, not paused grant whose reminder is due today
 * (reminderDue) and not yet claimed gets its e-mails. A municipality without an active
 * user gets no claim, so it is reminded once someone can read it (inside the window).
 */
export async function remindReports(tx: Tx, now: Date) {
  const today = copenhagenDateString(now);
  const candidates = await tx
    .select({
      dueDateId: grantReportDueDates.id,
      grantId: grants.id,
      kind: grantReportDueDates.kind,
      label: grantReportDueDates.label,
      dueOn: grantReportDueDates.dueOn,
      status: progressReports.status,
      municipalityCode: grants.municipalityCode,
      municipalityName: municipalities.officialName,
      callTitle: calls.title,
    })
    .from(grantReportDueDates)
    .innerJoin(grants, eq(grants.id, grantReportDueDates.grantId))
    .innerJoin(municipalities, eq(municipalities.code, grants.municipalityCode))
    .innerJoin(calls, eq(calls.id, grants.callId))
    .leftJoin(progressReports, eq(progressReports.dueDateId, grantReportDueDates.id))
    .where(
      and(
        eq(grants.status, "accepted"),
        isNull(grants.reportRemindersPausedAt),
        lte(grantReportDueDates.dueOn, addDays(today, 14)),
        sql`coalesce(${progressReports.status}, 'draft') NOT IN ('submitted', 'approved')`,
      ),
    )
    .orderBy(asc(grantReportDueDates.dueOn), asc(grantReportDueDates.id));
  const origin = getEnv().APP_ORIGIN;
  let reminded = 0;
  let mails = 0;
  for (const d of candidates) {
    const kind = reminderDue(d.dueOn, d.status, today);
    if (!kind) continue;
    const recipients = await municipalityRecipients(tx, d.municipalityCode);
    if (recipients.length === 0) continue;
    // The claim: a concurrent run (or a rerun) that got here first leaves nothing to do.
    const [claimed] = await tx
      .insert(reportReminders)
      .values({ dueDateId: d.dueDateId, kind, recipients: recipients.length, sentAt: now })
      .onConflictDoNothing()
      .returning({ dueDateId: reportReminders.dueDateId });
    if (!claimed) continue;
    for (const r of recipients) {
      const mail = reportReminderEmail({
        kind,
        name: r.name || d.municipalityName,
        municipalityName: d.municipalityName,
        reportLabel: reportLabel(d),
        callTitle: d.callTitle,
        dueOn: formatDate(d.dueOn),
        link: `${origin}/grants/${d.grantId}`,
      });
      await enqueueEmail(tx, { ...mail, to: r.email, template: "report-reminder" });
      mails++;
    }
    await audit(tx, reminderActor, {
      action: "report.reminded",
      entityType: "grant",
      entityId: d.grantId,
      after: { dueDateId: d.dueDateId, dueOn: d.dueOn, kind, status: d.status, recipients: recipients.map((r) => r.userId) },
    });
    reminded++;
  }
  return { reminded, mails };
}

// ---------------------------------------------------------------- the admin's schedule

export const SCHEDULE_PAGE_SIZE = 25;

export type ScheduleRow = {
  dueDateId: number;
  grantId: number;
  municipalityName: string;
  reportLabel: string;
  dueOn: string;
  statusLabel: string;
  paused: boolean;
  reminders: { kind: ReportReminderKind; state: ReminderState }[];
};

/**
 * The reminder schedule of accepted grants, one row per due date (soonest first from
 * today's, then the past ones newest first), paged; with the grants and their pause state.
 */
export async function reminderSchedule(db: Executor, today: string, page: number) {
  const offset = (Math.max(1, page) - 1) * SCHEDULE_PAGE_SIZE;
  const rows = await db
    .select({
      dueDateId: grantReportDueDates.id,
      grantId: grants.id,
      kind: grantReportDueDates.kind,
      label: grantReportDueDates.label,
      dueOn: grantReportDueDates.dueOn,
      status: progressReports.status,
      municipalityName: municipalities.name,
      pausedAt: grants.reportRemindersPausedAt,
      total: sql<number>`count(*) OVER ()`.mapWith(Number),
    })
    .from(grantReportDueDates)
    .innerJoin(grants, eq(grants.id, grantReportDueDates.grantId))
    .innerJoin(municipalities, eq(municipalities.code, grants.municipalityCode))
    .leftJoin(progressReports, eq(progressReports.dueDateId, grantReportDueDates.id))
    .where(eq(grants.status, "accepted"))
    .orderBy(
      sql`(${grantReportDueDates.dueOn} < ${today})`,
      sql`CASE WHEN ${grantReportDueDates.dueOn} >= ${today} THEN ${grantReportDueDates.dueOn} END ASC`,
      sql`${grantReportDueDates.dueOn} DESC`,
      asc(municipalities.sortKey),
      asc(grantReportDueDates.id),
    )
    .limit(SCHEDULE_PAGE_SIZE)
    .offset(offset);
  const ids = rows.map((r) => r.dueDateId);
  const sent = ids.length ? await db.select().from(reportReminders).where(inArray(reportReminders.dueDateId, ids)) : [];
  const sentOf = new Map(sent.map((s) => [`${s.dueDateId}/${s.kind}`, { sentAt: s.sentAt, recipients: s.recipients }]));
  const total = rows[0]?.total ?? (offset > 0 ? (await countDueDates(db)) : 0);
  return {
    total,
    page: Math.max(1, page),
    pages: Math.max(1, Math.ceil(total / SCHEDULE_PAGE_SIZE)),
    rows: rows.map(
      (r): ScheduleRow => ({
        dueDateId: r.dueDateId,
        grantId: r.grantId,
        municipalityName: r.municipalityName,
        reportLabel: reportLabel(r),
        dueOn: r.dueOn,
        statusLabel: r.status ? REPORT_STATUS_LABELS[r.status as ReportStatus] : "Ikke påbegyndt",
        paused: r.pausedAt !== null,
        reminders: REPORT_REMINDER_KINDS.map((kind) => ({
          kind,
          state: reminderState(r.dueOn, kind, r.status as ReportStatus | null, today, sentOf.get(`${r.dueDateId}/${kind}`), r.pausedAt !== null),
        })),
      }),
    ),
  };
}

async function countDueDates(db: Executor) {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(grantReportDueDates)
    .innerJoin(grants, eq(grants.id, grantReportDueDates.grantId))
    .where(eq(grants.status, "accepted"));
  return Number(r?.n ?? 0);
}

/** The accepted grants with a reporting plan, and whether their reminders are paused. */
export async function reminderGrants(db: Executor) {
  return db
    .select({
      grantId: grants.id,
      municipalityName: municipalities.name,
      pausedAt: grants.reportRemindersPausedAt,
      pausedByName: users.name,
      dueDates: sql<number>`(SELECT count(*) FROM ${grantReportDueDates} WHERE ${grantReportDueDates.grantId} = ${grants.id})`.mapWith(Number),
    })
    .from(grants)
    .innerJoin(municipalities, eq(municipalities.code, grants.municipalityCode))
    .leftJoin(users, eq(users.id, grants.reportRemindersPausedBy))
    .where(and(eq(grants.status, "accepted"), sql`EXISTS (SELECT 1 FROM ${grantReportDueDates} WHERE ${grantReportDueDates.grantId} = ${grants.id})`))
    .orderBy(asc(municipalities.sortKey), asc(grants.id));
}

/** Pause (true) or resume (false) a grant's report reminders. Admin only; audited. */
export async function setReportRemindersPaused(db: Database, actor: Actor, grantId: number, paused: boolean): Promise<Result<{ grantId: number }>> {
  if (!can(actor, "report-reminders:manage")) return refused("Kun administratorer kan sætte påmindelser på pause.");
  return db.transaction(async (tx): Promise<Result<{ grantId: number }>> => {
    const [grant] = await tx
      .select({ id: grants.id, pausedAt: grants.reportRemindersPausedAt, status: grants.status })
      .from(grants)
      .where(eq(grants.id, grantId))
      .for("update");
    if (!grant) return notFound("Tilsagnet findes ikke.");
    if (paused && grant.status !== "accepted") return conflict("Kun accepterede tilsagn får påmindelser om rapporter.");
    if (paused && grant.pausedAt) return conflict("Påmindelserne for tilsagnet er allerede sat på pause.");
    if (!paused && !grant.pausedAt) return conflict("Påmindelserne for tilsagnet er ikke sat på pause.");
    const now = new Date();
    await tx
      .update(grants)
      .set({ reportRemindersPausedAt: paused ? now : null, reportRemindersPausedBy: paused ? actor.userId : null, updatedAt: now })
      .where(eq(grants.id, grantId));
    await audit(tx, actor, {
      action: paused ? "report.reminders_paused" : "report.reminders_resumed",
      entityType: "grant",
      entityId: grantId,
      before: { pausedAt: grant.pausedAt },
      after: { pausedAt: paused ? now : null },
    });
    return ok({ grantId });
  });
}
