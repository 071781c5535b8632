// Decision 036: a signed-out /login is rendered once per loader result; each response gets
// its own nonce in the placeholder's places. tests/e2e/login-document.spec.ts checks the
// same over HTTP against the built server (CSP header and HTML agree, nonces differ).
import { describe, expect, it } from "vitest";
import { createSharedDocuments, newNonce, sharedDocumentKey, type RenderInput } from "./shared-document.server";

const input = (extra: Partial<RenderInput> = {}): RenderInput => ({
  statusCode: 200,
  loaderData: { root: { user: null, testClock: null }, "routes/login": { saml: null, oidc: null } },
  actionData: null,
  errors: null,
  version: "v1",
  ...extra,
});
const get = (url: string, headers: Record<string, string> = {}, method = "GET") => new Request(url, { method, headers });

describe("which renders may be shared", () => {
  it("a signed-out GET /login with no query, answered 200", () => {
    expect(sharedDocumentKey(get("http://localhost/login"), input())).not.toBeNull();
  });

  it("never with a Cookie header, a query, another path or method, an action, an error or another status", () => {
    expect(sharedDocumentKey(get("http://localhost/login", { cookie: "pp_session=x" }), input())).toBeNull();
    expect(sharedDocumentKey(get("http://localhost/login", { cookie: "" }), input())).toBeNull();
    expect(sharedDocumentKey(get("http://localhost/login?reset=1"), input())).toBeNull();
    expect(sharedDocumentKey(get("http://localhost/login?"), input())).not.toBeNull(); // "?" alone is no query (URL.search is "")
    expect(sharedDocumentKey(get("http://localhost/login?redirectTo=/x"), input())).toBeNull();
    expect(sharedDocumentKey(get("http://localhost/login/"), input())).toBeNull();
    expect(sharedDocumentKey(get("http://localhost/applications"), input())).toBeNull();
    expect(sharedDocumentKey(get("http://localhost/login", {}, "HEAD"), input())).toBeNull();
    expect(sharedDocumentKey(get("http://localhost/login"), input({ statusCode: 404 }))).toBeNull();
    expect(sharedDocumentKey(get("http://localhost/login"), input({ actionData: { ok: false } }))).toBeNull();
    expect(sharedDocumentKey(get("http://localhost/login"), input({ errors: { root: new Error("x") } }))).toBeNull();
  });

  it("the key changes with the loader data (the test clock) and the build", () => {
    const key = sharedDocumentKey(get("http://localhost/login"), input());
    expect(sharedDocumentKey(get("http://localhost/login"), input({ loaderData: { root: { user: null, testClock: { now: "1. maj" } } } }))).not.toBe(key);
    expect(sharedDocumentKey(get("http://localhost/login"), input({ version: "v2" }))).not.toBe(key);
    expect(sharedDocumentKey(get("http://localhost/login"), input())).toBe(key);
  });
});

describe("a shared document", () => {
  const render = (nonce: string) =>
    Promise.resolve(Buffer.from(`<!DOCTYPE html><html><head><script nonce="${nonce}">a</script></head><body>Æbler ø å<script nonce="${nonce}" type="module">b</script></body></html>`));

  it("is rendered once per key and carries each response's own nonce everywhere the render had one", async () => {
    const docs = createSharedDocuments();
    const n1 = newNonce();
    const n2 = newNonce();
    expect(n1).not.toBe(n2);
    const a = (await docs.get("k", n1, render))!.toString("utf8");
    const b = (await docs.get("k", n2, render))!.toString("utf8");
    expect(docs.renders()).toBe(1);
    expect(a).toBe(await render(n1).then((x) => x.toString("utf8")));
    expect(b).toBe(await render(n2).then((x) => x.toString("utf8")));
    expect(a).not.toContain(docs.placeholder);
    expect(b).not.toContain(n1);
    expect([...b.matchAll(/nonce="([^"]+)"/g)].map((m) => m[1])).toEqual([n2, n2]);
    await docs.get("other", n1, render);
    expect(docs.renders()).toBe(2);
  });

  it("rendered() gives only what get() rendered, with the nonce it is asked for, and never renders (decision 040's fast path)", async () => {
    const docs = createSharedDocuments();
    expect(docs.rendered("k", newNonce())).toBeNull();
    const n1 = newNonce();
    await docs.get("k", n1, render);
    const n2 = newNonce();
    expect(docs.rendered("k", n2)!.toString("utf8")).toBe(await render(n2).then((x) => x.toString("utf8")));
    expect(docs.rendered("other", n2)).toBeNull();
    expect(docs.renders()).toBe(1);
  });

  it("a failed render is not kept", async () => {
    const docs = createSharedDocuments();
    expect(await docs.get("k", newNonce(), () => Promise.resolve(null))).toBeNull();
    await docs.get("k", newNonce(), render);
    expect(docs.renders()).toBe(2);
  });

  it("the placeholder is a nonce like any other (same length and alphabet), and differs per process start", () => {
    const a = createSharedDocuments().placeholder;
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(newNonce()).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(createSharedDocuments().placeholder).not.toBe(a);
  });
});
