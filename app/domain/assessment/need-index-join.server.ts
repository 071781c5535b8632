// How an application meets its need index: the entry for the application's call and
// municipality. The list, the ranking and the assessment page join it the same way.
import { and, eq } from "drizzle-orm";
import { applications, needIndexEntries } from "#db/schema";

export function needIndexOfApplication() {
  return and(eq(needIndexEntries.callId, applications.callId), eq(needIndexEntries.municipalityCode, applications.municipalityCode));
}
