// Each test file gets its own database: PGlite loaded from the migrated dump, or
// a clone of the migrated template database on the real server.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import postgres from "postgres";
import { inject } from "vitest";
import { openDatabase, type DbHandle } from "../../db/client";
import { adminUrl } from "./global-setup";

export type TestDb = DbHandle & { url: string | null; dropDatabase: () => Promise<void> };

export async function createTestDb(): Promise<TestDb> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const dump = readFileSync(inject("pgliteDumpPath"));
    const h = await openDatabase({ dataDir: "memory://", loadDataDir: new Blob([dump]) });
    return { ...h, url: null, dropDatabase: async () => {} };
  }
  const name = `pp_t_${inject("pgRunPid")}_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl(databaseUrl), { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${inject("pgTemplateDb")}`);
  await admin.end();
  const url = adminUrl(databaseUrl, name);
  const h = await openDatabase({ databaseUrl: url });
  return {
    ...h,
    url,
    dropDatabase: async () => {
      const a = postgres(adminUrl(databaseUrl), { max: 1, onnotice: () => {} });
      await a.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}
