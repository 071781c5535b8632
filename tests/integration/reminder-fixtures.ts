// Reporting plans written straight into the tables (no command): the reminder and hold jobs
// and the schedule page only read them, so the tests build exactly the rows they need.
import { eq } from "drizzle-orm";
import type { Database } from "#db/client";
import { grantReportDueDates, grants, progressReports } from "#db/schema";
import type { ReportDueKind } from "~/domain/grants/grant-constants";
import type { ReportStatus } from "~/domain/reports/report-constants";
import { makeGrant } from "./grant-fixtures";

/** An accepted grant with the given due dates; each optionally with a report in a status. */
export async function makeReportingGrant(
  db: Database,
  callId: number,
  municipalityCode: string,
  dueDates: { dueOn: string; label?: string; kind?: ReportDueKind; status?: ReportStatus }[],
) {
  const { grant } = await makeGrant(db, callId, municipalityCode);
  await db.update(grants).set({ status: "accepted", acceptedAt: new Date("2023-01-10T10:00:00Z") }).where(eq(grants.id, grant.id));
  return { grant: { ...grant, status: "accepted" as const }, dueDateIds: await addDueDates(db, grant, dueDates) };
}

/** Due dates (and optionally their reports) on an existing grant. */
export async function addDueDates(
  db: Database,
  grant: { id: number; poolId: number; municipalityCode: string },
  dueDates: { dueOn: string; label?: string; kind?: ReportDueKind; status?: ReportStatus }[],
) {
  const ids: number[] = [];
  for (const d of dueDates) {
    const [row] = await db
      .insert(grantReportDueDates)
      .values({ grantId: grant.id, kind: d.kind ?? "status_report", dueOn: d.dueOn, label: d.label ?? "" })
      .returning({ id: grantReportDueDates.id });
    ids.push(row!.id);
    if (d.status) await setReportStatus(db, grant, row!.id, d.status, d.kind);
  }
  return ids;
}

/** Creates or moves the report of a due date to `status`. */
export async function setReportStatus(
  db: Database,
  grant: { id: number; poolId: number; municipalityCode: string },
  dueDateId: number,
  status: ReportStatus,
  kind: ReportDueKind = "status_report",
) {
  const at = new Date("2024-01-01T10:00:00Z");
  const times = {
    status,
    submittedAt: status === "draft" ? null : at,
    firstSubmittedAt: status === "draft" ? null : at,
    approvedAt: status === "approved" ? at : null,
    updatedAt: at,
  };
  const [existing] = await db.select({ id: progressReports.id }).from(progressReports).where(eq(progressReports.dueDateId, dueDateId));
  if (existing) await db.update(progressReports).set(times).where(eq(progressReports.id, existing.id));
  else
    await db
      .insert(progressReports)
      .values({ grantId: grant.id, dueDateId, poolId: grant.poolId, municipalityCode: grant.municipalityCode, kind, ...times });
}
