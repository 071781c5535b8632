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

export const DRAFT_CLOSED_MESSAGE =
  "Ansøgningsfristen er overskredet. Kladden kan ikke længere ændres, medmindre ministeriet genåbner ansøgningen til rettelse.";

/**
 * May the municipality still change the content? A draft only until the deadline; an
 * application reopened for correction whatever the deadline (the ministry asked for it).
 */
export function contentChangeBlocker(status: string, call: CallTiming, now: Date): string | null {
  if (status === "correction") return null;
  if (status === "draft" && !acceptsSubmissions(call, now)) return DRAFT_CLOSED_MESSAGE;
  return null;
}

const HOUR_MS = 60 * 60 * 1000;

/**
 * The time left as the form shows it: days while there are more than 24 hours, then
 * hours and minutes, so the last day counts down visibly. Null after the deadline.
 */
export function timeLeft(deadline: Date, now: Date): string | null {
  const ms = deadline.getTime() - now.getTime();
  if (ms < 0) return null;
  if (ms >= 24 * HOUR_MS) {
    const days = Math.floor(ms / (24 * HOUR_MS));
    return days === 1 ? "1 dag" : `${days} dage`;
  }
  const hours = Math.floor(ms / HOUR_MS);
  const minutes = Math.floor((ms % HOUR_MS) / 60_000);
  const h = hours === 1 ? "1 time" : `${hours} timer`;
  const m = minutes === 1 ? "1 minut" : `${minutes} minutter`;
  if (hours === 0) return m;
  return minutes === 0 ? h : `${h} og ${m}`;
}
