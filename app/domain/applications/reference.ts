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

// Reference numbers as people type them: "PP-2022-0007", "pp 2022 7", "PP-2022-0007 " all
// name application 7 of 2022. The lookup (scoped in SQL) is in applications.server.ts.
const PATTERN = /^PP[\s-]*(\d{4})[\s-]*(\d{1,9})$/i;

export function parseReference(input: string): { year: number; id: number } | null {
  const m = PATTERN.exec(input.trim());
  if (!m) return null;
  const id = Number(m[2]);
  return id > 0 ? { year: Number(m[1]), id } : null;
}

/** Does the text look like a reference (so a search box should look it up, not filter by name)? */
export function looksLikeReference(input: string) {
  return /^PP[\s-]*\d/i.test(input.trim());
}
