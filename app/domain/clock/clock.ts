// The test clock: an offset from the real time, set by an admin outside production so
// a past round (deadline 7 November 2022 kl. 12:00) can be replayed. Time keeps
// running from the moved instant. Pure: clock.server.ts stores and reads it.
import { copenhagenInstant } from "~/utils/dates";
import { z } from "~/utils/validation";

export type TestClock = { offsetMs: number; setTo: string; setAt: string };

/** "Now" as deadlines see it. */
export function shiftedNow(real: Date, clock: TestClock | null): Date {
  return clock ? new Date(real.getTime() + clock.offsetMs) : real;
}

/** The clock that makes `target` the current instant at `real`. */
export function clockAt(target: Date, real: Date): TestClock {
  return { offsetMs: target.getTime() - real.getTime(), setTo: target.toISOString(), setAt: real.toISOString() };
}

/** Only where the run is not a production deployment (a demo started by `npm start` counts as not). */
export function testClockAllowed(env: { NODE_ENV: string; DEMO_MODE?: string }) {
  return env.NODE_ENV !== "production" || env.DEMO_MODE === "1";
}

/** A stored value that is not a clock is ignored rather than trusted. */
export function parseTestClock(value: unknown): TestClock | null {
  if (typeof value !== "object" || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.offsetMs !== "number" || !Number.isFinite(v.offsetMs)) return null;
  if (typeof v.setTo !== "string" || typeof v.setAt !== "string") return null;
  return { offsetMs: v.offsetMs, setTo: v.setTo, setAt: v.setAt };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}$/;

/** The admin's form: a Copenhagen date and time to move to, or back to the real time. */
export const testClockFormSchema = z.discriminatedUnion("intent", [
  z.strictObject({
    intent: z.literal("set"),
    date: z.string({ error: "Vælg en dato." }).trim().regex(DATE, "Skriv datoen som åååå-mm-dd, fx 2022-11-07."),
    time: z.string({ error: "Skriv et klokkeslæt." }).trim().regex(TIME, "Skriv klokkeslættet som tt:mm, fx 11:00."),
  }),
  z.strictObject({ intent: z.literal("clear") }),
]).transform((v) => (v.intent === "clear" ? null : copenhagenInstant(v.date, v.time)));
