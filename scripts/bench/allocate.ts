// Issue 16 benchmark: approving allocation rounds on the real server (PostgreSQL), one
// 100.000 kr. grant per round, 200 rounds against 14.300.000 kr. (143 fit), at 1, 10 and
// 100 concurrent approvals. Prints approvals per second (approved and refused both count
// as answered) and over-allocations: grants beyond what the pool holds, and any pool whose
// counter differs from its ledger (both must be 0).
// Usage: DATABASE_URL=postgres://… npx tsx scripts/bench/allocate.ts
import postgres from "postgres";
import { openDatabase } from "../../db/client";
import { approveAll, poolState, prepareCommitments } from "../lib/allocation-load";

const base = process.env.DATABASE_URL;
if (!base) {
  console.log("allocate: skipped (set DATABASE_URL: the rule is about the real server's concurrency)");
  process.exit(0);
}
const name = `pp_bench_alloc_${process.pid}`;
const admin = postgres(base, { max: 1, onnotice: () => {} });
await admin.unsafe(`CREATE DATABASE ${name}`);
const u = new URL(base);
u.pathname = `/${name}`;
const rows: string[] = [];
try {
  const setup = await openDatabase({ databaseUrl: u.toString(), maxConnections: 2 });
  await setup.migrate();
  await setup.close();
  for (const concurrency of [1, 10, 100]) {
    const h = await openDatabase({ databaseUrl: u.toString(), maxConnections: Math.min(20, concurrency) });
    const load = await prepareCommitments(h.db, { count: 200, amountOre: 10_000_000n, poolTotalOre: 1_430_000_000n });
    const r = await approveAll(h.db, load.approverId, load.roundIds, concurrency);
    const s = await poolState(h.db, load.poolId);
    const over = Math.max(0, s.grants - 143) + (s.allocatedOre > s.totalOre ? 1 : 0) + (s.ledgerOre !== s.allocatedOre ? 1 : 0);
    rows.push(
      `| ${concurrency} | ${(((r.approved + r.refused) * 1000) / r.ms).toFixed(0)} | ${((r.approved * 1000) / r.ms).toFixed(0)} | ${r.approved} | ${r.refused} | ${r.errors} | ${over} |`,
    );
    await h.close();
  }
} finally {
  await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
console.log(`\nAllocation approvals, PostgreSQL · ${new Date().toISOString()} · 200 × 100.000 kr. against 14.300.000 kr.`);
console.log("| concurrent | answered/s | approved/s | approved | refused (pool) | errors | over-allocations |");
console.log("| --- | --- | --- | --- | --- | --- | --- |");
for (const r of rows) console.log(r);
