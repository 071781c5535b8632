// Sign-ins in progress: single use, expiring, bound to the browser that started them,
// and SAML assertion IDs remembered in the database.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#db/client";
import { samlSeenAssertions, ssoRequests } from "#db/schema";
import { beginSsoRequest, consumeSsoRequest, firstSightOfAssertion, SSO_REQUEST_TTL_MS } from "~/auth/sso/requests.server";
import { getDb } from "~/db.server";
import { CookieJar } from "../support/cookie-jar";

let db: Database;
beforeAll(async () => {
  db = await getDb();
});

async function begin(id: string, browser = new CookieJar(), now?: Date) {
  const { setCookie } = await beginSsoRequest(db, browser.request("/"), { id, method: "oidc", redirectTo: "/x", nonce: "n", codeVerifier: "v" }, now);
  return browser.take(new Headers({ "Set-Cookie": setCookie }));
}

describe("sso requests", () => {
  it("are used once: a second use, even at the same time, finds nothing", async () => {
    const browser = await begin("state-once");
    const results = await Promise.all(Array.from({ length: 8 }, () => consumeSsoRequest(db, browser.request("/"), "oidc", "state-once")));
    expect(results.filter(Boolean)).toEqual([{ nonce: "n", codeVerifier: "v", redirectTo: "/x" }]);
    expect(await consumeSsoRequest(db, browser.request("/"), "oidc", "state-once")).toBeNull();
  });

  it("work only in the browser that started them, not in one with a flow of its own", async () => {
    const mine = await begin("state-mine");
    const other = await begin("state-other");
    expect(await consumeSsoRequest(db, other.request("/"), "oidc", "state-mine")).toBeNull();
    expect(await consumeSsoRequest(db, new CookieJar().request("/"), "oidc", "state-mine")).toBeNull();
    expect(await consumeSsoRequest(db, mine.request("/"), "oidc", "state-mine")).not.toBeNull();
  });

  it("keep one browser key across tabs, so two sign-ins started side by side both work", async () => {
    const browser = await begin("tab-1");
    await begin("tab-2", browser);
    expect(await consumeSsoRequest(db, browser.request("/"), "oidc", "tab-1")).not.toBeNull();
    expect(await consumeSsoRequest(db, browser.request("/"), "oidc", "tab-2")).not.toBeNull();
  });

  it("expire after ten minutes, and old rows are swept as new ones come", async () => {
    const long = new Date(Date.now() - 3 * SSO_REQUEST_TTL_MS);
    const browser = await begin("state-old", new CookieJar(), long);
    expect(await consumeSsoRequest(db, browser.request("/"), "oidc", "state-old")).toBeNull();
    await begin("state-new");
    expect(await db.select().from(ssoRequests).where(eq(ssoRequests.id, "state-old"))).toEqual([]);
  });

  it("need the method they were started for", async () => {
    const browser = await begin("state-method");
    expect(await consumeSsoRequest(db, browser.request("/"), "saml", "state-method")).toBeNull();
  });
});

describe("seen SAML assertions", () => {
  it("are accepted the first time only, until they expire", async () => {
    const until = new Date(Date.now() + 60_000);
    expect(await firstSightOfAssertion(db, "idp _a1", until)).toBe(true);
    expect(await firstSightOfAssertion(db, "idp _a1", until)).toBe(false);
    await db.update(samlSeenAssertions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(samlSeenAssertions.id, "idp _a1"));
    expect(await firstSightOfAssertion(db, "idp _a2", until)).toBe(true);
    expect(await db.select().from(samlSeenAssertions).where(eq(samlSeenAssertions.id, "idp _a1"))).toEqual([]);
  });
});
