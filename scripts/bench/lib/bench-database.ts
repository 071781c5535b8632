// The benchmark database the page benchmarks share (pages.ts, explain.ts): a fresh database
// of its own (on the server named `dbName`, else PGlite under `root`), migrated, the demo data
// seeded and scaled ×`scale` (db/seed/scale.ts), and the ids and sign-ins the pages need.
// dropDatabase removes it again.
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase, type Database } from "../../../db/client";
import { seedDemo } from "../../../db/seed/demo";
import { scaleDemo } from "../../../db/seed/scale";

export type BenchDatabase = { serverUrl: string | undefined; dbName: string; root: string; scale: number };

export async function rows<T>(db: Database, text: string) {
  const r = (await db.execute(sql.raw(text))) as unknown;
  return (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];
}

export async function prepareDatabase({ serverUrl, dbName, root, scale }: BenchDatabase) {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  let url: string | undefined;
  if (serverUrl) {
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const u = new URL(serverUrl);
    u.pathname = `/${dbName}`;
    url = u.toString();
  }
  const dataDir = path.join(root, "pglite");
  const h = await openDatabase({ databaseUrl: url, dataDir, maxConnections: 2 });
  try {
    const t = performance.now();
    await h.migrate();
    const env = process.env.NODE_ENV;
    process.env.NODE_ENV = "test"; // seedDemo refuses production; this is a benchmark database
    await seedDemo(h.db);
    process.env.NODE_ENV = env;
    const scaled = scale > 1 ? await h.db.transaction((tx) => scaleDemo(tx, scale)) : null;
    // Fresh statistics, as a server that has run a while has: plans on an unanalysed
    // database are guesses.
    await h.db.execute(sql`ANALYZE`);
    const [ids] = await rows<{ call_id: number; grant_id: number }>(
      h.db,
      `SELECT (SELECT id FROM calls ORDER BY id LIMIT 1) AS call_id,
              (SELECT grant_id FROM grant_ledger_entries GROUP BY grant_id ORDER BY count(*) DESC, grant_id LIMIT 1) AS grant_id`,
    );
    const [form] = await rows<{ id: number; email: string }>(
      h.db,
      `SELECT a.id, u.email FROM applications a JOIN memberships m ON m.municipality_code = a.municipality_code JOIN users u ON u.id = m.user_id
        WHERE a.status = 'draft' ORDER BY a.id LIMIT 1`,
    );
    const [start] = await rows<{ email: string }>(
      h.db,
      `SELECT u.email FROM users u JOIN memberships m ON m.user_id = u.id WHERE m.role = 'municipality'
        ORDER BY (SELECT count(*) FROM grants g WHERE g.municipality_code = m.municipality_code) DESC, u.email LIMIT 1`,
    );
    const emails = (await rows<{ email: string }>(h.db, `SELECT email FROM users WHERE status = 'active' AND is_demo ORDER BY email`)).map((r) => r.email);
    const [counts] = await rows<{ applications: number; audit: number }>(
      h.db,
      `SELECT (SELECT count(*) FROM applications)::int AS applications, (SELECT count(*) FROM audit_log)::int AS audit`,
    );
    return {
      url,
      dataDir,
      seconds: (performance.now() - t) / 1000,
      callId: Number(ids!.call_id),
      grantId: Number(ids!.grant_id),
      formId: Number(form!.id),
      formEmail: form!.email,
      startEmail: start!.email,
      emails,
      applications: Number(counts!.applications),
      auditRows: Number(counts!.audit),
      scaled: scaled?.after,
    };
  } finally {
    await h.close();
  }
}

export type BenchFacts = Awaited<ReturnType<typeof prepareDatabase>>;

export async function dropDatabase({ serverUrl, dbName, root }: BenchDatabase) {
  rmSync(root, { recursive: true, force: true });
  if (!serverUrl) return;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
}
