// Shared setup for the assessment tests: a call with weighted criteria, a need
// index and applications in given states, inserted directly with drizzle.
import { eq } from "drizzle-orm";
import type { Database } from "#db/client";
import {
  applicationAttachments,
  applicationBudgetLines,
  applicationNotes,
  applications,
  agreedScores,
  assessmentScores,
  assessmentSubmissions,
  auditLog,
  callCostCategories,
  callCriteria,
  callEligibleMunicipalities,
  calls,
  formalChecks,
  needIndexEntries,
} from "#db/schema";
import type { ApplicationStatus } from "~/domain/applications/application-constants";
import { seedBase } from "../fixtures";

export const ctx = { context: {} } as const;

/** Tests in a file share one database: start each from no calls and no applications. */
export async function clearCallsAndApplications(db: Database) {
  for (const table of [
    formalChecks,
    assessmentScores,
    assessmentSubmissions,
    agreedScores,
    applicationNotes,
    applicationBudgetLines,
    applicationAttachments,
    applications,
    needIndexEntries,
    callCriteria,
    callCostCategories,
    callEligibleMunicipalities,
    calls,
  ]) {
    await db.delete(table);
  }
}

export async function makeAssessmentCall(db: Database, opts: { title?: string; needIndex?: Record<string, string> } = {}) {
  const poolId = await seedBase(db);
  const [call] = await db
    .insert(calls)
    .values({
      poolId,
      title: opts.title ?? "Ekstra hjælp til kommuner med mange børnesager 2022",
      purpose: "Test",
      projectStart: "2023-01-01",
      projectEnd: "2024-12-31",
      deadline: new Date("2022-11-07T11:00:00Z"),
      status: "published",
    })
    .returning();
  const criteria = await db
    .insert(callCriteria)
    .values([
      { callId: call.id, label: "Sammenhæng med puljens formål", weight: 40, sortOrder: 1 },
      { callId: call.id, label: "Aktiviteternes kvalitet", weight: 35, sortOrder: 2 },
      { callId: call.id, label: "Budgettets realisme", weight: 25, sortOrder: 3 },
    ])
    .returning();
  const need = opts.needIndex ?? {};
  if (Object.keys(need).length) {
    await db
      .insert(needIndexEntries)
      .values(Object.entries(need).map(([municipalityCode, value]) => ({ callId: call.id, municipalityCode, value })));
  }
  return { call, criteria };
}

export async function makeApplication(
  db: Database,
  callId: number,
  municipalityCode: string,
  opts: {
    status?: ApplicationStatus;
    requestedOre?: bigint;
    contactName?: string;
    submittedAt?: Date | null;
    assignedTo?: string;
    secondAssessorId?: string;
    signatoryName?: string;
    signatoryTitle?: string;
    /** false: the municipality is not put on the call's eligibility list. */
    eligible?: boolean;
  } = {},
) {
  const status = opts.status ?? "submitted";
  if (opts.eligible !== false) {
    await db.insert(callEligibleMunicipalities).values({ callId, municipalityCode }).onConflictDoNothing();
  }
  const [row] = await db
    .insert(applications)
    .values({
      callId,
      municipalityCode,
      status,
      requestedOre: opts.requestedOre ?? 100_000_000n,
      contactName: opts.contactName ?? "Mette Hansen",
      signatoryName: opts.signatoryName ?? "Jens Jensen",
      signatoryTitle: opts.signatoryTitle ?? "Børne- og familiechef",
      submittedAt: opts.submittedAt !== undefined ? opts.submittedAt : status === "draft" ? null : new Date("2022-11-01T09:30:00Z"),
      assignedTo: opts.assignedTo ?? null,
      secondAssessorId: opts.secondAssessorId ?? null,
    })
    .returning();
  return row;
}

export async function appRow(db: Database, id: number) {
  const [row] = await db.select().from(applications).where(eq(applications.id, id));
  return row;
}

export async function auditRows(db: Database, applicationId: number) {
  const rows = await db.select().from(auditLog).where(eq(auditLog.entityId, String(applicationId)));
  return rows.filter((r) => r.entityType === "application");
}
