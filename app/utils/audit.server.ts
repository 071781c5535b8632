// Every command that changes data writes one audit row in the same transaction.
import type { Executor } from "#db/client";
import { auditLog } from "#db/schema";
import type { Actor, SystemActor } from "~/auth/actor";

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
};

/** Who is recorded: a user with their role, or the system. */
export type AuditActor = Pick<Actor, "userId" | "role" | "requestId"> | SystemActor;

export async function audit(tx: Executor, actor: AuditActor, entry: AuditEntry) {
  await tx.insert(auditLog).values({
    actorUserId: actor.userId,
    actorRole: actor.role,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId == null ? null : String(entry.entityId),
    before: toJson(entry.before),
    after: toJson(entry.after),
    requestId: actor.requestId,
  });
}

// bigint (øre) and Date must survive JSON; secrets never belong in the trail.
function toJson(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(
    JSON.stringify(value, (key, v) => {
      if (/password|token|hash/i.test(key)) return "[skjult]";
      return typeof v === "bigint" ? v.toString() : v;
    }),
  );
}
