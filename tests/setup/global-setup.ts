// Migrate once per run: PGlite is dumped and each test file loads the dump;
// on the real server a template database is cloned per test file.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../db/client";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteDumpPath: string;
    pgTemplateDb: string;
  }
}

export function adminUrl(databaseUrl: string, dbName = "postgres") {
  const u = new URL(databaseUrl);
  u.pathname = `/${dbName}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const h = await openDatabase({ dataDir: "memory://" });
    await h.migrate();
    const { PGlite } = await import("@electric-sql/pglite");
    void PGlite;
    const client = (h.db as unknown as { $client: import("@electric-sql/pglite").PGlite }).$client;
    const dump = await client.dumpDataDir("none");
    const dir = path.resolve(".cache");
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `pglite-template-${process.pid}.tar`);
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    await h.close();
    project.provide("pgliteDumpPath", file);
    project.provide("pgTemplateDb", "");
    return;
  }
  const template = `pp_tpl_${process.pid}`;
  const admin = postgres(adminUrl(databaseUrl), { max: 1, onnotice: () => {} });
  await dropLeftovers(admin);
  await admin.unsafe(`CREATE DATABASE ${template}`);
  const h = await openDatabase({ databaseUrl: adminUrl(databaseUrl, template), maxConnections: 1 });
  await h.migrate();
  await h.close();
  project.provide("pgTemplateDb", template);
  project.provide("pgliteDumpPath", "");
  return async () => {
    await dropLeftovers(admin, template);
    await admin.end();
  };
}

// Databases of earlier runs of this suite (pp_tpl_*, pp_t_*), left after a crash.
async function dropLeftovers(admin: postgres.Sql, only?: string) {
  const rows = await admin<{ datname: string }[]>`
    SELECT datname FROM pg_database WHERE datname LIKE 'pp\_t%'`;
  for (const { datname } of rows) {
    if (only && !datname.startsWith("pp_t_") && datname !== only) continue;
    await admin.unsafe(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  }
}
