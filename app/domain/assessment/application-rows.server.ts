// The application row as the ministry reads it: joined to its call, its municipality,
// its need-index entry (for the application's call and municipality) and the assigned
// caseworker. The list, the ranking and the assessment page select from this one
// builder, each picking the columns it needs, so the joins cannot drift apart.
import { and, eq } from "drizzle-orm";
import type { Executor } from "#db/client";
import { applications, calls, municipalities, needIndexEntries, users } from "#db/schema";

/**
 * `SELECT <the row> FROM applications` with the joins above; add `.where(...)` with a
 * scope. One fixed row rather than a column picker: drizzle's types do not follow a
 * generic selection through the joins.
 */
export function selectApplicationRows(db: Executor) {
  return db
    .select({
      id: applications.id,
      callId: applications.callId,
      callTitle: calls.title,
      municipalityCode: applications.municipalityCode,
      municipalityName: municipalities.name,
      /** For where the name stands alone in full ("Vesthimmerlands Kommune"). */
      municipalityOfficialName: municipalities.officialName,
      status: applications.status,
      version: applications.version,
      requestedOre: applications.requestedOre,
      submittedAt: applications.submittedAt,
      updatedAt: applications.updatedAt,
      contactName: applications.contactName,
      reopenReason: applications.reopenReason,
      rejectionReason: applications.rejectionReason,
      needIndex: needIndexEntries.value,
      assignedTo: applications.assignedTo,
      secondAssessorId: applications.secondAssessorId,
      assignedName: users.name,
    })
    .from(applications)
    .innerJoin(calls, eq(calls.id, applications.callId))
    .innerJoin(municipalities, eq(municipalities.code, applications.municipalityCode))
    .leftJoin(needIndexEntries, needIndexOfApplication())
    .leftJoin(users, eq(users.id, applications.assignedTo))
    .$dynamic();
}

export type ApplicationRow = Awaited<ReturnType<typeof selectApplicationRows>>[number];

export function needIndexOfApplication() {
  return and(eq(needIndexEntries.callId, applications.callId), eq(needIndexEntries.municipalityCode, applications.municipalityCode));
}
