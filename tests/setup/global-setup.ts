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
    pgRunPid: string;
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
    project.provide("pgRunPid", "");
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
  project.provide("pgRunPid", String(process.pid));
  project.provide("pgliteDumpPath", "");
  return async () => {
    await dropLeftovers(admin, process.pid);
    await admin.end();
  };
}

// Databases named after a vitest process (pp_tpl_<pid>, pp_t_<pid>_<random>): ours
// at the end, and those of runs whose process is gone (left after a crash). A run
// still going in another process keeps its databases.
async function dropLeftovers(admin: postgres.Sql, ownPid?: number) {
  const rows = await admin<{ datname: string }[]>`
    SELECT datname FROM pg_database WHERE datname ~ '^pp_(tpl|t)_[0-9]+'`;
  for (const { datname } of rows) {
    const pid = Number(/^pp_(?:tpl|t)_(\d+)/.exec(datname)![1]);
    if (pid !== ownPid && isAlive(pid)) continue;
    await admin.unsafe(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  }
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
