// Close-out: once a pool is closed, the database refuses every write to its data (SQLSTATE
// PP403), whoever writes (the server, a job, a script), as the app's own role. Table-driven:
// one update, one delete and one insert per pool-owned table on a row of the closed pool, and
// the same update on the open pool goes through. A structural check fails when a table with a
// pool/call/application/grant/… reference has no guard (a new table must get one).
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { APP_ROLE, rowsOf, type Database } from "#db/client";
import { seedDemo } from "#db/seed/demo";
import { getDb } from "~/db.server";
import { isPoolClosedError } from "~/domain/pools/closed";
import { POOL_OWNED } from "~/domain/pools/pool-tables";


const ROLLBACK = new Error("rollback");
let db: Database;
let poolId: number;

/** Runs `statement` as the app role in a transaction that is always rolled back: "ok", "closed" or another error's code. */
async function attempt(statement: ReturnType<typeof sql>): Promise<string> {
  try {
    await db.transaction(async (tx) => {
      await tx.execute(sql.raw(`SET LOCAL ROLE ${APP_ROLE}`));
      await tx.execute(statement);
      throw ROLLBACK;
    });
  } catch (e) {
    if (e === ROLLBACK) return "ok";
    if (isPoolClosedError(e)) return "closed";
    const code = (e as { cause?: { code?: string }; code?: string }).cause?.code ?? (e as { code?: string }).code;
    return `error ${code}: ${(e as Error).message.slice(0, 200)}`;
  }
  return "ok";
}

const row = (table: string, kind: string, column: string) =>
  `(SELECT ctid FROM ${table} WHERE pool_of('${kind}', ${column}) = ${poolId} LIMIT 1)`;
/** Append-only for the app role (UPDATE/DELETE not granted): only an insert can reach the guard. */
const APPEND_ONLY = ["grant_ledger_entries"];

beforeAll(async () => {
  db = await getDb();
  await seedDemo(db, { now: new Date("2026-03-10T09:00:00Z") });
  const [p] = rowsOf<{ id: number }>(await db.execute(sql`SELECT id FROM pools ORDER BY id LIMIT 1`));
  poolId = Number(p.id);
}, 240_000);

describe("the closed-pool guard in the database", () => {
  it("guards every table that belongs to a pool", async () => {
    const guarded = rowsOf<{ table: string }>(
      await db.execute(sql`SELECT c.relname AS "table" FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname LIKE '%closed_pool_guard'`),
    ).map((r) => r.table);
    // Any table with a column naming a pool-owned parent must be guarded (audit_log and mail are not the pool's data).
    const owning = rowsOf<{ table: string }>(
      await db.execute(sql`
        SELECT DISTINCT table_name AS "table" FROM information_schema.columns
        WHERE table_schema = 'public' AND column_name IN ('pool_id', 'call_id', 'application_id', 'grant_id', 'round_id', 'budget_version_id',
          'budget_change_id', 'accounts_id', 'programme_id', 'milestone_id', 'session_id', 'report_id', 'version_id', 'due_date_id')`),
    ).map((r) => r.table);
    // Derived data the database itself recomputes from guarded inputs (migrations 0018 and 0019, decisions 034 and 038).
    const derived = ["application_standings", "application_totals"];
    expect(owning.filter((t) => !guarded.includes(t) && !derived.includes(t)).sort()).toEqual([]);
    expect(POOL_OWNED.map(([t]) => t).sort()).toEqual([...guarded].sort());
  });

  it("lets every write through on an open pool, and refuses update, delete and insert on every table once it is closed", async () => {
    const open: Record<string, string> = {};
    const closed: Record<string, string[]> = {};
    const empty: string[] = [];
    const statements = (table: string, kind: string, column: string) => ({
      update: sql.raw(`UPDATE ${table} SET ${column} = ${column} WHERE ctid = ${row(table, kind, column)}`),
      delete: sql.raw(`DELETE FROM ${table} WHERE ctid = ${row(table, kind, column)}`),
      insert: sql.raw(`INSERT INTO ${table} SELECT * FROM ${table} WHERE ctid = ${row(table, kind, column)}`),
    });
    for (const [table, kind, column] of POOL_OWNED) {
      const [{ n }] = rowsOf<{ n: number }>(
        await db.execute(sql.raw(`SELECT count(*)::int AS n FROM ${table} WHERE pool_of('${kind}', ${column}) = ${poolId}`)),
      );
      if (Number(n) === 0) {
        empty.push(table);
        continue;
      }
      const s = statements(table, kind, column);
      // An append-only table: the copied row's primary key clashes (23505), past the guard.
      open[table] = APPEND_ONLY.includes(table) ? (await attempt(s.insert)).slice(0, 11).replace("error 23505", "ok") : await attempt(s.update);
    }
    expect(Object.entries(open).filter(([, r]) => r !== "ok")).toEqual([]);

    await db.execute(sql`UPDATE pools SET closed_at = now() WHERE id = ${poolId}`);
    for (const [table, kind, column] of POOL_OWNED) {
      if (empty.includes(table)) continue;
      const s = statements(table, kind, column);
      closed[table] = APPEND_ONLY.includes(table) ? [await attempt(s.insert)] : [await attempt(s.update), await attempt(s.delete), await attempt(s.insert)];
    }
    expect(Object.entries(closed).filter(([, r]) => r.some((x) => x !== "closed"))).toEqual([]);
    // The pool row itself takes no change after closing.
    expect(await attempt(sql`UPDATE pools SET name = name WHERE id = ${poolId}`)).toBe("closed");
    console.log(`closed-pool guard: ${Object.keys(closed).length} tables tried with rows, without demo rows: ${empty.join(", ")}`);
  });
});
