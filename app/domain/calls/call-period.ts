// A call's project period must lie inside its pool's: money from a pool can only be
// spent in the pool's period, and the application's budget grid is drawn from the
// call's period. One rule for create, edit and publish.
import { formatDate } from "~/utils/dates";

export type Period = { projectStart: string; projectEnd: string };
export type PoolPeriod = { startsOn: string; endsOn: string };

/**
 * The fields that lie outside the pool's period, each with the Danish message to
 * show next to it; empty when the period fits (the pool's first and last day count
 * as inside). Dates are ISO calendar dates, which compare as strings.
 */
export function projectPeriodOutsidePool(period: Period, pool: PoolPeriod): Partial<Record<keyof Period, string>> {
  const message = `Projektperioden (${formatDate(period.projectStart)}–${formatDate(period.projectEnd)}) skal ligge inden for puljens periode (${formatDate(pool.startsOn)}–${formatDate(pool.endsOn)}).`;
  const errors: Partial<Record<keyof Period, string>> = {};
  if (period.projectStart < pool.startsOn) errors.projectStart = message;
  if (period.projectEnd > pool.endsOn) errors.projectEnd = message;
  return errors;
}
