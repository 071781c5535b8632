// Sign-in with a ministry's OpenID Connect provider, against a real oidc-provider on
// 127.0.0.1: the code flow with PKCE, state and nonce, and each way it is refused.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#db/client";
import { auditLog, ssoRequests, userIdentities, users } from "#db/schema";
import { createSession, getActor } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { resetEnvCache } from "~/env.server";
import { loader as callbackLoader } from "~/routes/auth.oidc.callback";
import { loader as oidcLogin } from "~/routes/auth.oidc.login";
import { loader as loginLoader } from "~/routes/login";
import { createUser, seedBase, type TestUser } from "../fixtures";
import { CookieJar } from "../support/cookie-jar";
import { startOidcProvider, type TestAccount } from "../support/oidc-provider";
import { outcome, thrown } from "../support/route-result";

const SUBSTANTIAL = "https://data.gov.dk/concept/core/nsis/loa/Substantial";
const LOW = "https://data.gov.dk/concept/core/nsis/loa/Low";
const ctx = { params: {}, context: {} };
const VARS = ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_DISPLAY_NAME", "OIDC_ACR_VALUES", "OIDC_ACR_LEVELS"];
const CONFIG = () => ({
  OIDC_ISSUER: idp.issuer,
  OIDC_CLIENT_ID: "puljeportal",
  OIDC_CLIENT_SECRET: "test-secret-0123456789",
  OIDC_DISPLAY_NAME: "Social- og Boligministeriets login",
  // The provider returns acr only when asked for it.
  OIDC_ACR_VALUES: `${SUBSTANTIAL} ${LOW}`,
});

let db: Database;
let idp: Awaited<ReturnType<typeof startOidcProvider>>;
let user: TestUser;

beforeAll(async () => {
  idp = await startOidcProvider({ clientId: "puljeportal", clientSecret: "test-secret-0123456789", redirectUri: "http://localhost:3000/auth/oidc/callback" });
  Object.assign(process.env, CONFIG());
  resetEnvCache();
  db = await getDb();
  await seedBase(db);
  user = await createUser(db, "caseworker", { email: "Sagsbehandler@SM.dk" });
}, 60_000);

afterAll(async () => {
  for (const k of VARS) delete process.env[k];
  resetEnvCache();
  await idp.close();
});

async function start(browser = new CookieJar(), redirectTo = "/applications") {
  const res = await thrown(oidcLogin({ request: browser.request(`/auth/oidc/login?redirectTo=${encodeURIComponent(redirectTo)}`), ...ctx }));
  expect(res.status).toBe(302);
  browser.take(res.headers);
  const location = res.headers.get("location")!;
  return { browser, location, state: new URL(location).searchParams.get("state")! };
}

async function callback(browser: CookieJar, url: URL) {
  const res = await outcome(() => callbackLoader({ request: browser.request(url.pathname + url.search), ...ctx }));
  browser.take(res.headers);
  return res;
}

/** Start, sign in at the provider as `account`, come back: the callback's answer. */
async function signIn(account: TestAccount, browser = new CookieJar()) {
  const { location } = await start(browser);
  return callback(browser, await idp.authorize(location, account));
}

async function signedInAs(browser: CookieJar) {
  return (await getActor(browser.request("/"), new Date()))?.userId ?? null;
}

const alice = (over: Partial<TestAccount> = {}): TestAccount => ({ accountId: "entra-oid-alice", acr: SUBSTANTIAL, email: "sagsbehandler@sm.dk", ...over });

