// After MAX_FAILURES failed sign-ins for one e-mail within WINDOW, the account
// waits LOCK_DURATION from the last of them. Counted per e-mail, whether or not
// the account exists, so the answer never reveals which e-mails are registered.
export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60 * 1000;
export const LOCK_MS = 15 * 60 * 1000;

/**
 * `recentFailures`: failed attempts since the last success, newest first.
 * Returns the instant the lock ends, or null when not locked.
 */
export function lockedUntil(recentFailures: Date[], now: Date): Date | null {
  if (recentFailures.length < MAX_FAILURES) return null;
  const newest = recentFailures[0];
  const fifth = recentFailures[MAX_FAILURES - 1];
  if (newest.getTime() - fifth.getTime() > WINDOW_MS) return null;
  const until = new Date(newest.getTime() + LOCK_MS);
  return until > now ? until : null;
}
