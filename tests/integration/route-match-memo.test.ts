// patches/@remix-run+router+1.23.3.patch and patches/react-router-dom+6.30.4.patch (decision
// record "lean request path"): the router flattens and ranks a routes array once and compiles
// each path pattern once, and the static router converts a routes array to data routes once.
// These tests fail without the patches (the counters go up on every match), and compare every
// match with the unpatched router (its UMD bundle, which the patch leaves alone).
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

type Route = { id: string; path?: string; index?: boolean; caseSensitive?: boolean; children?: Route[] };

const require = createRequire(import.meta.url);
// The files the server loads: @remix-run/node and @remix-run/react are CommonJS and require these.
type RouterApi = {
  matchRoutes: (routes: Route[], location: string, basename?: string) => unknown[] | null;
  matchPath: typeof import("@remix-run/router").matchPath;
};
const patched = require("@remix-run/router") as RouterApi;
const original = require("@remix-run/router/dist/router.umd.js") as RouterApi;
const { createStaticRouter } = require("react-router-dom/server") as typeof import("react-router-dom/server");

// The shapes the app's route tree has (flat routes: a root layout, index routes, params,
// optional segments, pathless layouts, splats, a catch-all), plus a counter on every read of
// a route's path: flattenRoutes reads each one, matching a flattened branch does not.
function routeTree() {
  let pathReads = 0;
  const r = (id: string, path: string | undefined, extra: Partial<Route> = {}): Route => {
    const route: Route = { id, ...extra };
    Object.defineProperty(route, "path", { enumerable: true, get: () => (pathReads++, path) });
    return route;
  };
  const routes: Route[] = [
    r("root", "", {
      children: [
        r("routes/_index", undefined, { index: true }),
        r("routes/login", "login"),
        r("routes/applications", "applications", {
          children: [
            r("routes/applications._index", undefined, { index: true }),
            r("routes/applications.$id", ":id", { children: [r("routes/applications.$id.pdf", "pdf")] }),
            r("routes/applications.new", "new"),
          ],
        }),
        r("routes/grants.$grantId", "grants/:grantId"),
        r("routes/grants.$grantId.letters.$kind", "grants/:grantId/letters/:kind"),
        r("routes/programmes.timeline", "programmes/timeline"),
        r("routes/calls.$callId.allocation", "calls/:callId/allocation"),
        r("routes/reports.($year)", "reports/:year?"),
        r("routes/_auth", undefined, { children: [r("routes/_auth.invitation.$token", "invitation/:token")] }),
        r("routes/Case", "Case", { caseSensitive: true }),
        r("routes/files.$", "files/*"),
        r("routes/$", "*"),
      ],
    }),
  ];
  return { routes, pathReads: () => pathReads };
}

const paths = [
  "/",
  "/login",
  "/login/",
  "/LOGIN",
  "/applications",
  "/applications/",
  "/applications/17",
  "/applications/17/pdf",
  "/applications/new",
  "/grants/3",
  "/grants/3/letters/tilsagn",
  "/programmes/timeline",
  "/calls/2/allocation",
  "/reports",
  "/reports/2026",
  "/invitation/abc-123",
  "/Case",
  "/case",
  "/files/a/b/c.pdf",
  "/files",
  "/ukendt/side",
  "/%C3%A6bler/%2F",
  "/grants/%C3%B8",
  // The first-segment skip: words that only start like a route's, other cases, encoded
  // letters, double and missing slashes, and a path a skipped pattern must not miss.
  "/reportsX",
  "/reports2026",
  "/Login/",
  "/LoGiN",
  "/%6Cogin",
  "/%4Cogin",
  "//login",
  "/login//",
  "/applications17",
  "/files.pdf",
  "/filesX/a",
  "/CASE",
  "/Programmes/Timeline",
  "/invitation",
  "",
  "login",
  "/\u212Aase",
];

const strip = (matches: unknown): { params: Record<string, string>; route: string }[] | null => JSON.parse(JSON.stringify(matches, (k, v) => (k === "route" ? v.id : v)));

