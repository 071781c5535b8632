// Who may see which applications, as a SQL condition for the WHERE clause.
// Ministry: all; municipality users: their own municipality's; everyone else: none.
import { eq, sql, type SQL } from "drizzle-orm";
import { applications } from "#db/schema";
import type { Actor } from "~/auth/actor";
import { isMinistry } from "~/policy";

export function applicationScope(actor: Pick<Actor, "role" | "municipalityCode" | "agencyId">): SQL {
  if (isMinistry(actor)) return sql`true`;
  if (actor.role === "municipality" && actor.municipalityCode) {
    return eq(applications.municipalityCode, actor.municipalityCode);
  }
  return sql`false`;
}
