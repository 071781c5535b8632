// npm run db:seed -- --scale N (db/seed/scale.ts): the demo data multiplied by bulk inserts.
// At ×2 (small enough for both databases): every copied table holds exactly twice its rows,
// each copy has its own pools, the money invariants hold for every pool and grant, references
// stay inside their copy, and the audit log reaches its target size. Owner connection, as
// the seed script runs.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "#db/seed/demo";
import { scaleDemo, type ScaleResult } from "#db/seed/scale";
import { createTestDb, type TestDb } from "../setup/test-db";

let t: TestDb;
let r: ScaleResult;
const AUDIT_PER_UNIT = 500;

async function all<T>(query: ReturnType<typeof sql>) {
  const res = (await t.db.execute(query)) as unknown;
  return (Array.isArray(res) ? res : (res as { rows: T[] }).rows) as T[];
}
async function one(query: ReturnType<typeof sql>) {
  const [row] = await all<{ n: string | number }>(query);
  return Number(row!.n);
}

beforeAll(async () => {
  t = await createTestDb();
  const prev = process.env.NODE_ENV;
  process.env.NODE_ENV = "test";
  await seedDemo(t.db, { now: new Date("2026-03-10T09:00:00Z") });
  process.env.NODE_ENV = prev;
  r = await t.db.transaction((tx) => scaleDemo(tx, 2, { auditRowsPerUnit: AUDIT_PER_UNIT }));
}, 300_000);
afterAll(async () => {
  await t.close();
  await t.dropDatabase();
});

describe("scaled demo data (×2)", () => {
  it("doubles every copied table, the money and programme tables among them", () => {
    for (const table of ["pools", "calls", "applications", "application_budget_lines", "grants", "grant_ledger_entries", "payments", "advisory_programmes", "milestones", "budget_versions"]) {
      expect(r.before[table], table).toBeGreaterThan(0);
    }
    for (const [table, n] of Object.entries(r.before)) expect(r.after[table], table).toBe(2 * n);
  });

  it("fills each call with an application from every eligible municipality (the 98 real ones)", async () => {
    expect(r.filledApplications).toBeGreaterThan(0);
    expect(await one(sql`SELECT count(*) AS n FROM call_eligible_municipalities e WHERE NOT EXISTS (SELECT 1 FROM applications a WHERE a.call_id = e.call_id AND a.municipality_code = e.municipality_code)`)).toBe(0);
    expect(await one(sql`SELECT count(DISTINCT municipality_code) AS n FROM applications`)).toBeLessThanOrEqual(98);
    expect(await one(sql`SELECT count(*) AS n FROM applications a WHERE a.requested_ore <> (SELECT coalesce(sum(amount_ore), 0) FROM application_budget_lines l WHERE l.application_id = a.id) AND a.status <> 'draft'`)).toBe(0);
  });

  it("keeps every pool's allocated amount equal to its ledger and within its total", async () => {
    expect(await one(sql`SELECT count(*) AS n FROM pools`)).toBe(2 * r.before.pools!);
    const bad = await one(sql`
      SELECT count(*) AS n FROM pools p
       WHERE p.allocated_ore > p.total_ore
          OR p.allocated_ore <> (SELECT coalesce(sum(committed_delta_ore), 0) FROM grant_ledger_entries l WHERE l.pool_id = p.id)`);
    expect(bad).toBe(0);
  });

  it("keeps every grant's committed and paid equal to its ledger, and the paid payments equal to their ledger entries", async () => {
    const grantsOff = await one(sql`
      SELECT count(*) AS n FROM grants g
       WHERE g.committed_ore <> (SELECT coalesce(sum(committed_delta_ore), 0) FROM grant_ledger_entries l WHERE l.grant_id = g.id)
          OR g.paid_ore <> (SELECT coalesce(sum(paid_delta_ore), 0) FROM grant_ledger_entries l WHERE l.grant_id = g.id)`);
    expect(grantsOff).toBe(0);
    const paymentsOff = await one(sql`
      SELECT count(*) AS n FROM grants g
       WHERE (SELECT coalesce(sum(amount_ore), 0) FROM payments p WHERE p.grant_id = g.id AND p.status = 'paid')
          <> (SELECT coalesce(sum(paid_delta_ore), 0) FROM grant_ledger_entries l WHERE l.grant_id = g.id AND l.payment_id IS NOT NULL)`);
    expect(paymentsOff).toBe(0);
    expect(await one(sql`SELECT count(*) AS n FROM grants WHERE paid_ore > 0`)).toBeGreaterThan(0);
  });

  it("keeps references inside their copy (a grant's pool is its call's pool, a payment's ledger entry its grant's)", async () => {
    expect(await one(sql`SELECT count(*) AS n FROM grants g JOIN calls c ON c.id = g.call_id JOIN applications a ON a.id = g.application_id WHERE g.pool_id <> c.pool_id OR a.call_id <> g.call_id`)).toBe(0);
    expect(await one(sql`SELECT count(*) AS n FROM grant_ledger_entries l WHERE l.payment_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.id = l.payment_id AND p.grant_id = l.grant_id)`)).toBe(0);
    expect(await one(sql`SELECT count(*) AS n FROM budget_versions v WHERE v.budget_change_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM budget_changes c WHERE c.id = v.budget_change_id AND c.grant_id = v.grant_id)`)).toBe(0);
    expect(await one(sql`SELECT count(*) AS n FROM calls WHERE title LIKE '% · sæt 2'`)).toBe(r.before.calls);
  });

  it("fills the audit log to its target, entity ids moved into the copies, and the sequences continue after the copies", async () => {
    expect(r.auditRows).toBe(2 * AUDIT_PER_UNIT);
    expect(await one(sql`SELECT count(*) AS n FROM audit_log`)).toBe(2 * AUDIT_PER_UNIT);
    const maxGrant = await one(sql`SELECT max(id) AS n FROM grants`);
    expect(await one(sql`SELECT count(*) AS n FROM audit_log WHERE entity_type = 'grant' AND entity_id::int > ${maxGrant / 2}`)).toBeGreaterThan(0);
    expect(await one(sql`SELECT count(*) AS n FROM audit_log WHERE entity_type = 'grant' AND entity_id::int > ${maxGrant}`)).toBe(0);
    const [p] = await all<{ id: number }>(sql`INSERT INTO pools (name, finance_line, total_ore, starts_on, ends_on) VALUES ('Ny', '§ 1', 100, '2030-01-01', '2030-12-31') RETURNING id`);
    expect(Number(p!.id)).toBeGreaterThan(2 * r.before.pools!);
  });
});
