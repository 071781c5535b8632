// The pool cannot be overspent whatever the concurrency: 200 approvals of 100.000 kr.
// against 14.300.000 kr. commit exactly 143. On the real server they come from TWO
// processes, each with its own connection pool, 100 in flight each; on PGlite (one
// connection) the same rule holds sequentially. The counter always equals the ledger.
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approveAll, poolState, prepareCommitments, type WorkerResult } from "../../scripts/lib/allocation-load";
import { createTestDb, type TestDb } from "../setup/test-db";
import { expectLedgerConsistent } from "./grant-fixtures";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
}, 60_000);
afterAll(async () => {
  await t.close();
  await t.dropDatabase();
});

function worker(url: string, approverId: string, roundIds: number[]): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/lib/allocation-worker.ts"], {
      env: { ...process.env, DATABASE_URL: url, ALLOC_ROUNDS: JSON.stringify(roundIds), ALLOC_APPROVER: approverId, ALLOC_CONCURRENCY: "100" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("exit", (code) => {
      const m = /RESULT (.*)/.exec(out);
      if (code === 0 && m) resolve(JSON.parse(m[1]!) as WorkerResult);
      else reject(new Error(`worker exited with ${code}: ${out}`));
    });
  });
}

describe("allocation under concurrency", () => {
  it("commits exactly 143 of 200 × 100.000 kr. against 14.300.000 kr., and the counter equals the ledger", async () => {
    const load = await prepareCommitments(t.db, { count: 200, amountOre: 10_000_000n, poolTotalOre: 1_430_000_000n });
    let results: WorkerResult[];
    if (t.url) {
      // Interleaved halves, so both processes race for the same last money.
      const a = load.roundIds.filter((_, i) => i % 2 === 0);
      const b = load.roundIds.filter((_, i) => i % 2 === 1);
      results = await Promise.all([worker(t.url, load.approverId, a), worker(t.url, load.approverId, b)]);
    } else {
      results = [await approveAll(t.db, load.approverId, load.roundIds, 1)];
    }
    const approved = results.reduce((s, r) => s + r.approved, 0);
    const refused = results.reduce((s, r) => s + r.refused, 0);
    expect(results.reduce((s, r) => s + r.errors, 0), JSON.stringify(results.map((r) => r.messages))).toBe(0);
    expect(approved).toBe(143);
    expect(refused).toBe(57);
    for (const r of results) for (const m of r.messages) expect(m).toMatch(/^Der er ikke penge nok tilbage i puljen/);
    const state = await poolState(t.db, load.poolId);
    expect(state.allocatedOre).toBe(1_430_000_000n);
    expect(state.ledgerOre).toBe(state.allocatedOre);
    expect(state.grants).toBe(143);
    await expectLedgerConsistent(t.db);
  }, 240_000);
});