describe("route matching memo", () => {
  it("flattens and ranks a routes array once for repeated matches", () => {
    const { routes, pathReads } = routeTree();
    patched.matchRoutes(routes, "/applications/17");
    const afterFirst = pathReads();
    expect(afterFirst).toBeGreaterThan(0);
    for (const p of paths) patched.matchRoutes(routes, p);
    patched.matchRoutes(routes, "/grants/3", "/");
    expect(pathReads()).toBe(afterFirst);
    // A different array (even with the same routes) is flattened again.
    patched.matchRoutes([...routes], "/login");
    expect(pathReads()).toBeGreaterThan(afterFirst);
  });

  it("compiles a path pattern once", () => {
    const NativeRegExp = globalThis.RegExp;
    let built = 0;
    globalThis.RegExp = new Proxy(NativeRegExp, {
      construct(target, args) {
        built++;
        return Reflect.construct(target, args);
      },
    });
    try {
      patched.matchPath({ path: "/once/:id/*", caseSensitive: false, end: true }, "/once/1/x");
      const first = built;
      expect(first).toBeGreaterThan(0);
      for (let i = 0; i < 5; i++) expect(patched.matchPath({ path: "/once/:id/*", caseSensitive: false, end: true }, `/once/${i}/y`)?.params).toEqual({ id: String(i), "*": "y" });
      expect(built).toBe(first);
      patched.matchPath({ path: "/once/:id/*", caseSensitive: true, end: true }, "/once/1/x");
      expect(built).toBeGreaterThan(first);
    } finally {
      globalThis.RegExp = NativeRegExp;
    }
  });

  it("matches exactly like the unpatched router: routes, params, splats, index routes", () => {
    const { routes } = routeTree();
    for (const p of paths) {
      for (let round = 0; round < 2; round++) {
        expect(strip(patched.matchRoutes(routes, p)), p).toEqual(strip(original.matchRoutes(routes, p)));
        expect(strip(patched.matchRoutes(routes, p, "/applications")), p).toEqual(strip(original.matchRoutes(routes, p, "/applications")));
      }
    }
    expect(strip(patched.matchRoutes(routes, "/applications/17/pdf"))).toEqual([
      { params: { id: "17" }, pathname: "/", pathnameBase: "/", route: "root" },
      { params: { id: "17" }, pathname: "/applications", pathnameBase: "/applications", route: "routes/applications" },
      { params: { id: "17" }, pathname: "/applications/17", pathnameBase: "/applications/17", route: "routes/applications.$id" },
      { params: { id: "17" }, pathname: "/applications/17/pdf", pathnameBase: "/applications/17/pdf", route: "routes/applications.$id.pdf" },
    ]);
    expect(strip(patched.matchRoutes(routes, "/files/a/b"))?.at(-1)).toMatchObject({ params: { "*": "a/b" }, route: "routes/files.$" });
    expect(strip(patched.matchRoutes(routes, "/applications"))?.at(-1)).toMatchObject({ route: "routes/applications._index" });
    expect(strip(patched.matchRoutes(routes, "/case"))?.at(-1)).toMatchObject({ route: "routes/$" });
  });

  it("tries only the branches whose first word can match", () => {
    const { routes } = routeTree();
    const exec = RegExp.prototype.exec;
    let tried = 0;
    RegExp.prototype.exec = function (this: RegExp, s: string) {
      tried++;
      return exec.call(this, s);
    };
    const count = (router: RouterApi) => {
      router.matchRoutes(routes, "/programmes/timeline");
      tried = 0;
      router.matchRoutes(routes, "/programmes/timeline");
      return tried;
    };
    try {
      const patchedTries = count(patched);
      const originalTries = count(original);
      expect(patchedTries).toBeGreaterThan(0);
      expect(patchedTries).toBeLessThan(originalTries / 2);
    } finally {
      RegExp.prototype.exec = exec;
    }
  });

  it("the static router converts a routes array to data routes once", () => {
    const { routes } = routeTree();
    const context = { basename: "/", location: { pathname: "/login", search: "", hash: "", state: null, key: "default" }, matches: [], loaderData: {}, actionData: null, errors: null, statusCode: 200, loaderHeaders: {}, actionHeaders: {}, activeDeferreds: null, _deepestRenderedBoundaryId: null } as never;
    const a = createStaticRouter(routes as never, context);
    const b = createStaticRouter(routes as never, context);
    expect(b.routes).toBe(a.routes);
    expect(createStaticRouter([...routes] as never, context).routes).not.toBe(a.routes);
  });
});
