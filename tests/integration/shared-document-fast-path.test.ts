// Decision 040: a signed-out GET /login is answered from the entry's shared render without
// Remix's handler — the same loaders run for every request with Remix's arguments, and only
// plain loader data for a plain GET of the path is passed on; anything else is left to
// Remix (null). tests/e2e/login-document.spec.ts compares the answers with Remix's own over
// HTTP against the built server.
import type { ServerBuild } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { createSharedDocumentFastPath, fastChain, type SharedDocumentResponse } from "../../server/shared-document-fast-path";

type Module = Record<string, unknown>;
type Calls = { loader: string; args: unknown }[];

function fakeBuild(opts: { root?: Module; login?: Module; extraRoutes?: Record<string, Record<string, unknown>>; respond?: SharedDocumentResponse } = {}) {
  const calls: Calls = [];
  const answered: { url: string; loaderData: Record<string, unknown>; version: string }[] = [];
  let clock: string | null = null;
  const root = { default: () => null, loader: (args: unknown) => (calls.push({ loader: "root", args }), { user: null, testClock: clock }), ...opts.root };
  const login = { default: () => null, loader: (args: unknown) => (calls.push({ loader: "login", args }), Promise.resolve({ saml: null, oidc: null })), ...opts.login };
  const respond: SharedDocumentResponse =
    opts.respond ??
    ((request, loaderData, version) => {
      answered.push({ url: request.url, loaderData, version });
      return new Response("shared", { headers: { "Content-Type": "text/html; charset=utf-8" } });
    });
  const build = {
    routes: {
      root: { id: "root", path: "", module: root },
      "routes/login": { id: "routes/login", parentId: "root", path: "login", module: login },
      "routes/_index": { id: "routes/_index", parentId: "root", index: true, module: { default: () => null, loader: () => ({}) } },
      ...opts.extraRoutes,
    },
    entry: { module: { sharedDocumentResponse: respond } },
    assets: { version: "v7" },
  } as unknown as ServerBuild;
  return { build, calls, answered, setClock: (c: string | null) => (clock = c) };
}

const get = (url: string, init: RequestInit = {}) => new Request(url, init);

describe("which routes a path may skip Remix for", () => {
  it("/login: root, then the login route", () => {
    expect(fastChain(fakeBuild().build.routes, "/login")?.map((r) => r.id)).toEqual(["root", "routes/login"]);
  });

  it("none when a child could match too, a route has a headers export or no loader, or the path is not plain", () => {
    const withChild = fakeBuild({ extraRoutes: { "routes/login._index": { id: "routes/login._index", parentId: "routes/login", index: true, module: { default: () => null } } } });
    expect(fastChain(withChild.build.routes, "/login")).toBeNull();
    expect(fastChain(fakeBuild({ login: { headers: () => ({ "Cache-Control": "max-age=60" }) } }).build.routes, "/login")).toBeNull();
    expect(fastChain(fakeBuild({ root: { headers: { "X-A": "1" } } }).build.routes, "/login")).toBeNull();
    expect(fastChain(fakeBuild({ login: { loader: undefined } }).build.routes, "/login")).toBeNull();
    const param = fakeBuild({ extraRoutes: { "routes/$slug": { id: "routes/$slug", parentId: "root", path: ":slug", module: { default: () => null, loader: () => ({}) } } } });
    expect(fastChain(param.build.routes, "/:slug")).toBeNull();
    expect(fastChain(fakeBuild().build.routes, "/nowhere")).toBeNull();
  });
});

describe("the fast path", () => {
  it("runs every loader of the chain once per request, with Remix's arguments, and answers with the entry's response for that loader data", async () => {
    const { build, calls, answered, setClock } = fakeBuild();
    const fast = createSharedDocumentFastPath(build, ["/login"]);
    const request = get("http://localhost/login");
    const response = await fast(request);
    expect(await response?.text()).toBe("shared");
    expect(calls.map((c) => c.loader)).toEqual(["root", "login"]);
    for (const c of calls) expect(c.args).toEqual({ request, params: {}, context: {} });
    expect(answered).toEqual([{ url: "http://localhost/login", loaderData: { root: { user: null, testClock: null }, "routes/login": { saml: null, oidc: null } }, version: "v7" }]);
    expect(Object.keys(answered[0]!.loaderData)).toEqual(["root", "routes/login"]); // Remix's order: the key is their JSON
    // A moved test clock (or anything else the loaders read) reaches the entry on the next request.
    setClock("7. november 2022 kl. 11.00");
    await fast(get("http://localhost/login"));
    expect(calls).toHaveLength(4);
    expect(answered[1]!.loaderData.root).toEqual({ user: null, testClock: "7. november 2022 kl. 11.00" });
  });

  it("leaves to Remix, without running a loader: a Cookie header, a query, another method or path", async () => {
    const { build, calls } = fakeBuild();
    const fast = createSharedDocumentFastPath(build, ["/login"]);
    expect(await fast(get("http://localhost/login", { headers: { cookie: "pp_session=x" } }))).toBeNull();
    expect(await fast(get("http://localhost/login", { headers: { cookie: "" } }))).toBeNull();
    expect(await fast(get("http://localhost/login?reset=1"))).toBeNull();
    expect(await fast(get("http://localhost/login", { method: "HEAD" }))).toBeNull();
    expect(await fast(get("http://localhost/login", { method: "POST", body: "email=a" }))).toBeNull();
    expect(await fast(get("http://localhost/login/"))).toBeNull();
    expect(await fast(get("http://localhost/LOGIN"))).toBeNull();
    expect(await fast(get("http://localhost/"))).toBeNull();
    expect(calls).toEqual([]);
  });

  it("leaves to Remix what a loader throws or returns as more than plain data (redirect, data() with headers, a Response)", async () => {
    const cases: Module[] = [
      { loader: () => { throw redirect("/"); } },
      { loader: () => Promise.reject(new Error("database down")) },
      { loader: () => data({ saml: null }, { headers: { "Set-Cookie": "a=1" } }) },
      { loader: () => new Response("x") },
      { loader: () => null },
    ];
    for (const login of cases) {
      const { build, answered } = fakeBuild({ login });
      expect(await createSharedDocumentFastPath(build, ["/login"])(get("http://localhost/login"))).toBeNull();
      expect(answered).toEqual([]);
    }
  });

  it("is null when the entry has no shared render for this loader data yet (Remix renders it)", async () => {
    const { build } = fakeBuild({ respond: () => null });
    expect(await createSharedDocumentFastPath(build, ["/login"])(get("http://localhost/login"))).toBeNull();
  });

  it("is off for a build whose entry cannot answer from a shared render", async () => {
    const { build, calls } = fakeBuild();
    const without = { ...build, entry: { module: {} } } as unknown as ServerBuild;
    expect(await createSharedDocumentFastPath(without, ["/login"])(get("http://localhost/login"))).toBeNull();
    expect(calls).toEqual([]);
  });
});
