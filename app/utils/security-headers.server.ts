import { getEnv } from "~/env.server";

/** Headers for HTML responses: an enforced CSP with this response's nonce. */
export function securityHeaders(nonce: string): [string, string][] {
  const dev = getEnv().NODE_ENV === "development";
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws:" : ""}`,
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join("; ");
  return [
    ["Content-Security-Policy", csp],
    ["Referrer-Policy", "same-origin"],
  ];
}
