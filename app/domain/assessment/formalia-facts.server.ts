// What the system knows for the formal check, read in one select. The assessment page
// shows it and the formal-check command decides with it (inside its transaction), so
// the page and the verdict cannot disagree.
import { eq, sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import { applications, callEligibleMunicipalities, calls, municipalities } from "#db/schema";
import type { FormaliaFacts } from "./formalia";

/** The facts for one application; the caller has already checked the actor's scope. */
export async function readFormaliaFacts(db: Executor, applicationId: number): Promise<FormaliaFacts | null> {
  const [row] = await db
    .select({
      municipalityName: municipalities.officialName,
      municipalityEligible: sql<boolean>`EXISTS (SELECT 1 FROM ${callEligibleMunicipalities}
        WHERE ${callEligibleMunicipalities.callId} = ${applications.callId}
          AND ${callEligibleMunicipalities.municipalityCode} = ${applications.municipalityCode})`,
      submittedAt: applications.submittedAt,
      deadline: calls.deadline,
      requestedOre: applications.requestedOre,
      maxAmountOre: calls.maxAmountOre,
      contactName: applications.contactName,
      signatoryName: applications.signatoryName,
      signatoryTitle: applications.signatoryTitle,
    })
    .from(applications)
    .innerJoin(calls, eq(calls.id, applications.callId))
    .innerJoin(municipalities, eq(municipalities.code, applications.municipalityCode))
    .where(eq(applications.id, applicationId));
  return row ?? null;
}
