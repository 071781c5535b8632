// Every scheduled job the app runs. Add a job here (see defineJob in ./job.ts); the
// runner ticks all of them in every app process and runs each once per due key.
import { sendNoticeDigests } from "~/domain/applications/arrival-notice.server";
import { dailyKey, defineJob, type ScheduledJob } from "./job";

export { dailyKey, defineJob, quarterlyKey, type ScheduledJob } from "./job";

/** Yesterday's arrivals for caseworkers who chose "dagligt sammendrag" on /account. */
export const arrivalNoticeDigest = defineJob({
  name: "arrival-notice-digest",
  dueKey: dailyKey,
  run: async (tx, now) => ({ queued: await sendNoticeDigests(tx, now) }),
});

export const scheduledJobs: ScheduledJob[] = [arrivalNoticeDigest];

/** The same as adding to the list above (for a module that owns its job); names are unique. */
export function registerJob(job: ScheduledJob): ScheduledJob {
  if (scheduledJobs.some((j) => j.name === job.name)) throw new Error(`Job "${job.name}" is registered twice`);
  scheduledJobs.push(job);
  return job;
}
