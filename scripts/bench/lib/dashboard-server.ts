// The server for the dashboard benchmark: a fresh database with the demo data, and with
// BENCH_SCALE=N (N > 1) the demo's pool-bound data copied N times (db/seed/scale.ts).
// Prints "READY <json>" when serving: the demo pool's id and the table sizes.
import { asc, count } from "drizzle-orm";
import { grantLedgerEntries, grants, milestones, pools } from "../../../db/schema";
import { scaleDemo } from "../../../db/seed/scale";
import { serveDemo } from "../../lib/demo-server";

const port = Number(process.env.BENCH_PORT ?? 3224);
const scale = Number(process.env.BENCH_SCALE ?? 1);
const facts = await serveDemo({
  name: process.env.BENCH_NAME ?? "dashboard_bench",
  port,
  prepare: async (db) => {
    if (scale > 1) await db.transaction((tx) => scaleDemo(tx, scale, { auditRowsPerUnit: 0 }));
    const n = async (table: typeof grants | typeof grantLedgerEntries | typeof milestones | typeof pools) => (await db.select({ n: count() }).from(table))[0]!.n;
    const [first] = await db.select({ id: pools.id }).from(pools).orderBy(asc(pools.startsOn), asc(pools.id)).limit(1);
    return { poolId: first!.id, pools: await n(pools), grants: await n(grants), ledger: await n(grantLedgerEntries), milestones: await n(milestones) };
  },
});
console.log(`READY ${JSON.stringify(facts)}`);
