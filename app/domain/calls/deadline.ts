// A call's deadline is an instant (stored as timestamptz, entered and shown in
// Europe/Copenhagen). A submission is on time up to and including that instant.
export type CallTiming = { status: "draft" | "published"; deadline: Date };

export function isOnTime(deadline: Date, now: Date) {
  return now.getTime() <= deadline.getTime();
}

/** Open for new applications and submissions: published and the deadline not passed. */
export function acceptsSubmissions(call: CallTiming, now: Date) {
  return call.status === "published" && isOnTime(call.deadline, now);
}

export const DEADLINE_PASSED_MESSAGE =
  "Ansøgningsfristen er overskredet. Ansøgningen kan ikke længere indsendes.";
