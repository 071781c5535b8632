import { describe, expect, it } from "vitest";
import { LOCK_MS, lockedUntil, MAX_FAILURES, WINDOW_MS } from "./lockout";

const t0 = new Date("2026-11-23T10:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);
/** n failures one minute apart, newest first, the last at t0 + (n-1) min. */
const failures = (n: number, gapMs = 60_000) => Array.from({ length: n }, (_, i) => at((n - 1 - i) * gapMs));

describe("lockedUntil", () => {
  it("is not locked below the limit", () => {
    expect(lockedUntil(failures(MAX_FAILURES - 1), at(5 * 60_000))).toBeNull();
    expect(lockedUntil([], t0)).toBeNull();
  });

  it("locks after the fifth failure within the window, for 15 minutes from the last", () => {
    const f = failures(MAX_FAILURES);
    const last = f[0];
    expect(lockedUntil(f, last)).toEqual(new Date(last.getTime() + LOCK_MS));
    expect(lockedUntil(f, new Date(last.getTime() + LOCK_MS - 1))).not.toBeNull();
  });

  it("unlocks when the lock has run out", () => {
    const f = failures(MAX_FAILURES);
    expect(lockedUntil(f, new Date(f[0].getTime() + LOCK_MS))).toBeNull();
  });

  it("does not lock when the five failures are spread over more than the window", () => {
    const gap = WINDOW_MS / (MAX_FAILURES - 1) + 1000;
    const f = failures(MAX_FAILURES, gap);
    expect(lockedUntil(f, f[0])).toBeNull();
  });

  it("locks when exactly spanning the window", () => {
    const f = failures(MAX_FAILURES, WINDOW_MS / (MAX_FAILURES - 1));
    expect(lockedUntil(f, f[0])).not.toBeNull();
  });
});
