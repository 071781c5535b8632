// Download names that say what is in the file: "ansoegninger-opslag-3-indsendt-2026-11-27.xlsx".
import { copenhagenDateString } from "~/utils/dates";

/** "æøå …" → "aeoeaa-…": a file-name part in plain ASCII (Content-Disposition, every OS). */
export function fileNamePart(text: string): string {
  return text
    .toLowerCase()
    .replace(/æ/g, "ae")
    .replace(/ø/g, "oe")
    .replace(/å/g, "aa")
    .replace(/ı/g, "i")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
}

/** base, then each non-empty part, then today's date in Copenhagen, in ASCII. */
export function exportFileName(base: string, parts: (string | null | undefined)[], ext: string, now = new Date()): string {
  const named = [base, ...parts].map((p) => (p ? fileNamePart(p) : "")).filter(Boolean);
  return `${named.join("-")}-${copenhagenDateString(now)}.${ext}`;
}
