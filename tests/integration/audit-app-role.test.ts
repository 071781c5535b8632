// The audit trail holds even against the app's own database role: the server runs as
// puljeportal_app (rows in, rows out), which cannot disable or drop the triggers, set
// session_replication_role, change or remove audit rows, or choose their time. On
// the real server it is tested the way production runs it: a login role of its own.
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_ROLE, openDatabase, rowsOf, type Database, type DbHandle } from "#db/client";
import { auditLog, users } from "#db/schema";
import { getDb } from "~/db.server";
import { audit } from "~/utils/audit.server";
import { adminUrl } from "../setup/global-setup";
import { getTestDb } from "../setup/setup-test-env";

const system = { userId: null, role: "system", requestId: "test" } as const;
let owner: Database;
let app: Database;
let appHandle: DbHandle | undefined;
let loginRole: string | undefined;
let ownerClient: import("@electric-sql/pglite").PGlite | undefined;

beforeAll(async () => {
  owner = await getDb();
  const { url } = await getTestDb();
  if (url) {
    // Production shape: a login role that is a member of the app role, nothing else.
    loginRole = `pp_web_${randomBytes(4).toString("hex")}`;
    const admin = postgres(adminUrl(url), { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE ROLE ${loginRole} LOGIN NOSUPERUSER IN ROLE ${APP_ROLE}`);
    await admin.end();
    const u = new URL(url);
    u.username = loginRole;
    u.password = "";
    appHandle = await openDatabase({ databaseUrl: u.toString(), role: APP_ROLE, maxConnections: 2 });
    app = appHandle.db;
  } else {
    // PGlite is one connection: the same session, switched to the app role.
    ownerClient = (owner as unknown as { $client: import("@electric-sql/pglite").PGlite }).$client;
    await ownerClient.exec(`SET ROLE ${APP_ROLE}`);
    app = owner;
  }
});

afterAll(async () => {
  if (ownerClient) await ownerClient.exec("RESET ROLE");
  await appHandle?.close();
  const { url } = await getTestDb();
  if (url && loginRole) {
    const admin = postgres(adminUrl(url), { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP OWNED BY ${loginRole}; DROP ROLE IF EXISTS ${loginRole}`).catch(() => {});
    await admin.end();
  }
});

describe("the app's database role", () => {
  it("runs as the app role and may read and write ordinary rows", async () => {
    const [who] = rowsOf<{ current_user: string }>(await app.execute(sql`select current_user`));
    expect(who.current_user).toBe(APP_ROLE);
    const [u] = await app.insert(users).values({ email: `rolle-${randomBytes(3).toString("hex")}@test.dk`, name: "Rolle" }).returning();
    await app.update(users).set({ name: "Rolle 2" }).where(sql`${users.id} = ${u.id}`);
    await app.delete(users).where(sql`${users.id} = ${u.id}`);
  });

  it("appends audit rows with the database's time, not the caller's", async () => {
    const [row] = await app
      .insert(auditLog)
      .values({ at: new Date("2001-01-01T00:00:00Z"), actorRole: "system", action: "role.backdated", entityType: "roletest" })
      .returning();
    expect(Math.abs(row.at.getTime() - Date.now())).toBeLessThan(10 * 60_000);
    await audit(app, system, { action: "role.append", entityType: "roletest" });
  });

  it.each([
    ["UPDATE", sql`UPDATE audit_log SET action = 'changed'`],
    ["DELETE", sql`DELETE FROM audit_log`],
    ["TRUNCATE", sql`TRUNCATE audit_log`],
    ["DISABLE TRIGGER", sql`ALTER TABLE audit_log DISABLE TRIGGER ALL`],
    ["DISABLE one trigger", sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete`],
    ["DROP TRIGGER", sql`DROP TRIGGER audit_log_no_update_delete ON audit_log`],
    ["session_replication_role", sql`SET session_replication_role = replica`],
    ["ALTER the stamp", sql`CREATE OR REPLACE FUNCTION audit_log_stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END; $$`],
  ])("refuses %s", async (_label, statement) => {
    await expect(app.execute(statement)).rejects.toThrow();
  });

  it("leaves every audit row as it was", async () => {
    const rows = await owner.select().from(auditLog).where(sql`${auditLog.entityType} = 'roletest'`);
    expect(rows.map((r) => r.action).sort()).toEqual(["role.append", "role.backdated"]);
  });
});

describe("the triggers fire ALWAYS", () => {
  it("even a superuser session in replica mode cannot change audit rows", async () => {
    if (ownerClient) await ownerClient.exec("RESET ROLE");
    try {
      const error = await owner
        .transaction(async (tx) => {
          await tx.execute(sql`SET LOCAL session_replication_role = replica`);
          await tx.execute(sql`UPDATE audit_log SET action = 'changed' WHERE entity_type = 'roletest'`);
        })
        .then(() => null, (e: Error & { cause?: Error }) => e);
      expect(String(error?.cause?.message ?? error?.message)).toMatch(/append-only/);
    } finally {
      if (ownerClient) await ownerClient.exec(`SET ROLE ${APP_ROLE}`);
    }
  });
});
