// The reference an application is known by in mails, PDFs and letters: "PP-2026-0007".

const yearIn = new Intl.DateTimeFormat("da-DK", { year: "numeric", timeZone: "Europe/Copenhagen" });

/**
 * "PP-<year>-<number>": the year it was submitted in Copenhagen (a draft: the year it
 * was started), never the call's deadline year, which gave a 2026 submission a 2027
 * reference. Reopening and submitting again in a new year moves the year with it;
 * see the decision record on CSV and XLSX exports (references).
 */
export function referenceNumber(app: { id: number; submittedAt: Date | null; createdAt: Date }) {
  return `PP-${yearIn.format(app.submittedAt ?? app.createdAt)}-${String(app.id).padStart(4, "0")}`;
}
