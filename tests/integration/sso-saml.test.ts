// Sign-in with MitID Erhverv (SAML 2.0, OIOSAML 3) against responses signed in the test
// by a key made here: what is accepted, and each way a response is refused.
import { createVerify } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#db/client";
import { auditLog, samlSeenAssertions, ssoRequests, userIdentities, users } from "#db/schema";
import { getActor } from "~/auth/session.server";
import { setUserStatus } from "~/auth/users.server";
import { getDb } from "~/db.server";
import { actionLabel } from "~/domain/audit/audit-filters";
import { resetEnvCache } from "~/env.server";
import { action as acsAction, loader as acsLoader } from "~/routes/auth.saml.acs";
import { loader as samlLogin } from "~/routes/auth.saml.login";
import { loader as metadataLoader } from "~/routes/auth.saml.metadata";
import { createUser, seedBase, type TestUser } from "../fixtures";
import { CookieJar } from "../support/cookie-jar";
import { outcome, thrown } from "../support/route-result";
import { authnRequestOf, encryptedSamlResponse, makeKeyPair, samlResponse, type AssertionInput, type KeyPair } from "../support/saml-idp";

const IDP = "https://idp.test-nemlog-in.dk";
const SP = "http://localhost:3000/auth/saml/metadata";
const ACS = "http://localhost:3000/auth/saml/acs";
const ctx = { params: {}, context: {} };

let db: Database;
let idp: KeyPair;
let sp: KeyPair;
let stranger: KeyPair;
let user: TestUser;
let admin: TestUser;

beforeAll(async () => {
  [idp, sp, stranger] = await Promise.all([makeKeyPair("test-idp"), makeKeyPair("puljeportal-sp"), makeKeyPair("stranger")]);
  Object.assign(process.env, {
    SAML_IDP_ENTITY_ID: IDP,
    SAML_IDP_SSO_URL: `${IDP}/sso`,
    SAML_IDP_CERT: idp.cert,
    SAML_SP_KEY: sp.key,
    SAML_SP_CERT: sp.cert,
  });
  resetEnvCache();
  db = await getDb();
  await seedBase(db);
  user = await createUser(db, "municipality", { email: "sagsbehandler@lolland.dk", name: "Sara Sagsbehandler" });
  admin = await createUser(db, "admin");
}, 60_000);

afterAll(() => {
  for (const k of ["SAML_IDP_ENTITY_ID", "SAML_IDP_SSO_URL", "SAML_IDP_CERT", "SAML_SP_KEY", "SAML_SP_CERT"]) delete process.env[k];
  resetEnvCache();
});

/** Starts a sign-in in a browser: the AuthnRequest's ID and the browser's cookies. */
async function start(browser = new CookieJar(), redirectTo = "/calls") {
  const res = await thrown(samlLogin({ request: browser.request(`/auth/saml/login?redirectTo=${encodeURIComponent(redirectTo)}`), ...ctx }));
  expect(res.status).toBe(302);
  browser.take(res.headers);
  return { browser, location: res.headers.get("location")!, id: authnRequestOf(res.headers.get("location")!).id };
}

function assertion(id: string, over: Partial<AssertionInput> = {}): AssertionInput {
  return { inResponseTo: id, issuer: IDP, audience: SP, acsUrl: ACS, uuid: "urn:uuid:0b8e3c1a-1111-4c4c-9d9d-000000000001", email: user.email, ...over };
}

async function post(browser: CookieJar, SAMLResponse: string) {
  const res = await outcome(() => acsAction({ request: browser.post("/auth/saml/acs", { SAMLResponse }), ...ctx }));
  browser.take(res.headers);
  return res;
}

async function signedInAs(browser: CookieJar) {
  return (await getActor(browser.request("/"), new Date()))?.userId ?? null;
}

describe("the AuthnRequest", () => {
  it("is signed, asks for at least NSIS Substantial and a persistent NameID, and names our ACS", async () => {
    const { location, xml } = await start().then((s) => ({ ...s, ...authnRequestOf(s.location) }));
    const url = new URL(location);
    expect(url.origin + url.pathname).toBe(`${IDP}/sso`);
    expect(xml).toContain(`AssertionConsumerServiceURL="${ACS}"`);
    expect(xml).toContain(`<saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">${SP}</saml:Issuer>`);
    expect(xml).toMatch(/RequestedAuthnContext[^>]*Comparison="minimum"/);
    expect(xml).toContain("https://data.gov.dk/concept/core/nsis/loa/Substantial");
    expect(xml).toContain('Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"');
    // HTTP-Redirect binding: the signature covers SAMLRequest, RelayState (none) and SigAlg.
    const signed = url.search.slice(1).split("&").filter((p) => !p.startsWith("Signature=")).join("&");
    const ok = createVerify("RSA-SHA256").update(signed).verify(sp.cert, url.searchParams.get("Signature")!, "base64");
    expect(url.searchParams.get("SigAlg")).toBe("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256");
    expect(ok).toBe(true);
  });

  it("is remembered in the database until used, not in the process", async () => {
    const { id } = await start();
    const [row] = await db.select().from(ssoRequests).where(eq(ssoRequests.id, id));
    expect(row).toMatchObject({ method: "saml", usedAt: null, redirectTo: "/calls" });
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(10 * 60_000);
  });
});

