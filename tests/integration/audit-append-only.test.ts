import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog } from "#db/schema";
import { getDb } from "~/db.server";
import { audit } from "~/utils/audit.server";

const system = { userId: null, role: "system", requestId: "test" } as const;

describe("audit log is append-only in the database", () => {
  it("accepts inserts and rejects UPDATE, DELETE and TRUNCATE", async () => {
    const db = await getDb();
    await audit(db, system, { action: "test.insert", entityType: "test", entityId: 1, after: { n: 1n } });
    const [row] = await db.select().from(auditLog);
    expect(row.after).toEqual({ n: "1" });
    await expect(db.execute(sql`UPDATE audit_log SET action = 'changed'`)).rejects.toThrow();
    await expect(db.execute(sql`DELETE FROM audit_log`)).rejects.toThrow();
    await expect(db.execute(sql`TRUNCATE audit_log`)).rejects.toThrow();
    const rows = await db.select().from(auditLog);
    expect(rows).toHaveLength(1);
    expect(rows[0].action).toBe("test.insert");
  });

  it("never stores secrets in before/after", async () => {
    const db = await getDb();
    await audit(db, system, { action: "t", entityType: "user", after: { passwordHash: "x", name: "A" } });
    const rows = await db.select().from(auditLog).where(sql`action = 't'`);
    expect(rows[0].after).toEqual({ passwordHash: "[skjult]", name: "A" });
  });
});
