// What the input fuzz (tests/e2e/input-fuzz.spec.ts) puts into every field of every form:
// what a clumsy user pastes and what an attacker tries. Each payload replaces one field's
// value while the rest of the form keeps its ordinary values, so the field's own check is
// what answers. Two special kinds change the shape instead of the value: `missing` leaves
// the field out, `repeated` sends it twice (the form value plus the payload).

export type FuzzKind = "text" | "control" | "markup" | "sql" | "type" | "amount" | "date" | "cpr" | "shape";

export type FuzzPayload = {
  kind: FuzzKind;
  label: string;
  /** The value sent; ignored for the shape payloads. */
  value: string;
  shape?: "missing" | "repeated";
};

/** Markup that would run or render if a page put it into the HTML unescaped. */
export const INJECTED_MARKUP = ["<script>window.__fuzz=1</script>", "<img src=x onerror=window.__fuzz=2>", "<b id=fuzzinj>x</b>"];

/** The CPR payloads all spell 010203-1234 (a valid date), so a stored one can be found again. */
export const CPR_DIGITS = "0102031234";

const p = (kind: FuzzKind, label: string, value: string): FuzzPayload => ({ kind, label, value });

export const FUZZ_PAYLOADS: FuzzPayload[] = [
  p("text", "empty", ""),
  p("text", "spaces only", "   \t  "),
  p("text", "10 000 characters", "æ".repeat(10_000)),
  p("text", "200 000 characters", "x".repeat(200_000)),
  p("text", "emoji and joiners", "👨‍👩‍👧 💥 Ærø"),
  p("text", "right-to-left override", "abc\u202edcba"),
  p("control", "NUL byte", "før\u0000efter"),
  p("control", "control characters", "\u0001\u0007\b\u001b[31mrød\u007f"),
  p("control", "CR LF and header injection", "linje\r\nSet-Cookie: x=1\r\n\r\n"),
  p("control", "lone surrogate", "a\ud800b"),
  p("markup", "script tag", INJECTED_MARKUP[0]),
  p("markup", "attribute break-out", `"'>${INJECTED_MARKUP[1]}`),
  p("markup", "textarea break-out", `</textarea></title>${INJECTED_MARKUP[2]}`),
  p("markup", "javascript URL", "javascript:alert(1)"),
  p("sql", "quote tautology", "' OR '1'='1"),
  p("sql", "stacked statement", "1; DROP TABLE users; --"),
  p("sql", "sleep", "1' || pg_sleep(5) || '"),
  p("type", "word for a number", "abc"),
  p("type", "JSON object", '{"__proto__":{"admin":true}}'),
  p("type", "array", "[1,2]"),
  p("type", "null", "null"),
  p("type", "NaN", "NaN"),
  p("type", "Infinity", "Infinity"),
  p("type", "exponent", "1e309"),
  p("type", "boolean", "true"),
  p("type", "all-zero uuid", "00000000-0000-0000-0000-000000000000"),
  p("type", "path traversal", "../../../etc/passwd"),
  p("amount", "negative", "-1"),
  p("amount", "negative kroner", "-100.000,50"),
  p("amount", "zero", "0"),
  p("amount", "huge", "99999999999999999999999999"),
  p("amount", "above bigint", "9223372036854775808"),
  p("amount", "three decimals", "1.234,567"),
  p("amount", "with kr. and spaces", " 12.500 kr. "),
  p("date", "30 February", "2024-02-30"),
  p("date", "year zero", "0000-00-00"),
  p("date", "month 13", "2024-13-01"),
  p("date", "Danish format", "31.12.2024"),
  p("date", "year 275760+", "999999-01-01"),
  p("date", "hour 25", "2024-01-01T25:61"),
  p("cpr", "plain", "010203-1234"),
  p("cpr", "no dash", "0102031234"),
  p("cpr", "en dash", "010203\u20131234"),
  p("cpr", "non-breaking hyphen", "010203\u20111234"),
  p("cpr", "dots", "01.02.03-1234"),
  p("cpr", "spaced groups", "01 02 03 1234"),
  p("cpr", "full-width digits", "０１０２０３-１２３４"),
  p("cpr", "zero-width space", "010203\u200b-1234"),
  p("cpr", "in a sentence", "Barnet (cpr 010203-1234) skal have hjælp"),
  { kind: "shape", label: "field left out", value: "", shape: "missing" },
  { kind: "shape", label: "field sent twice", value: "andet", shape: "repeated" },
];