describe("a valid response", () => {
  it("links the invited account by e-mail the first time, signs in with the password sign-in's session, and audits both", async () => {
    const { browser, id } = await start();
    const res = await post(browser, samlResponse(assertion(id), idp));
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/calls");
    expect(await signedInAs(browser)).toBe(user.userId);
    expect(browser.has("pp_sso")).toBe(false);

    const links = await db.select().from(userIdentities).where(eq(userIdentities.userId, user.userId));
    expect(links).toMatchObject([{ provider: `saml:${IDP}`, subject: "urn:uuid:0b8e3c1a-1111-4c4c-9d9d-000000000001" }]);
    const audit = await db.select().from(auditLog).where(eq(auditLog.entityId, user.userId));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["user.identity-linked", "session.login"]));
    expect(audit.find((a) => a.action === "session.login")?.after).toMatchObject({ method: "saml", assurance: "Substantial" });
    expect(actionLabel("user.identity-linked")).toBe("Login hos identitetsudbyder knyttet til brugeren");
  });

  it("finds the account by the persistent UUID once linked, whatever e-mail the provider sends", async () => {
    const { browser, id } = await start();
    const res = await post(browser, samlResponse(assertion(id, { email: "nyt-navn@lolland.dk" }), idp));
    expect(res.status).toBe(302);
    expect(await signedInAs(browser)).toBe(user.userId);
  });

  it("accepts an assertion encrypted to our certificate, as NemLog-in sends it", async () => {
    const { browser, id } = await start();
    expect((await post(browser, await encryptedSamlResponse(assertion(id), idp, sp.cert))).status).toBe(302);
    expect(await signedInAs(browser)).toBe(user.userId);
  });

  it("accepts NSIS High", async () => {
    const { browser, id } = await start();
    expect((await post(browser, samlResponse(assertion(id, { loa: "High" }), idp))).status).toBe(302);
  });
});

