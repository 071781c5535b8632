// Who may be assigned an application: active ministry users (admins and caseworkers).
// The assessment page's choices and the assign command must agree on it.
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Executor } from "#db/client";
import { memberships, users } from "#db/schema";
import { ministryRoles } from "~/policy/permissions";

function assignable() {
  return and(inArray(memberships.role, [...ministryRoles]), eq(users.status, "active"));
}

export async function listStaff(db: Executor) {
  return db
    .select({ id: users.id, name: users.name, role: memberships.role })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(assignable())
    .orderBy(asc(users.name));
}

export async function isAssignableStaff(db: Executor, userId: string): Promise<boolean> {
  const [staff] = await db
    .select({ id: users.id })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(and(eq(users.id, userId), assignable()));
  return Boolean(staff);
}