describe("the authorization request", () => {
  it("uses the code flow with PKCE (S256), a state and a nonce, kept in the database", async () => {
    const { location, state } = await start();
    const url = new URL(location);
    expect(url.origin).toBe(idp.issuer);
    expect(url.searchParams.get("response_type")).toBe("code");
    expect(url.searchParams.get("redirect_uri")).toBe("http://localhost:3000/auth/oidc/callback");
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    const [row] = await db.select().from(ssoRequests).where(eq(ssoRequests.id, state));
    expect(row).toMatchObject({ method: "oidc", nonce: url.searchParams.get("nonce"), usedAt: null, redirectTo: "/applications" });
    expect(row.codeVerifier).toMatch(/^[\w-]{43,}$/);
  });

  it("is a 404 while OpenID Connect is not configured", async () => {
    for (const k of VARS) delete process.env[k];
    resetEnvCache();
    try {
      expect((await thrown(oidcLogin({ request: new Request("http://localhost:3000/auth/oidc/login"), ...ctx }))).status).toBe(404);
      expect((await thrown(callbackLoader({ request: new Request("http://localhost:3000/auth/oidc/callback"), ...ctx }))).status).toBe(404);
      expect(await loginLoader({ request: new Request("http://localhost:3000/login"), ...ctx })).toEqual({ saml: null, oidc: null });
    } finally {
      Object.assign(process.env, CONFIG());
      resetEnvCache();
    }
    expect(await loginLoader({ request: new Request("http://localhost:3000/login"), ...ctx })).toEqual({ saml: null, oidc: "Social- og Boligministeriets login" });
  });
});

describe("a successful sign-in", () => {
  it("links the invited account by e-mail the first time and signs in with a session", async () => {
    const browser = new CookieJar();
    const res = await signIn(alice(), browser);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/applications");
    expect(await signedInAs(browser)).toBe(user.userId);
    expect(await db.select().from(userIdentities).where(eq(userIdentities.userId, user.userId))).toMatchObject([
      { provider: `oidc:${idp.issuer}`, subject: "entra-oid-alice" },
    ]);
    const audit = await db.select().from(auditLog).where(eq(auditLog.entityId, user.userId));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["user.identity-linked", "session.login"]));
  });

  it("ends a session the browser already had (someone else's, or a planted one)", async () => {
    const other = await createUser(db, "municipality");
    const browser = new CookieJar().take(new Headers({ "Set-Cookie": await createSession(db, other.userId, new Request("http://localhost/")) }));
    expect(await signedInAs(browser)).toBe(other.userId);
    const planted = browser.request("/");
    expect((await signIn(alice(), browser)).status).toBe(302);
    expect(await signedInAs(browser)).toBe(user.userId);
    expect(await getActor(planted, new Date())).toBeNull();
  });

  it("then finds the account by `sub`, not by e-mail", async () => {
    const browser = new CookieJar();
    expect((await signIn(alice({ email: "et-andet-navn@sm.dk" }), browser)).status).toBe(302);
    expect(await signedInAs(browser)).toBe(user.userId);
  });
});

