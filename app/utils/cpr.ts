// The product holds no data on individual children: free text that looks like a
// CPR number is refused. Text is normalised first, because a number typed or pasted
// from Word, a PDF or a phone arrives with en dashes, non-breaking hyphens,
// full-width digits or zero-width characters that a plain pattern would miss.

// Soft hyphen, zero-width space/joiners, word joiner, BOM: invisible, so removed.
const INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]/g;
// Every dash and minus sign after NFKC (which already maps full-width forms).
const DASHES = /[\u2010-\u2015\u2212\u2043\ufe58\ufe63\u02d7\u2e3a\u2e3b]/g;
// Any kind of space (NFKC turns most into U+0020; these it leaves alone).
const SPACES = /[\s\u180e]+/g;

/** The text as the CPR check sees it: ASCII digits, "-" for any dash, one " " for any space. */
export function normaliseForCpr(text: string) {
  return text.normalize("NFKC").replace(INVISIBLE, "").replace(DASHES, "-").replace(SPACES, " ");
}

// ddmmyy then xxxx; between the groups at most one separator (dash, dot, slash),
// optionally with a space on either side, or a single space. Digits joined to
// the match by a dot or comma make it part of a longer number (an amount), not a CPR.
const SEP = String.raw`(?: ?[-./] ?| )?`;
const CPR_PATTERN = new RegExp(String.raw`(?<!\d)(?<!\d[.,])(\d{2})${SEP}(\d{2})${SEP}(\d{2})${SEP}(\d{4})(?!\d|[.,]\d)`, "g");

function isValidDayMonth(dd: number, mm: number, yy: number) {
  if (mm < 1 || mm > 12 || dd < 1) return false;
  // Leap years: yy could be 19yy or 20yy; 00 is a leap year in 2000, so allow 29.2 when yy % 4 === 0.
  const days = [31, yy % 4 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mm - 1];
  return dd <= days;
}

export function containsCpr(text: string): boolean {
  for (const m of normaliseForCpr(text).matchAll(CPR_PATTERN)) {
    if (isValidDayMonth(Number(m[1]), Number(m[2]), Number(m[3]))) return true;
  }
  return false;
}

export const CPR_MESSAGE =
  "Teksten ligner et CPR-nummer. Puljeportal må ikke indeholde oplysninger om enkelte børn – fjern nummeret.";
