// An amount written out in Danish words ("beløb med bogstaver") for award letters, from
// integer øre only. The style follows the ministry's letters: "tusinde" (not "tusind"),
// no "og" between hundreds and tens ("fem hundrede otteogfirs"), "et" before the neuter
// "hundrede" and "tusinde", and the stressed "én" before "million", "milliard", "krone"
// and "øre", so "én" cannot be read as the indefinite article. Examples:
//   158.888.888 øre → "én million fem hundrede otteogfirs tusinde otte hundrede otteogfirs
//   kroner og otteogfirs øre"; 100 øre → "én krone"; 50 øre → "nul kroner og halvtreds øre".

const ONES = ["nul", "en", "to", "tre", "fire", "fem", "seks", "syv", "otte", "ni"];
const TEENS = ["ti", "elleve", "tolv", "tretten", "fjorten", "femten", "seksten", "sytten", "atten", "nitten"];
const TENS = ["", "", "tyve", "tredive", "fyrre", "halvtreds", "tres", "halvfjerds", "firs", "halvfems"];

/** 1–99: "en", "elleve", "enogtyve", "otteogfirs". */
function belowHundred(n: number): string {
  if (n < 10) return ONES[n]!;
  if (n < 20) return TEENS[n - 10]!;
  const tens = TENS[Math.floor(n / 10)]!;
  const ones = n % 10;
  return ones === 0 ? tens : `${ONES[ones]}og${tens}`;
}

/** 1–999 as a count of a noun of the given gender ("én krone", "et tusinde"). */
function group(n: number, gender: "common" | "neuter"): string {
  const one = gender === "neuter" ? "et" : "én";
  if (n === 1) return one;
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const parts: string[] = [];
  if (hundreds > 0) parts.push(hundreds === 1 ? "et hundrede" : `${ONES[hundreds]} hundrede`);
  if (rest > 0) parts.push(rest === 1 ? one : belowHundred(rest));
  return parts.join(" ");
}

/** Whole numbers in words, 0 ≤ n < 10^12 ("nul", "fjorten millioner tre hundrede tusinde"). */
export function numberInWords(n: bigint): string {
  if (n < 0n) throw new RangeError("Negative amounts cannot be written in words");
  if (n >= 1_000_000_000_000n) throw new RangeError("Amounts of a billion kroner or more are not supported");
  if (n === 0n) return "nul";
  const milliards = Number(n / 1_000_000_000n);
  const millions = Number((n / 1_000_000n) % 1000n);
  const thousands = Number((n / 1000n) % 1000n);
  const rest = Number(n % 1000n);
  const parts: string[] = [];
  if (milliards) parts.push(`${group(milliards, "common")} ${milliards === 1 ? "milliard" : "milliarder"}`);
  if (millions) parts.push(`${group(millions, "common")} ${millions === 1 ? "million" : "millioner"}`);
  if (thousands) parts.push(`${group(thousands, "neuter")} tusinde`);
  if (rest) parts.push(group(rest, "common"));
  return parts.join(" ");
}

/** "én million … kroner og otteogfirs øre"; the øre part is left out when it is zero. */
export function amountInWords(ore: bigint): string {
  if (typeof ore !== "bigint") throw new TypeError("amountInWords takes øre as bigint");
  if (ore < 0n) throw new RangeError("Negative amounts cannot be written in words");
  const kroner = ore / 100n;
  const rest = ore % 100n;
  const kronerText = `${numberInWords(kroner)} ${kroner === 1n ? "krone" : "kroner"}`;
  return rest === 0n ? kronerText : `${kronerText} og ${numberInWords(rest)} øre`;
}
