// Reading applications: every query carries applicationScope(actor) in its WHERE,
// so an id from the URL that the actor may not see simply finds nothing (404).
import { aliasedTable, and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import {
  applicationAttachments,
  applicationBudgetLines,
  applications,
  auditLog,
  callCostCategories,
  callEligibleMunicipalities,
  calls,
  municipalities,
  users,
} from "#db/schema";
import type { Actor } from "~/auth/actor";
import { quartersBetween } from "~/utils/dates";
import type { ApplicationContent } from "./application-schema";
import { parseReference, referenceNumber } from "./reference";
import { describeHistoryEvent, historyActions } from "./history";
import type { BudgetGrid } from "./budget";
import { can, ownMunicipality } from "~/policy/permissions";
import { applicationScope, callScope, type ScopeActor } from "~/policy/scopes.server";

export { referenceNumber } from "./reference";

/**
 * The application a typed reference names, if the actor may see it: the id is looked up
 * under the actor's scope in SQL, and the whole reference (year included) must match.
 */
export async function findApplicationByReference(db: Executor, actor: ScopeActor, input: string): Promise<number | null> {
  const ref = parseReference(input);
  if (!ref) return null;
  const [row] = await db
    .select({ id: applications.id, submittedAt: applications.submittedAt, createdAt: applications.createdAt })
    .from(applications)
    .innerJoin(calls, eq(calls.id, applications.callId))
    .where(and(eq(applications.id, ref.id), applicationScope(actor)));
  if (!row) return null;
  const typed = `PP-${ref.year}-${String(ref.id).padStart(4, "0")}`;
  return referenceNumber(row) === typed ? row.id : null;
}

/** Whether the actor may see the application (`applicationScope` in the WHERE). */
export async function applicationVisible(db: Executor, actor: ScopeActor, id: number): Promise<boolean> {
  const [row] = await db.select({ id: applications.id }).from(applications).where(and(eq(applications.id, id), applicationScope(actor)));
  return Boolean(row);
}

const updater = aliasedTable(users, "updater");
const submitter = aliasedTable(users, "submitter");

/** The application with its call, grid, budget and attachments; null when not visible. */
/** `forUpdate`: the application row stays locked until the transaction ends (commands). */
export async function getApplication(db: Executor, actor: ScopeActor, id: number, opts: { forUpdate?: boolean } = {}) {
  const query = db
    .select({
      application: applications,
      call: {
        id: calls.id,
        title: calls.title,
        status: calls.status,
        deadline: calls.deadline,
        projectStart: calls.projectStart,
        projectEnd: calls.projectEnd,
        maxAmountOre: calls.maxAmountOre,
      },
      // Shown in full ("Vesthimmerlands Kommune"), so the official name.
      municipalityName: municipalities.officialName,
      updatedByName: updater.name,
      submittedByName: submitter.name,
    })
    .from(applications)
    .innerJoin(calls, eq(calls.id, applications.callId))
    .innerJoin(municipalities, eq(municipalities.code, applications.municipalityCode))
    .leftJoin(updater, eq(updater.id, applications.updatedBy))
    .leftJoin(submitter, eq(submitter.id, applications.submittedBy))
    .where(and(eq(applications.id, id), applicationScope(actor)))
    .$dynamic();
  const [row] = await (opts.forUpdate ? query.for("update", { of: applications }) : query);
  if (!row) return null;
  // Sequential on purpose: this also runs inside transactions (one connection).
  const categories = await db
    .select({ id: callCostCategories.id, label: callCostCategories.label })
    .from(callCostCategories)
    .where(eq(callCostCategories.callId, row.call.id))
    .orderBy(asc(callCostCategories.sortOrder), asc(callCostCategories.id));
  const budget = await db
    .select({
      categoryId: applicationBudgetLines.categoryId,
      quarter: applicationBudgetLines.quarter,
      amountOre: applicationBudgetLines.amountOre,
    })
    .from(applicationBudgetLines)
    .where(eq(applicationBudgetLines.applicationId, id));
  const attachments = await listAttachments(db, id);
  const quarters = quartersBetween(row.call.projectStart, row.call.projectEnd);
  const grid: BudgetGrid = { categoryIds: categories.map((c) => c.id), quarters };
  return { ...row, categories, quarters, grid, budget, attachments };
}

export type ApplicationDetail = NonNullable<Awaited<ReturnType<typeof getApplication>>>;

// Only called after getApplication has found the application in the actor's scope.
function listAttachments(db: Executor, applicationId: number) {
  return db
    .select({
      id: applicationAttachments.id,
      filename: applicationAttachments.filename,
      contentType: applicationAttachments.contentType,
      sizeBytes: applicationAttachments.sizeBytes,
      uploadedAt: applicationAttachments.uploadedAt,
    })
    .from(applicationAttachments)
    .where(and(eq(applicationAttachments.applicationId, applicationId), isNull(applicationAttachments.deletedAt)))
    .orderBy(asc(applicationAttachments.uploadedAt));
}

export function contentOf(d: Pick<ApplicationDetail, "application" | "budget">): ApplicationContent {
  const a = d.application;
  return {
    contactName: a.contactName,
    contactEmail: a.contactEmail,
    contactPhone: a.contactPhone,
    signatoryName: a.signatoryName,
    signatoryTitle: a.signatoryTitle,
    challenge: a.challenge,
    activities: a.activities,
    expectedEffect: a.expectedEffect,
    themes: a.themes as ApplicationContent["themes"],
    budget: d.budget,
  };
}

/** The id of the actor's municipality's application for the call, if any. */
export async function applicationIdForCall(db: Executor, actor: ScopeActor, callId: number) {
  const code = ownMunicipality(actor);
  if (!code) return null;
  const [row] = await db
    .select({ id: applications.id })
    .from(applications)
    .where(and(eq(applications.callId, callId), eq(applications.municipalityCode, code), applicationScope(actor)));
  return row?.id ?? null;
}

/** A published call the actor's municipality is eligible for; null otherwise (→ 404). */
export async function getCallToApply(db: Executor, actor: ScopeActor, callId: number) {
  if (!can(actor, "application:create:own")) return null;
  const [row] = await db
    .select({
      id: calls.id,
      title: calls.title,
      purpose: calls.purpose,
      status: calls.status,
      deadline: calls.deadline,
      projectStart: calls.projectStart,
      projectEnd: calls.projectEnd,
      maxAmountOre: calls.maxAmountOre,
    })
    .from(calls)
    .where(
      // callScope: for a municipality user, published calls their municipality may apply to.
      and(eq(calls.id, callId), eq(calls.status, "published"), callScope(actor)),
    );
  return row ?? null;
}

/**
 * The status history of an application the caller has already found in the actor's
 * scope (getApplication), from the audit trail, in the audience's words.
 */
export async function applicationHistory(db: Executor, applicationId: number, audience: string) {
  const rows = await db
    .select({ at: auditLog.at, action: auditLog.action, after: auditLog.after, actorRole: auditLog.actorRole, actorName: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(
      and(
        eq(auditLog.entityType, "application"),
        eq(auditLog.entityId, String(applicationId)),
        inArray(auditLog.action, historyActions(audience)),
      ),
    )
    .orderBy(asc(auditLog.at), asc(auditLog.id));
  return rows.flatMap((r) => {
    const line = describeHistoryEvent(r, audience);
    return line ? [{ at: r.at, ...line }] : [];
  });
}
