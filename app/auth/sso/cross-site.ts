// Paths that accept a POST from another site. Only the SAML assertion consumer: the
// identity provider posts the response from its own site (HTTP-POST binding). What
// protects it instead: the signature, single-use request IDs bound to the browser.
export const CROSS_SITE_POST_PATHS: ReadonlySet<string> = new Set(["/auth/saml/acs"]);
