// Who may see which rows, as SQL conditions for the WHERE clause: an id from the URL
// that the actor may not see simply finds nothing (404). Built from the permissions,
// so the vocabulary and the scopes cannot drift apart.
import { and, eq, sql, type SQL } from "drizzle-orm";
import { applications, callEligibleMunicipalities, calls, grants } from "#db/schema";
import { can, ownMunicipality, type PolicyUser } from "./permissions";

export type ScopeActor = PolicyUser;

const none = sql`false`;
const all = sql`true`;

/** Applications: ministry all; a municipality user their own municipality's; everyone else none. */
export function applicationScope(actor: ScopeActor): SQL {
  if (can(actor, "application:read:any")) return all;
  const code = ownMunicipality(actor);
  return code ? eq(applications.municipalityCode, code) : none;
}

/**
 * Calls: ministry all; a municipality user only published calls their municipality
 * may apply to; everyone else none.
 */
export function callScope(actor: ScopeActor): SQL {
  if (can(actor, "call:read:any")) return all;
  const code = can(actor, "call:read:own") ? ownMunicipality(actor) : null;
  if (!code) return none;
  return and(
    eq(calls.status, "published"),
    sql`EXISTS (SELECT 1 FROM ${callEligibleMunicipalities}
      WHERE ${callEligibleMunicipalities.callId} = ${calls.id}
        AND ${callEligibleMunicipalities.municipalityCode} = ${code})`,
  )!;
}

/** Grants (and their ledger, letters, payments): ministry all; a municipality user their own; everyone else none. */
export function grantScope(actor: ScopeActor): SQL {
  if (can(actor, "grant:read:any")) return all;
  const code = can(actor, "grant:read:own") ? ownMunicipality(actor) : null;
  return code ? eq(grants.municipalityCode, code) : none;
}
