// Who may see which rows, as SQL conditions for the WHERE clause: an id from the URL
// that the actor may not see simply finds nothing (404). Built from the permissions,
// so the vocabulary and the scopes cannot drift apart.
import { and, eq, sql, type SQL } from "drizzle-orm";
import { applications, assessmentScores, callEligibleMunicipalities, calls, grants } from "#db/schema";
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

/**
 * One assessor's scores (and their notes), decision 017: the actor's own rows always;
 * another assessor's only on an application with a single assessment (no second assessor),
 * or once both assigned assessors have submitted ("Afgiv vurdering"). Until then the
 * other's rows are not in the answer at all, whoever asks (admins included).
 */
export function assessmentScoreScope(actor: ScopeActor & { userId: string }): SQL {
  if (!can(actor, "application:assess")) return none;
  return sql`(${assessmentScores.assessorId} = ${actor.userId} OR EXISTS (
    SELECT 1 FROM "applications" AS scored_app
    WHERE scored_app."id" = ${assessmentScores.applicationId}
      AND (scored_app."second_assessor_id" IS NULL OR (
        EXISTS (SELECT 1 FROM "assessment_submissions" AS sub
          WHERE sub."application_id" = scored_app."id" AND sub."assessor_id" = scored_app."assigned_to")
        AND EXISTS (SELECT 1 FROM "assessment_submissions" AS sub
          WHERE sub."application_id" = scored_app."id" AND sub."assessor_id" = scored_app."second_assessor_id")))))`;
}
