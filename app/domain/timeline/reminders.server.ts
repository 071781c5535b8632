// Overdue milestones: the reminder job's work and the ministry start page's list. The rule is
// isOverdue (app/domain/programmes/programme-rules.ts); here it is the same condition in SQL.
import { and, asc, eq, lt, notInArray, sql } from "drizzle-orm";
import type { Executor, Tx } from "#db/client";
import { advisoryProgrammes, milestoneReminders, milestones, municipalities, programmeAdvisors, users } from "#db/schema";
import { milestoneOverdueEmail } from "../../../emails/milestone-overdue";
import { getEnv } from "~/env.server";
import { MILESTONE_DONE_STATUSES, MILESTONE_STATUS_LABELS } from "~/domain/programmes/programme-constants";
import { inOpenPool } from "~/utils/open-pool.server";
import { enqueueEmail } from "~/mail/outbox.server";
import { audit } from "~/utils/audit.server";
import { copenhagenDateString, formatDate } from "~/utils/dates";

/** Planned date before `today` (Copenhagen) and neither done nor cancelled: isOverdue in SQL. */
export function overdueMilestoneCondition(today: string) {
  return and(lt(milestones.plannedOn, today), notInArray(milestones.status, [...MILESTONE_DONE_STATUSES]))!;
}

/** Overdue and still something anyone can act on: a closed pool's milestones are history. */
function actionableOverdue(today: string) {
  return and(overdueMilestoneCondition(today), inOpenPool(advisoryProgrammes.poolId))!;
}

const reminderActor = { userId: null, role: "system", requestId: "job-milestone-overdue-reminders" } as const;

/**
 * One e-mail per overdue milestone to each advisor assigned to its programme, once per
 * (milestone, planned date): the reminder row's key is the claim. A milestone without an
 * advisor gets no row, so it is reminded once someone is assigned. Catches up: every overdue
 * milestone without a reminder for its current date, not only those that fell due today.
 */
export async function remindOverdueMilestones(tx: Tx, now: Date) {
  const today = copenhagenDateString(now);
  const due = await tx
    .select({
      id: milestones.id,
      programmeId: milestones.programmeId,
      title: milestones.title,
      plannedOn: milestones.plannedOn,
      status: milestones.status,
      municipalityName: municipalities.officialName,
    })
    .from(milestones)
    .innerJoin(advisoryProgrammes, eq(advisoryProgrammes.id, milestones.programmeId))
    .innerJoin(municipalities, eq(municipalities.code, advisoryProgrammes.municipalityCode))
    .where(
      and(
        actionableOverdue(today),
        sql`NOT EXISTS (SELECT 1 FROM ${milestoneReminders} WHERE ${milestoneReminders.milestoneId} = ${milestones.id} AND ${milestoneReminders.plannedOn} = ${milestones.plannedOn})`,
        sql`EXISTS (SELECT 1 FROM ${programmeAdvisors} WHERE ${programmeAdvisors.programmeId} = ${milestones.programmeId})`,
      ),
    )
    .orderBy(asc(milestones.plannedOn), asc(milestones.id));
  const origin = getEnv().APP_ORIGIN;
  let reminded = 0;
  let mails = 0;
  for (const m of due) {
    const advisors = await tx
      .select({ userId: users.id, name: users.name, email: users.email })
      .from(programmeAdvisors)
      .innerJoin(users, eq(users.id, programmeAdvisors.userId))
      .where(and(eq(programmeAdvisors.programmeId, m.programmeId), eq(users.status, "active")))
      .orderBy(asc(users.email));
    if (advisors.length === 0) continue;
    // The claim: a concurrent run (or a rerun) that got here first leaves nothing to do.
    const [claimed] = await tx
      .insert(milestoneReminders)
      .values({ milestoneId: m.id, plannedOn: m.plannedOn, recipients: advisors.length, sentAt: now })
      .onConflictDoNothing()
      .returning({ milestoneId: milestoneReminders.milestoneId });
    if (!claimed) continue;
    for (const a of advisors) {
      const mail = milestoneOverdueEmail({
        name: a.name,
        municipalityName: m.municipalityName,
        milestoneTitle: m.title,
        plannedOn: formatDate(m.plannedOn),
        statusLabel: MILESTONE_STATUS_LABELS[m.status],
        link: `${origin}/programmes/${m.programmeId}`,
      });
      await enqueueEmail(tx, { ...mail, to: a.email, template: "milestone-overdue" });
      mails++;
    }
    await audit(tx, reminderActor, {
      action: "milestone.overdue_reminded",
      entityType: "milestone",
      entityId: m.id,
      after: { plannedOn: m.plannedOn, status: m.status, recipients: advisors.map((a) => a.userId) },
    });
    reminded++;
  }
  return { reminded, mails };
}

/** The ministry's start page: overdue milestones, oldest first (the ministry sees every programme). */
export async function overdueMilestones(db: Executor, today: string, limit = 20) {
  const rows = await db
    .select({
      id: milestones.id,
      programmeId: milestones.programmeId,
      title: milestones.title,
      plannedOn: milestones.plannedOn,
      status: milestones.status,
      municipalityName: municipalities.name,
      total: sql<number>`count(*) OVER ()`.mapWith(Number),
    })
    .from(milestones)
    .innerJoin(advisoryProgrammes, eq(advisoryProgrammes.id, milestones.programmeId))
    .innerJoin(municipalities, eq(municipalities.code, advisoryProgrammes.municipalityCode))
    .where(actionableOverdue(today))
    .orderBy(asc(milestones.plannedOn), asc(milestones.id))
    .limit(limit);
  return {
    total: rows[0]?.total ?? 0,
    rows: rows.map(({ total: _t, status, ...r }) => ({ ...r, statusLabel: MILESTONE_STATUS_LABELS[status] })),
  };
}
