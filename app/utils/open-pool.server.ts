// In utils, not domain/pools: the grant and timeline jobs ask it, and domain/pools reads the grants.
// Scheduled jobs and work lists pass over closed pools: their data is read-only (the database
// refuses any write with PP403), so a job that tried would fail its whole run, for every pool.
import { sql, type AnyColumn } from "drizzle-orm";
import { calls, pools } from "#db/schema";

/** True in SQL when the pool `poolId` refers to is not closed. */
export function inOpenPool(poolId: AnyColumn) {
  return sql`NOT EXISTS (SELECT 1 FROM ${pools} WHERE ${pools.id} = ${poolId} AND ${pools.closedAt} IS NOT NULL)`;
}

/** The same for a row that knows its call (an application). */
export function callInOpenPool(callId: AnyColumn) {
  return sql`NOT EXISTS (SELECT 1 FROM ${calls} JOIN ${pools} ON ${pools.id} = ${calls.poolId} WHERE ${calls.id} = ${callId} AND ${pools.closedAt} IS NOT NULL)`;
}
