import { describe, expect, it } from "vitest";
import { LOCK_MS, lockedUntil, MAX_FAILURES } from "./lockout";

const t0 = new Date("2026-03-02T09:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

describe("lockedUntil", () => {
  it("is open below the limit and without a counter", () => {
    expect(lockedUntil({ failures: MAX_FAILURES - 1, windowStartedAt: t0, lastAt: t0 }, MAX_FAILURES, t0)).toBeNull();
    expect(lockedUntil(null, MAX_FAILURES, t0)).toBeNull();
  });

  it("locks for LOCK_MS from the last counted failure", () => {
    const state = { failures: MAX_FAILURES, windowStartedAt: t0, lastAt: at(60_000) };
    expect(lockedUntil(state, MAX_FAILURES, at(60_000))).toEqual(at(60_000 + LOCK_MS));
    expect(lockedUntil(state, MAX_FAILURES, at(60_000 + LOCK_MS - 1))).not.toBeNull();
    expect(lockedUntil(state, MAX_FAILURES, at(60_000 + LOCK_MS))).toBeNull();
  });
});
