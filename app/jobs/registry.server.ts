// Every scheduled job the app runs. Add a job here (see defineJob in ./job.ts); the
// runner ticks all of them in every app process and runs each once per due key.
import { sendNoticeDigests } from "~/domain/applications/arrival-notice.server";
import { lapseOverdueGrants } from "~/domain/grants/acceptance.server";
import { issueDecisionLetters, pendingDecisionLetters } from "~/domain/grants/letters/letters.server";
import { copenhagenDateString, copenhagenTimeString } from "~/utils/dates";
import { prepareNextQuarterPayments, preparationQuarter } from "~/domain/payments/prepare-job.server";
import { holdGrantsWithOverdueReports } from "~/domain/reports/overdue-hold.server";
import { remindReports } from "~/domain/reports/reminders.server";
import { remindOverdueMilestones } from "~/domain/timeline/reminders.server";
import { dailyKey, defineJob, type ScheduledJob } from "./job";

export { dailyKey, defineJob, quarterlyKey, type ScheduledJob } from "./job";

/** Yesterday's arrivals for caseworkers who chose "dagligt sammendrag" on /account. */
export const arrivalNoticeDigest = defineJob({
  name: "arrival-notice-digest",
  dueKey: dailyKey,
  run: async (tx, now) => ({ queued: await sendNoticeDigests(tx, now) }),
});

/** Once an hour (Copenhagen wall clock): "2026-11-27T14". */
export function hourlyKey(now: Date) {
  return `${copenhagenDateString(now)}T${copenhagenTimeString(now).slice(0, 2)}`;
}

/**
 * Grants still offered after their acceptance deadline lapse; their money returns to the
 * pool (a `lapsed` ledger entry). Hourly, and it takes every overdue grant, so a run the
 * app missed is caught up by the next.
 */
export const grantLapse = defineJob({
  name: "grant-lapse",
  dueKey: hourlyKey,
  run: async (tx, now) => lapseOverdueGrants(tx, now),
});

/**
 * The safety net behind the approval, which issues its letters right after it commits:
 * any grant without its award letter and any rejection without its letter (a crash
 * between the two) gets it within the hour.
 */
export const decisionLetters = defineJob({
  name: "decision-letters",
  dueKey: hourlyKey,
  run: async (tx) => {
    const { letterIds } = await issueDecisionLetters(tx, { userId: null, role: "system", requestId: "job-decision-letters" }, await pendingDecisionLetters(tx));
    return { issued: letterIds.length };
  },
});

/** Once a quarter: prepare the payments of the coming quarter (due on its first day, paid in advance). */
export const preparePaymentsJob = defineJob({
  name: "prepare-next-quarter-payments",
  dueKey: preparationQuarter,
  run: (tx, now) => prepareNextQuarterPayments(tx, now),
});

/**
 * Overdue milestones (planned date passed in Copenhagen, not done or cancelled): one e-mail
 * to the programme's advisors per milestone and planned date. Daily; the reminder's own key
 * (milestone_reminders) keeps a rerun or a later day from mailing the same date twice.
 */
export const milestoneOverdueReminders = defineJob({
  name: "milestone-overdue-reminders",
  dueKey: dailyKey,
  run: (tx, now) => remindOverdueMilestones(tx, now),
});

/**
 * Report reminders: 14 and 3 days before a report's due date and the day after it was
 * missed, to the municipality's users; once per due date and kind (report_reminders is the
 * claim), none once the report is received or while an admin has paused the grant's.
 */
export const reportRemindersJob = defineJob({
  name: "report-reminders",
  dueKey: dailyKey,
  run: (tx, now) => remindReports(tx, now),
});

/** A report overdue stops the grant's payments (source 'report'); an existing hold is left alone. */
export const reportOverdueHoldsJob = defineJob({
  name: "report-overdue-holds",
  dueKey: dailyKey,
  run: (tx, now) => holdGrantsWithOverdueReports(tx, now),
});

export const scheduledJobs: ScheduledJob[] = [
  arrivalNoticeDigest,
  grantLapse,
  decisionLetters,
  // Before the payments are prepared, so a grant with an overdue report is held first.
  reportOverdueHoldsJob,
  preparePaymentsJob,
  milestoneOverdueReminders,
  reportRemindersJob,
];

/** The same as adding to the list above (for a module that owns its job); names are unique. */
export function registerJob(job: ScheduledJob): ScheduledJob {
  if (scheduledJobs.some((j) => j.name === job.name)) throw new Error(`Job "${job.name}" is registered twice`);
  scheduledJobs.push(job);
  return job;
}
