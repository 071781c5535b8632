// A real OpenID Connect provider (oidc-provider) on 127.0.0.1, port 0, for tests of the
// code flow. Whoever "signs in" next is queued with login(); the interaction finishes at
// once with that account and acr, and a grant is made so no consent page is asked for.
import { generateKeyPairSync } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

export type TestAccount = { accountId: string; acr?: string; email?: string; emailVerified?: boolean };

export async function startOidcProvider(client: { clientId: string; clientSecret: string; redirectUri: string }) {
  const accounts = new Map<string, TestAccount>();
  const queue: TestAccount[] = [];
  let handle: http.RequestListener = (_req, res) => res.end();
  const server = http.createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: [client.redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: "jwk" }), kid: "test-key", use: "sig", alg: "RS256" }] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // The acr values the tests sign in with (the provider leaves out acr without a list).
    acrValues: ["https://data.gov.dk/concept/core/nsis/loa/Low", "https://data.gov.dk/concept/core/nsis/loa/Substantial", "urn:entra:mfa", "urn:entra:pwd"],
    claims: { acr: null, auth_time: null, sid: null, openid: ["sub"], email: ["email", "email_verified"] },
    cookies: { keys: ["test-only-cookie-key"] },
    findAccount: async (_ctx, sub) => {
      const a = accounts.get(sub);
      return {
        accountId: sub,
        claims: async () => ({ sub, ...(a?.email ? { email: a.email } : {}), ...(a?.emailVerified !== undefined ? { email_verified: a.emailVerified } : {}) }),
      };
    },
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  });

  const callback = provider.callback();
  handle = async (req, res) => {
    if (req.url?.startsWith("/interaction/")) {
      const account = queue.shift();
      if (!account) {
        res.statusCode = 500;
        res.end("no sign-in queued");
        return;
      }
      await provider.interactionFinished(req, res, { login: { accountId: account.accountId, acr: account.acr } }, { mergeWithLastSubmission: false });
      return;
    }
    callback(req, res);
  };

  /** Follows the browser through the provider until it is sent back to the app. */
  async function authorize(location: string, account: TestAccount): Promise<URL> {
    accounts.set(account.accountId, account);
    queue.push(account);
    const jar = new Map<string, string>();
    let url = new URL(location);
    for (let hop = 0; hop < 10; hop++) {
      if (url.href.startsWith(client.redirectUri)) return url;
      const res = await fetch(url, { redirect: "manual", headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") } });
      for (const line of res.headers.getSetCookie()) {
        const [pair] = line.split(";");
        const at = pair.indexOf("=");
        jar.set(pair.slice(0, at), pair.slice(at + 1));
      }
      const next = res.headers.get("location");
      if (!next) throw new Error(`provider stopped at ${url} with ${res.status}: ${await res.text()}`);
      url = new URL(next, url);
    }
    throw new Error("too many redirects at the provider");
  }

  return {
    issuer,
    authorize,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