describe("refused responses", () => {
  async function refused(make: (id: string) => string, reason = "invalid") {
    const { browser, id } = await start();
    const res = await post(browser, make(id));
    expect(res.status).toBe(403);
    expect(res.data).toEqual({ reason });
    expect(await signedInAs(browser)).toBeNull();
    return { browser, id };
  }

  it("the same response twice (replay): the request ID is used up", async () => {
    const { browser, id } = await start();
    // The replaying browser still has the cookie the first one had.
    const replayer = new CookieJar().take(new Headers({ "Set-Cookie": browser.header() }));
    const once = samlResponse(assertion(id), idp);
    expect((await post(browser, once)).status).toBe(302);
    const again = await post(replayer, once);
    expect(again.status).toBe(403);
    expect(await signedInAs(replayer)).toBeNull();
    const [row] = await db.select().from(ssoRequests).where(eq(ssoRequests.id, id));
    expect(row.usedAt).not.toBeNull();
  });

  it("a seen assertion ID in a response to a new request (assertion replay)", async () => {
    const first = await start();
    expect((await post(first.browser, samlResponse(assertion(first.id, { assertionId: "_replayed-assertion-1" }), idp))).status).toBe(302);
    await refused((id) => samlResponse(assertion(id, { assertionId: "_replayed-assertion-1" }), idp));
    expect(await db.select().from(samlSeenAssertions).where(eq(samlSeenAssertions.id, `${IDP} _replayed-assertion-1`))).toHaveLength(1);
  });

  it("a response from another browser than the one that asked (login CSRF)", async () => {
    const { id } = await start();
    // The victim's browser has a sign-in of its own under way.
    const { browser: elsewhere } = await start();
    const res = await post(elsewhere, samlResponse(assertion(id), idp));
    expect(res.status).toBe(403);
    expect(await signedInAs(elsewhere)).toBeNull();
  });

  it("an unsolicited response, or one for a request we never made", async () => {
    await refused(() => samlResponse(assertion("_never-asked-for"), idp));
  });

  it("a signed assertion re-wrapped in a response for another request", async () => {
    const other = await start();
    await refused((id) => samlResponse(assertion(other.id, { responseInResponseTo: id }), idp));
  });

  it("an assertion whose signed part names no request (only the unsigned Response does)", async () => {
    await refused((id) => samlResponse(assertion(id, { confirmationNamesRequest: false }), idp));
  });

  it("the wrong issuer, even when signed with the right key", async () => {
    await refused((id) => samlResponse(assertion(id, { issuer: "https://evil.example/idp" }), idp));
  });

  it("the wrong audience", async () => {
    await refused((id) => samlResponse(assertion(id, { audience: "https://another-sp.example" }), idp));
  });

  it("an expired assertion", async () => {
    await refused((id) => samlResponse(assertion(id, { notOnOrAfter: new Date(Date.now() - 5 * 60_000) }), idp));
  });

  it("a signature by another key", async () => {
    await refused((id) => samlResponse(assertion(id), stranger));
  });

  it("an assertion changed after signing", async () => {
    await refused((id) => samlResponse(assertion(id), idp, (xml) => xml.replace(user.email, admin.email)));
  });

  it("no signature at all", async () => {
    await refused((id) => samlResponse(assertion(id), idp, (xml) => xml.replace(/<(ds:)?Signature[\s\S]*<\/(ds:)?Signature>/, "")));
  });

  it("assurance level Low, or none: a Danish refusal and no link", async () => {
    const before = await db.select().from(userIdentities);
    await refused((id) => samlResponse(assertion(id, { loa: "Low", uuid: "urn:uuid:low" }), idp), "assurance");
    await refused((id) => samlResponse(assertion(id, { loa: "", uuid: "urn:uuid:none" }), idp), "assurance");
    expect(await db.select().from(userIdentities)).toHaveLength(before.length);
  });

  it("an unknown person: never created, refused", async () => {
    const count = (await db.select().from(users)).length;
    await refused((id) => samlResponse(assertion(id, { uuid: "urn:uuid:stranger", email: "ukendt@firma.dk" }), idp), "unknown");
    expect(await db.select().from(users)).toHaveLength(count);
  });

  it("a disabled account, even once linked", async () => {
    const u = await createUser(db, "municipality", { email: "deaktiveret@lolland.dk" });
    const first = await start();
    expect((await post(first.browser, samlResponse(assertion(first.id, { uuid: "urn:uuid:disabled", email: u.email }), idp))).status).toBe(302);
    await setUserStatus(db, admin, u.userId, "disabled");
    await refused((id) => samlResponse(assertion(id, { uuid: "urn:uuid:disabled", email: u.email }), idp), "unknown");
  });

  it("a demo account in production", async () => {
    const demo = await createUser(db, "admin", { email: "demo-sso@sm.dk" });
    await db.update(users).set({ isDemo: true }).where(eq(users.id, demo.userId));
    Object.assign(process.env, { NODE_ENV: "production", SESSION_SECRET: "x".repeat(40) });
    resetEnvCache();
    try {
      await refused((id) => samlResponse(assertion(id, { uuid: "urn:uuid:demo", email: demo.email }), idp), "unknown");
    } finally {
      process.env.NODE_ENV = "test";
      delete process.env.SESSION_SECRET;
      resetEnvCache();
    }
    const { browser, id } = await start();
    expect((await post(browser, samlResponse(assertion(id, { uuid: "urn:uuid:demo", email: demo.email }), idp))).status).toBe(302);
  });

  it("a second identity for an account already linked at this provider", async () => {
    await refused((id) => samlResponse(assertion(id, { uuid: "urn:uuid:someone-else" }), idp), "other-identity");
    const links = await db.select().from(userIdentities).where(and(eq(userIdentities.userId, user.userId)));
    expect(links).toHaveLength(1);
  });

  it("a request past its ten minutes", async () => {
    const { browser, id } = await start();
    await db.update(ssoRequests).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(ssoRequests.id, id));
    expect((await post(browser, samlResponse(assertion(id), idp))).status).toBe(403);
  });
});

describe("routes", () => {
  it("publishes the service provider's metadata", async () => {
    const res = (await metadataLoader()) as Response;
    const xml = await res.text();
    expect(res.headers.get("content-type")).toContain("application/samlmetadata+xml");
    expect(xml).toContain(`entityID="${SP}"`);
    expect(xml).toContain(`Location="${ACS}"`);
    expect(xml).toContain(sp.cert.split("\n")[1]);
  });

  it("the ACS loader lets the refusal page render after the action (Remix calls it then)", async () => {
    expect(acsLoader()).toBeNull();
  });
});
