// A separate process approving rounds over its own connection pool (the concurrency test
// and the benchmark start two of these). Args: rounds as JSON on ALLOC_ROUNDS, ALLOC_APPROVER,
// ALLOC_CONCURRENCY; DATABASE_URL. Prints one line: RESULT {json}.
import { openDatabase } from "../../db/client";
import { approveAll } from "./allocation-load";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL is required");
const concurrency = Number(process.env.ALLOC_CONCURRENCY ?? 100);
const h = await openDatabase({ databaseUrl: url, maxConnections: Math.min(20, concurrency) });
try {
  const r = await approveAll(h.db, process.env.ALLOC_APPROVER!, JSON.parse(process.env.ALLOC_ROUNDS!) as number[], concurrency);
  console.log(`RESULT ${JSON.stringify(r)}`);
} finally {
  await h.close();
}
