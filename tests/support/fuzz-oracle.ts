// The input fuzz's judgement of one answer (tests/e2e/input-fuzz.spec.ts): a server error
// is always wrong; a refusal must say why in Danish; markup we sent must never come back
// as markup. Plain functions on status and HTML, so they are unit-tested on their own
// (tests/integration/fuzz-oracle.test.ts).
import { INJECTED_MARKUP } from "./fuzz-payloads";

export type Verdict = "accepted" | "partly-saved" | "refused" | "server-error";

// A draft saves what is valid and keeps the old content of the fields it marks (by design:
// app/routes/applications.$applicationId._index.tsx): not a refusal that must change nothing.
const PARTLY_SAVED = /Kladden er gemt, undtagen de felter, der er markeret med fejl/;

const ERROR_MARKER = /class="[^"]*\b(form-error-message|form-error|alert-error)\b|role="alert"/;

// What an English-speaking library or framework says when the app forgot to.
const ENGLISH = [
  /\bInvalid (input|string|number|date|enum|option|type|literal|uuid|email|union)\b/i,
  /\bExpected (string|number|integer|boolean|date|array|object)\b/i,
  /\b(Required|Unrecognized key|Too (big|small)|must contain|is not a function|undefined is not)\b/,
  /\b(Unexpected Server Error|Internal Server Error|Bad Request|Not Found|Method Not Allowed|Application Error)\b/,
  /\b(TypeError|RangeError|SyntaxError|ReferenceError|ZodError|PostgresError|invalid input syntax|violates)\b/,
];
const DANISH = /[æøåÆØÅ]|\b(ikke|skal|findes|udfyld|ugyldig|vælg|kan|må|mangler|prøv|handling|højst|mindst|er|og|til|på|eller|den|det|teksten|feltet|beløbet|datoen)\b/i;

/** The visible text of the page's main area (or body): tags, scripts and styles removed. */
export function visibleText(html: string): string {
  const main = /<main\b[\s\S]*?<\/main>/i.exec(html)?.[0] ?? /<body\b[\s\S]*<\/body>/i.exec(html)?.[0] ?? html;
  return main
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, " ")
    .replace(/<textarea\b[\s\S]*?<\/textarea>/gi, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&[a-z#0-9]+;/gi, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export function classify(status: number, html: string): Verdict {
  if (status >= 500) return "server-error";
  if (status >= 300 && status < 400) return "accepted";
  if (status === 400 && PARTLY_SAVED.test(html)) return "partly-saved";
  if (status >= 400) return "refused";
  return ERROR_MARKER.test(html) ? "refused" : "accepted";
}

/** Why a refusal's page fails to explain itself in Danish, or null when it does. */
export function danishRefusalProblem(status: number, html: string): string | null {
  const text = visibleText(html);
  const english = ENGLISH.find((re) => re.test(text));
  if (english) return `English text on the page: ${english.exec(text)![0]}`;
  const explained = ERROR_MARKER.test(html) || (status >= 400 && /<h1\b/i.test(html));
  if (!explained) return "no error message on the page";
  if (!DANISH.test(text)) return "the message is not Danish";
  return null;
}

/** Markup the fuzz sent that came back as live HTML (or null). */
export function injectedMarkupIn(html: string): string | null {
  const lower = html.toLowerCase();
  return INJECTED_MARKUP.find((m) => lower.includes(m.toLowerCase())) ?? null;
}
