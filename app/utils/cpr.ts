// The product holds no data on individual children: free text that looks like a
// CPR number is refused. Matches ddmmyy-xxxx and ten digits forming a valid date.
const CPR_PATTERN = /(?<!\d)(\d{2})(\d{2})(\d{2})[- ]?(\d{4})(?!\d)/g;

function isValidDayMonth(dd: number, mm: number, yy: number) {
  if (mm < 1 || mm > 12 || dd < 1) return false;
  // Leap years: yy could be 19yy or 20yy; 00 is a leap year in 2000, so allow 29.2 when yy % 4 === 0.
  const days = [31, yy % 4 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mm - 1];
  return dd <= days;
}

export function containsCpr(text: string): boolean {
  for (const m of text.matchAll(CPR_PATTERN)) {
    if (isValidDayMonth(Number(m[1]), Number(m[2]), Number(m[3]))) return true;
  }
  return false;
}

export const CPR_MESSAGE =
  "Teksten ligner et CPR-nummer. Puljeportal må ikke indeholde oplysninger om enkelte børn – fjern nummeret.";
