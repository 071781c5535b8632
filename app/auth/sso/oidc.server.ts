// OpenID Connect (a ministry's own provider, e.g. Entra ID) with openid-client:
// authorization code flow with PKCE, state and nonce, all kept server-side.
import * as client from "openid-client";
import type { Database } from "#db/client";
import { getEnv, type OidcSettings } from "~/env.server";
import { loaFromAcr } from "./assurance";
import { beginSsoRequest, consumeSsoRequest } from "./requests.server";
import { signInWithIdentity, type SsoSignInResult } from "./sign-in.server";

export const OIDC_CALLBACK_PATH = "/auth/oidc/callback";

const configurations = new Map<string, Promise<client.Configuration>>();

/** Discovery once per process and provider; a failed discovery is tried again next time. */
function configurationFor(settings: OidcSettings): Promise<client.Configuration> {
  const key = `${settings.issuer} ${settings.clientId}`;
  let config = configurations.get(key);
  if (!config) {
    const issuer = new URL(settings.issuer);
    // Plain http only for the local test provider; a real provider is https.
    const insecure = getEnv().NODE_ENV === "test" && issuer.protocol === "http:";
    config = client.discovery(issuer, settings.clientId, settings.clientSecret, undefined, {
      execute: insecure ? [client.allowInsecureRequests] : [],
    });
    config.catch(() => configurations.delete(key));
    configurations.set(key, config);
  }
  return config;
}

function callbackUrl() {
  return new URL(OIDC_CALLBACK_PATH, getEnv().APP_ORIGIN);
}

/** The provider's sign-in page to send the browser to, and the cookie that binds the flow to it. */
export async function startOidcSignIn(db: Database, settings: OidcSettings, request: Request, redirectTo: string) {
  const config = await configurationFor(settings);
  const state = client.randomState();
  const nonce = client.randomNonce();
  const codeVerifier = client.randomPKCECodeVerifier();
  const { setCookie } = await beginSsoRequest(db, request, { id: state, method: "oidc", redirectTo, nonce, codeVerifier });
  const parameters: Record<string, string> = {
    redirect_uri: callbackUrl().href,
    scope: settings.scopes,
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
  };
  if (settings.acrValues) parameters.acr_values = settings.acrValues;
  return { location: client.buildAuthorizationUrl(config, parameters).href, setCookie };
}

export async function finishOidcSignIn(
  db: Database,
  settings: OidcSettings,
  request: Request,
): Promise<SsoSignInResult & { redirectTo?: string }> {
  const url = new URL(request.url);
  const state = url.searchParams.get("state") ?? "";
  // Consumed before the code is exchanged: the same state never works twice.
  const pending = await consumeSsoRequest(db, request, "oidc", state);
  if (!pending?.nonce || !pending.codeVerifier) return { ok: false, reason: "invalid" };
  // The callback as the provider knows it, whatever host a proxy put in request.url.
  const current = callbackUrl();
  current.search = url.search;
  let claims: client.IDToken | undefined;
  let email: unknown;
  let emailVerified: unknown;
  try {
    const config = await configurationFor(settings);
    const tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: state,
      expectedNonce: pending.nonce,
    });
    claims = tokens.claims();
    if (!claims) return { ok: false, reason: "invalid" };
    ({ email, email_verified: emailVerified } = claims);
    if (email === undefined && tokens.access_token && config.serverMetadata().userinfo_endpoint) {
      const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      ({ email, email_verified: emailVerified } = info);
    }
  } catch (error) {
    console.warn("OIDC-login afvist:", error instanceof Error ? `${error.name}: ${error.message}` : error);
    return { ok: false, reason: "invalid" };
  }
  const result = await signInWithIdentity(
    db,
    {
      method: "oidc",
      provider: `oidc:${settings.issuer}`,
      subject: claims.sub,
      // An address the provider says is unverified cannot find an account.
      email: typeof email === "string" && emailVerified !== false ? email : null,
      level: loaFromAcr(claims.acr, settings.acrLevels),
    },
    request,
  );
  return { ...result, redirectTo: pending.redirectTo };
}
