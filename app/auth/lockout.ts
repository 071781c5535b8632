// After MAX_FAILURES failed sign-ins for one e-mail within WINDOW, the account
// waits LOCK_DURATION from the last of them. Counted per e-mail, whether or not
// the account exists, so the answer never reveals which e-mails are registered.
// One client address gets more room (an office behind one NAT), but not unlimited.
export const MAX_FAILURES = 5;
export const MAX_FAILURES_PER_ADDRESS = 50;
export const WINDOW_MS = 15 * 60 * 1000;
export const LOCK_MS = 15 * 60 * 1000;

export type ThrottleState = { failures: number; windowStartedAt: Date; lastAt: Date };

/** When the lock on this counter ends, or null when it is open. */
export function lockedUntil(state: ThrottleState | null | undefined, max: number, now: Date): Date | null {
  if (!state || state.failures < max) return null;
  const until = new Date(state.lastAt.getTime() + LOCK_MS);
  return until > now ? until : null;
}