describe("refused", () => {
  it("the same callback twice (replayed state)", async () => {
    const browser = new CookieJar();
    const { location } = await start(browser);
    const back = await idp.authorize(location, alice());
    const replayer = new CookieJar().take(new Headers({ "Set-Cookie": browser.header() }));
    expect((await callback(browser, back)).status).toBe(302);
    const again = await callback(replayer, back);
    expect(again.status).toBe(403);
    expect(again.data).toEqual({ reason: "invalid" });
    expect(await signedInAs(replayer)).toBeNull();
  });

  it("a state this browser did not start (login CSRF)", async () => {
    const { location } = await start();
    const back = await idp.authorize(location, alice());
    // The victim's browser has a sign-in of its own under way.
    const { browser: victim } = await start();
    expect((await callback(victim, back)).status).toBe(403);
    expect(await signedInAs(victim)).toBeNull();
  });

  it("an unknown or missing state", async () => {
    const browser = new CookieJar();
    const { location } = await start(browser);
    const back = await idp.authorize(location, alice());
    back.searchParams.set("state", "not-our-state");
    expect((await callback(browser, back)).status).toBe(403);
    back.searchParams.delete("state");
    expect((await callback(browser, back)).status).toBe(403);
  });

  it("an ID token whose nonce is not the one this flow sent (replayed nonce)", async () => {
    const browser = new CookieJar();
    const { location, state } = await start(browser);
    const back = await idp.authorize(location, alice());
    await db.update(ssoRequests).set({ nonce: "the-nonce-of-another-flow" }).where(eq(ssoRequests.id, state));
    expect((await callback(browser, back)).status).toBe(403);
    expect(await signedInAs(browser)).toBeNull();
  });

  it("a code redeemed with another flow's PKCE verifier", async () => {
    const browser = new CookieJar();
    const { location, state } = await start(browser);
    const back = await idp.authorize(location, alice());
    await db.update(ssoRequests).set({ codeVerifier: "x".repeat(43) }).where(eq(ssoRequests.id, state));
    expect((await callback(browser, back)).status).toBe(403);
  });

  it("one flow's code brought back with another flow's state", async () => {
    const browser = new CookieJar();
    const a = await start(browser);
    const b = await start(browser);
    const backA = await idp.authorize(a.location, alice());
    backA.searchParams.set("state", b.state);
    expect((await callback(browser, backA)).status).toBe(403);
    expect(await signedInAs(browser)).toBeNull();
  });

  it("a flow past its ten minutes", async () => {
    const browser = new CookieJar();
    const { location, state } = await start(browser);
    const back = await idp.authorize(location, alice());
    await db.update(ssoRequests).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(ssoRequests.id, state));
    expect((await callback(browser, back)).status).toBe(403);
  });

  it("the provider reporting an error (the user cancelled)", async () => {
    const browser = new CookieJar();
    const { state } = await start(browser);
    const back = new URL(`http://localhost:3000/auth/oidc/callback?error=access_denied&state=${state}&iss=${encodeURIComponent(idp.issuer)}`);
    expect((await callback(browser, back)).data).toEqual({ reason: "invalid" });
  });

  it("acr below Substantial, a missing acr, or one the mapping does not know", async () => {
    const count = (await db.select().from(userIdentities)).length;
    expect((await signIn({ accountId: "bob-low", acr: LOW, email: user.email })).data).toEqual({ reason: "assurance" });
    expect((await signIn({ accountId: "bob-none", email: user.email })).data).toEqual({ reason: "assurance" });
    // Asked for NSIS values, a provider answering with its own acr is not understood.
    expect((await signIn({ accountId: "bob-odd", acr: "urn:entra:mfa", email: user.email })).data).toEqual({ reason: "assurance" });
    expect(await db.select().from(userIdentities)).toHaveLength(count);
  });

  it("an unknown person: refused, nobody created", async () => {
    const count = (await db.select().from(users)).length;
    const res = await signIn({ accountId: "stranger", acr: SUBSTANTIAL, email: "ukendt@firma.dk" });
    expect(res).toMatchObject({ status: 403, data: { reason: "unknown" } });
    expect(await db.select().from(users)).toHaveLength(count);
  });

  it("an e-mail the provider marks unverified never finds an account", async () => {
    const other = await createUser(db, "caseworker", { email: "uverificeret@sm.dk" });
    const res = await signIn({ accountId: "unverified", acr: SUBSTANTIAL, email: other.email, emailVerified: false });
    expect(res.data).toEqual({ reason: "unknown" });
  });
});

describe("the acr mapping is configuration", () => {
  it("accepts a provider's own acr value once mapped to Substantial", async () => {
    process.env.OIDC_ACR_LEVELS = "urn:entra:mfa=Substantial,urn:entra:pwd=Low";
    process.env.OIDC_ACR_VALUES = "urn:entra:mfa urn:entra:pwd";
    resetEnvCache();
    try {
      const u = await createUser(db, "caseworker", { email: "mfa@sm.dk" });
      const browser = new CookieJar();
      expect((await signIn({ accountId: "mfa-user", acr: "urn:entra:mfa", email: u.email }, browser)).status).toBe(302);
      expect(await signedInAs(browser)).toBe(u.userId);
      expect((await signIn({ accountId: "mfa-user", acr: "urn:entra:pwd", email: u.email })).data).toEqual({ reason: "assurance" });
    } finally {
      delete process.env.OIDC_ACR_LEVELS;
      process.env.OIDC_ACR_VALUES = CONFIG().OIDC_ACR_VALUES;
      resetEnvCache();
    }
  });
});
