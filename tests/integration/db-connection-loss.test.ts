// A database connection that dies inside a transaction (failover, restart,
// idle-in-transaction timeout) fails that one request; the process lives on and
// serves the next. postgres.js 3.4.9 wrote to the closed socket from a timer and
// took the whole process down (patches/postgres+3.4.9.patch).
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { rowsOf } from "#db/client";
import { databaseReachable, getDb } from "~/db.server";
import { getTestDb } from "../setup/setup-test-env";

describe("a connection lost inside a transaction", () => {
  it("fails that transaction, and the next query is served", async () => {
    const db = await getDb();
    const { url } = await getTestDb();
    if (!url) {
      // PGlite runs in this process: there is no connection to lose. What remains to
      // prove is the health probe that turns a failure into the 503 page.
      expect(await databaseReachable()).toBe(true);
      return;
    }
    const killer = postgres(url, { max: 1, onnotice: () => {} });
    try {
      for (let round = 0; round < 3; round++) {
        const failed = db.transaction(async (tx) => {
          const [{ pid }] = rowsOf<{ pid: number }>(await tx.execute(sql`select pg_backend_pid() as pid`));
          await killer`select pg_terminate_backend(${pid})`;
          // Written to the dead socket: used to crash the process from a timer.
          await tx.execute(sql`select 1`);
          await tx.execute(sql`select 2`);
        });
        await expect(failed).rejects.toThrow();
        // Let any timer the driver left behind run before asking again.
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(rowsOf<{ ok: number }>(await db.execute(sql`select 1 as ok`))[0]).toMatchObject({ ok: 1 });
      }
      expect(await databaseReachable()).toBe(true);
    } finally {
      await killer.end();
    }
  });
});
