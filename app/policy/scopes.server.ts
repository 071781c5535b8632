// Who may see which rows, as SQL conditions for the WHERE clause: an id from the URL
// that the actor may not see simply finds nothing (404). Built from the permissions,
// so the vocabulary and the scopes cannot drift apart.
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import {
  advisoryProgrammes,
  applications,
  assessmentScores,
  callEligibleMunicipalities,
  calls,
  crossMunicipalSessions,
  grants,
  programmeAdvisors,
  progressReports,
  sessionInvitations,
} from "#db/schema";
import { PUBLIC_GRANT_STATUSES } from "~/domain/grants/grant-constants";
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
 * The grants anyone may see without signing in (open data, decision 022): decided and
 * standing only. No actor: the public page and its exports use this and nothing else.
 */
export function publicGrantScope(): SQL {
  return inArray(grants.status, [...PUBLIC_GRANT_STATUSES]);
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

/**
 * Advisory programmes (and everything under them: milestones, comments, attachments):
 * ministry all; an advisor the programmes they are assigned to; a municipality user their
 * own municipality's; everyone else none.
 */
export function programmeScope(actor: ScopeActor & { userId: string }): SQL {
  if (can(actor, "programme:read:any")) return all;
  const code = can(actor, "programme:read:own") ? ownMunicipality(actor) : null;
  if (code) return eq(advisoryProgrammes.municipalityCode, code);
  if (can(actor, "programme:read:assigned")) {
    return sql`EXISTS (SELECT 1 FROM ${programmeAdvisors}
      WHERE ${programmeAdvisors.programmeId} = ${advisoryProgrammes.id}
        AND ${programmeAdvisors.userId} = ${actor.userId})`;
  }
  return none;
}

/**
 * Cross-municipal sessions: ministry all; a municipality user the sessions their
 * municipality is invited to; an advisor the sessions that invite a municipality whose
 * programme they are assigned to; everyone else none.
 */
export function sessionScope(actor: ScopeActor & { userId: string }): SQL {
  if (can(actor, "programme:read:any")) return all;
  const code = can(actor, "programme:read:own") ? ownMunicipality(actor) : null;
  if (code) {
    return sql`EXISTS (SELECT 1 FROM ${sessionInvitations}
      WHERE ${sessionInvitations.sessionId} = ${crossMunicipalSessions.id}
        AND ${sessionInvitations.municipalityCode} = ${code})`;
  }
  if (can(actor, "programme:read:assigned")) {
    return sql`EXISTS (SELECT 1 FROM "session_invitations" AS inv
      JOIN "advisory_programmes" AS ap ON ap."municipality_code" = inv."municipality_code" AND ap."pool_id" = ${crossMunicipalSessions.poolId}
      JOIN "programme_advisors" AS pa ON pa."programme_id" = ap."id"
      WHERE inv."session_id" = ${crossMunicipalSessions.id} AND pa."user_id" = ${actor.userId})`;
  }
  return none;
}

/** Progress reports (and their versions, comments): ministry all; a municipality user their own municipality's; everyone else none. */
export function reportScope(actor: ScopeActor): SQL {
  if (can(actor, "report:read:any")) return all;
  const code = can(actor, "report:read:own") ? ownMunicipality(actor) : null;
  return code ? eq(progressReports.municipalityCode, code) : none;
}
