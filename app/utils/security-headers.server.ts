import { getEnv } from "~/env.server";

/** Headers for HTML responses: an enforced CSP with this response's nonce. */
export function securityHeaders(nonce: string): [string, string][] {
  const dev = getEnv().NODE_ENV === "development";
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'${dev ? " 'unsafe-eval'" : ""}`,
    // Stylesheets only from us: an injected <style> (CSS exfiltration) is refused. The
    // few style="" attributes React renders are allowed on their own (style-src-attr).
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
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
