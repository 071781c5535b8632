// SAML 2.0 on the OIOSAML 3 profile (NemLog-in, MitID Erhverv) with @node-saml/node-saml.
// The library checks the signature, the audience, the time window and that the response
// answers a request of ours; we add what it leaves to the caller: the assertion's
// issuer, single use of the request (in the database, bound to the browser), single
// use of the assertion ID, and the NSIS assurance level.
import { randomBytes } from "node:crypto";
import { SAML, ValidateInResponseTo, type CacheProvider, type Profile } from "@node-saml/node-saml";
import type { Database } from "#db/client";
import { getEnv, type SamlSettings } from "~/env.server";
import { loaFromSaml, NSIS_LOA_URI } from "./assurance";
import { beginSsoRequest, consumeSsoRequest, findPendingSsoRequest, firstSightOfAssertion, SSO_REQUEST_TTL_MS } from "./requests.server";
import { signInWithIdentity, type SsoSignInResult } from "./sign-in.server";

export const SAML_ACS_PATH = "/auth/saml/acs";
export const SAML_METADATA_PATH = "/auth/saml/metadata";

/** OIOSAML 3 attribute names. */
export const OIOSAML = {
  loa: "https://data.gov.dk/concept/core/nsis/loa",
  professionalUuid: "https://data.gov.dk/model/core/eid/professional/uuid/persistent",
  email: "https://data.gov.dk/model/core/eid/email",
  specVersion: "https://data.gov.dk/model/core/specVersion",
} as const;
const PERSISTENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";
const CLOCK_SKEW_MS = 60_000;

function samlFor(db: Database, settings: SamlSettings, requestId?: string) {
  // The request IDs live in sso_requests (written by beginSsoRequest, used up by
  // consumeSsoRequest); the library only asks whether one is still pending.
  const cacheProvider: CacheProvider = {
    saveAsync: async (_key, value) => ({ value, createdAt: Date.now() }),
    getAsync: async (key) => (await findPendingSsoRequest(db, "saml", key))?.createdAt.toISOString() ?? null,
    removeAsync: async (key) => key,
  };
  return new SAML({
    callbackUrl: new URL(SAML_ACS_PATH, getEnv().APP_ORIGIN).href,
    entryPoint: settings.idpSsoUrl,
    issuer: settings.spEntityId,
    audience: settings.spEntityId,
    idpIssuer: settings.idpEntityId,
    idpCert: settings.idpCerts,
    privateKey: settings.spKey,
    publicCert: settings.spCert,
    decryptionPvk: settings.spKey,
    signatureAlgorithm: "sha256",
    digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: false,
    identifierFormat: PERSISTENT,
    authnContext: [NSIS_LOA_URI.Substantial],
    racComparison: "minimum",
    acceptedClockSkewMs: CLOCK_SKEW_MS,
    validateInResponseTo: ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: SSO_REQUEST_TTL_MS,
    cacheProvider,
    generateUniqueId: () => requestId ?? newRequestId(),
  });
}

// An xs:ID must not start with a digit.
function newRequestId() {
  return `_${randomBytes(20).toString("hex")}`;
}

/** A signed AuthnRequest (HTTP-Redirect binding) asking for at least NSIS Substantial. */
export async function startSamlSignIn(db: Database, settings: SamlSettings, request: Request, redirectTo: string) {
  const id = newRequestId();
  const { setCookie } = await beginSsoRequest(db, request, { id, method: "saml", redirectTo });
  const location = await samlFor(db, settings, id).getAuthorizeUrlAsync("", undefined, {});
  return { location, setCookie };
}

export function samlMetadata(db: Database, settings: SamlSettings) {
  return samlFor(db, settings).generateServiceProviderMetadata(settings.spCert, settings.spCert);
}

type XmlNode = { $?: Record<string, string>; [child: string]: unknown };
function first(node: unknown, ...path: string[]): XmlNode | undefined {
  let at = node as XmlNode | undefined;
  for (const name of path) at = (at?.[name] as XmlNode[] | undefined)?.[0];
  return at;
}

export async function finishSamlSignIn(
  db: Database,
  settings: SamlSettings,
  request: Request,
  samlResponse: string,
): Promise<SsoSignInResult & { redirectTo?: string }> {
  let profile: Profile | null;
  try {
    ({ profile } = await samlFor(db, settings).validatePostResponseAsync({ SAMLResponse: samlResponse }));
  } catch (error) {
    console.warn("SAML-login afvist:", error instanceof Error ? error.message : error);
    return { ok: false, reason: "invalid" };
  }
  const inResponseTo = profile?.inResponseTo;
  if (!profile || typeof inResponseTo !== "string") return { ok: false, reason: "invalid" };
  // The library reads the issuer but compares it only on logout messages.
  if (profile.issuer !== settings.idpEntityId) {
    console.warn("SAML-login afvist: forkert udsteder", profile.issuer);
    return { ok: false, reason: "invalid" };
  }
  const assertion = (profile.getAssertion?.() as { Assertion?: XmlNode } | undefined)?.Assertion;
  const assertionId = assertion?.$?.ID;
  // The Response element may be unsigned; the request it answers must be named inside
  // the signed assertion too, or a signed assertion could be re-wrapped for another request.
  const confirmedFor = first(assertion, "Subject", "SubjectConfirmation", "SubjectConfirmationData")?.$?.InResponseTo;
  if (!assertionId || confirmedFor !== inResponseTo) return { ok: false, reason: "invalid" };

  const pending = await consumeSsoRequest(db, request, "saml", inResponseTo);
  if (!pending) return { ok: false, reason: "invalid" };
  const notOnOrAfter = Date.parse(first(assertion, "Conditions")?.$?.NotOnOrAfter ?? "");
  const keepUntil = new Date((Number.isFinite(notOnOrAfter) ? notOnOrAfter : Date.now() + SSO_REQUEST_TTL_MS) + CLOCK_SKEW_MS);
  if (!(await firstSightOfAssertion(db, `${settings.idpEntityId} ${assertionId}`, keepUntil))) {
    console.warn("SAML-login afvist: assertion set før", assertionId);
    return { ok: false, reason: "invalid" };
  }

  const attributes = (profile.attributes ?? {}) as Record<string, unknown>;
  const uuid = attributes[OIOSAML.professionalUuid];
  const subject = typeof uuid === "string" ? uuid : profile.nameIDFormat === PERSISTENT ? profile.nameID : "";
  const email = attributes[OIOSAML.email];
  const result = await signInWithIdentity(
    db,
    {
      method: "saml",
      provider: `saml:${settings.idpEntityId}`,
      subject,
      email: typeof email === "string" ? email : null,
      level: loaFromSaml(attributes[OIOSAML.loa]),
    },
    request,
  );
  return { ...result, redirectTo: pending.redirectTo };
}
