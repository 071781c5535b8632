// A text key whose byte order (COLLATE "C") is Danish alphabetical order, as
// Intl.Collator("da") sorts: æ, ø, å after z, "aa" as å (Aabenraa next to Åbenrå),
// capitals before lower case, a space before a hyphen before a letter. PGlite has no
// ICU collation and the server's may differ, so lists sort by this key in SQL and get
// the same order on both databases (docs/decisions/028-danish-sort-key.md).
//
// The key is built the way ICU builds its own: every collation element's primary
// weight (the letter), then its secondary (accent), then its tertiary (case), with a
// separator below every weight between the levels, so "Aa" < "Ab" is decided by the
// letters before any accent or case is looked at. The weights are not written by hand:
// they are read from Intl.Collator("da") itself, by sorting the characters below.
// Characters outside that set (other scripts, ß, þ) sort after every letter by code
// point: stable, but not necessarily where the collator puts them.

let shared: Intl.Collator | undefined;
const collator = () => (shared ??= new Intl.Collator("da"));

/**
 * Danish contractions: two letters that sort as one. ICU's da tailoring makes aa, Aa and
 * AA an å, and its canonical closure adds an a followed by an accented a ("aä" is an å
 * with a diaeresis). Found by asking the collator, not listed by hand; "aA" is none.
 */
let contractions: Set<string> | undefined;
function contractionSet(): Set<string> {
  if (contractions) return contractions;
  const base = new Intl.Collator("da", { sensitivity: "base" });
  const out = new Set<string>();
  for (const first of ["a", "A"])
    for (const second of singles())
      if (/^[aA]/.test(second.normalize("NFD")) && base.compare(first + second, "å") === 0) out.add(first + second);
  contractions = out;
  return out;
}

function repertoire(): string[] {
  return [...singles(), ...contractionSet()];
}

function singles(): string[] {
  const chars: string[] = [];
  for (let c = 0x20; c <= 0x7e; c++) chars.push(String.fromCharCode(c));
  for (let c = 0xc0; c <= 0x17f; c++) {
    const ch = String.fromCharCode(c);
    // Expansions (ß = ss, þ = th, ĳ = ij, ŉ) are more than one element: left to the fallback.
    if ("ßþÞĳĲŉ×÷".includes(ch)) continue;
    chars.push(ch);
  }
  return chars;
}

type Weights = { primary: number; secondary: number; tertiary: number };
let table: Map<string, Weights> | undefined;

function weights(): Map<string, Weights> {
  if (table) return table;
  const variant = collator();
  const base = new Intl.Collator("da", { sensitivity: "base" });
  const accent = new Intl.Collator("da", { sensitivity: "accent" });
  const sorted = repertoire()
    .filter((ch) => variant.compare(ch, "") !== 0) // ignorable: no weight at all
    .sort(variant.compare);
  const out = new Map<string, Weights>();
  let prev: string | undefined;
  let w: Weights = { primary: 0, secondary: 0, tertiary: 0 };
  for (const ch of sorted) {
    if (prev === undefined) w = { primary: 1, secondary: 0, tertiary: 0 };
    else if (base.compare(prev, ch) !== 0) w = { primary: w.primary + 1, secondary: 0, tertiary: 0 };
    else if (accent.compare(prev, ch) !== 0) w = { ...w, secondary: w.secondary + 1, tertiary: 0 };
    else if (variant.compare(prev, ch) !== 0) w = { ...w, tertiary: w.tertiary + 1 };
    out.set(ch, w);
    prev = ch;
  }
  // Two hex digits per primary, and "f…" is the fallback's: the table must stay below 0xf0.
  if (w.primary >= 0xf0) throw new Error("danishSortKey: too many primary weights");
  table = out;
  return out;
}

const hex2 = (n: number) => n.toString(16).padStart(2, "0");

/**
 * The sort key of a name: compare keys bytewise (COLLATE "C", or `<` in JS) for
 * Intl.Collator("da") order. Equal names (after NFC) give equal keys.
 */
export function danishSortKey(name: string): string {
  const w = weights();
  const pairs = contractionSet();
  const s = name.normalize("NFC");
  const primary: string[] = [];
  const secondary: string[] = [];
  const tertiary: string[] = [];
  for (let i = 0; i < s.length; ) {
    const pair = s.slice(i, i + 2);
    const element = pairs.has(pair) ? pair : String.fromCodePoint(s.codePointAt(i)!);
    i += element.length;
    const known = w.get(element);
    if (known) {
      // At most ~100 primary groups: two hex digits, never starting with "f".
      primary.push(hex2(known.primary));
      secondary.push(hex2(known.secondary));
      tertiary.push(hex2(known.tertiary));
    } else {
      if (collator().compare(element, "") === 0) continue; // ignorable
      primary.push(`f${element.codePointAt(0)!.toString(16).padStart(6, "0")}`);
      secondary.push("00");
      tertiary.push("00");
    }
  }
  // "." sorts below every hex digit: a name that is a prefix of another sorts first.
  return `${primary.join("")}.${secondary.join("")}.${tertiary.join("")}`;
}
