// The ministry hears of arriving applications: the call's caseworkers (all active
// caseworkers when the call names none) get one mail per application, or, if they chose
// so on /account, one digest a day. Both go through the outbox.
import { and, asc, eq, gte, inArray, isNotNull, lt } from "drizzle-orm";
import type { Executor, Tx } from "#db/client";
import { applications, callCaseworkers, calls, memberships, municipalities, noticeDigests, users } from "#db/schema";
import type { ApplicationNoticeMode } from "~/auth/account-constants";
import { appNow } from "~/domain/clock/clock.server";
import { getEnv } from "~/env.server";
import { ministryRoles } from "~/policy/permissions";
import { enqueueEmail } from "~/mail/outbox.server";
import { atTime, formatLongDate } from "~/utils/dates";
import { applicationArrivedEmail } from "../../../emails/application-arrived";
import { applicationDigestEmail } from "../../../emails/application-digest";
import { digestWindow } from "./arrival-notice";
import { referenceNumber } from "./reference";

type Recipient = { userId: string; email: string; name: string; mode: ApplicationNoticeMode };

const recipientColumns = { userId: users.id, email: users.email, name: users.name, mode: users.applicationNotice };

/** The call's named caseworkers who are still active; when it names none, every active caseworker. */
export async function noticeRecipients(tx: Executor, callId: number): Promise<Recipient[]> {
  const named = await tx
    .select(recipientColumns)
    .from(callCaseworkers)
    .innerJoin(users, eq(users.id, callCaseworkers.userId))
    .innerJoin(memberships, eq(memberships.userId, users.id))
    // Only ministry staff may read an arriving application.
    .where(and(eq(callCaseworkers.callId, callId), eq(users.status, "active"), inArray(memberships.role, ministryRoles)))
    .orderBy(asc(users.email));
  // A call whose named caseworkers have all left falls back too, so no arrival goes unheard.
  if (named.length) return named;
  return tx
    .select(recipientColumns)
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(and(eq(memberships.role, "caseworker"), eq(users.status, "active")))
    .orderBy(asc(users.email));
}

type Arrived = { id: number; callId: number; municipalityCode: string; submittedAt: Date | null; createdAt: Date };

/** In the submitting transaction: one mail to each recipient who wants to hear at once. */
export async function notifyArrival(tx: Tx, app: Arrived, resubmitted: boolean) {
  const [ctx] = await tx
    .select({ callTitle: calls.title, municipalityName: municipalities.officialName })
    .from(calls)
    .innerJoin(municipalities, eq(municipalities.code, app.municipalityCode))
    .where(eq(calls.id, app.callId));
  const reference = referenceNumber(app);
  for (const r of await noticeRecipients(tx, app.callId)) {
    if (r.mode !== "immediate") continue;
    const mail = applicationArrivedEmail({
      name: r.name,
      municipalityName: ctx.municipalityName,
      callTitle: ctx.callTitle,
      reference,
      submittedAt: atTime(app.submittedAt ?? new Date()),
      resubmitted,
      link: `${getEnv().APP_ORIGIN}/applications/${app.id}`,
    });
    await enqueueEmail(tx, { ...mail, to: r.email, template: "application-arrived" });
  }
}

/**
 * Queue yesterday's digest for every digest user with arrivals. The job runner runs this
 * once a day (app/jobs/registry.server.ts) inside its transaction; the (user, day) row in
 * notice_digests is claimed in the (sub)transaction that queues the mail as well, so any
 * number of runs, in any number of processes, send each digest once. Returns the mails queued.
 */
export async function sendNoticeDigests(db: Executor, at?: Date): Promise<number> {
  const now = at ?? (await appNow(db));
  const { day, from, to } = digestWindow(now);
  const arrived = await db
    .select({
      id: applications.id,
      callId: applications.callId,
      submittedAt: applications.submittedAt,
      createdAt: applications.createdAt,
      municipalityName: municipalities.officialName,
      callTitle: calls.title,
    })
    .from(applications)
    .innerJoin(calls, eq(calls.id, applications.callId))
    .innerJoin(municipalities, eq(municipalities.code, applications.municipalityCode))
    .where(and(isNotNull(applications.submittedAt), gte(applications.submittedAt, from), lt(applications.submittedAt, to)))
    .orderBy(asc(applications.submittedAt), asc(applications.id));
  if (!arrived.length) return 0;

  const perUser = new Map<string, { recipient: Recipient; apps: typeof arrived }>();
  for (const callId of new Set(arrived.map((a) => a.callId))) {
    const recipients = (await noticeRecipients(db, callId)).filter((r) => r.mode === "daily");
    for (const r of recipients) {
      const entry = perUser.get(r.userId) ?? { recipient: r, apps: [] };
      entry.apps.push(...arrived.filter((a) => a.callId === callId));
      perUser.set(r.userId, entry);
    }
  }

  const origin = getEnv().APP_ORIGIN;
  let queued = 0;
  for (const { recipient, apps } of perUser.values()) {
    apps.sort((a, b) => a.submittedAt!.getTime() - b.submittedAt!.getTime() || a.id - b.id);
    const sent = await db.transaction(async (tx) => {
      const claimed = await tx
        .insert(noticeDigests)
        .values({ userId: recipient.userId, day, applicationCount: apps.length })
        .onConflictDoNothing()
        .returning({ userId: noticeDigests.userId });
      if (!claimed.length) return false;
      const mail = applicationDigestEmail({
        name: recipient.name,
        day: formatLongDate(from),
        applications: apps.map((a) => ({
          reference: referenceNumber(a),
          municipalityName: a.municipalityName,
          callTitle: a.callTitle,
          link: `${origin}/applications/${a.id}`,
        })),
        listLink: `${origin}/applications`,
      });
      await enqueueEmail(tx, { ...mail, to: recipient.email, template: "application-digest" });
      return true;
    });
    if (sent) queued++;
  }
  return queued;
}
