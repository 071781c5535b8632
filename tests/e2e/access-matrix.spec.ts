// Every route of the Remix manifest × every role: the page, a sign-in redirect,
// or 403/404 — never another municipality's data. A route missing from
// access-matrix.ts fails the test, so a new route cannot escape the matrix.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { expect, request as pwRequest, test, type APIRequestContext } from "@playwright/test";
import { accessMatrix, type Outcome, type Who } from "./access-matrix";
import { recordSecurityFigures } from "../support/security-figures";
import { DEMO_PASSWORD, fixtures } from "./utils";

const ROLES: Who[] = ["anon", "admin", "caseworker", "municipality", "advisor"];

async function manifestRoutes() {
  const build = await import(pathToFileURL(path.resolve("build/server/index.js")).href);
  return Object.values(build.routes as Record<string, { id: string; path?: string; module: { action?: unknown } }>)
    .filter((r) => r.id !== "root")
    .map((r) => ({ id: r.id, hasAction: typeof r.module.action === "function" }));
}

async function contextFor(baseURL: string, who: Who): Promise<APIRequestContext> {
  const ctx = await pwRequest.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  if (who === "anon") return ctx;
  const res = await ctx.post("/login", {
    form: { email: fixtures().logins[who], password: DEMO_PASSWORD, redirectTo: "/" },
    maxRedirects: 0,
  });
  expect(res.status(), `login as ${who}`).toBe(302);
  return ctx;
}

function outcomeOf(status: number, location: string | undefined): Outcome | number {
  if (status >= 300 && status < 400) return location?.startsWith("/login") ? "login" : "redirect";
  return status;
}

test("every route in the manifest is in the access matrix", async () => {
  // Importing the server build takes a while on a loaded CI machine.
  test.setTimeout(240_000);
  const matrix = accessMatrix(fixtures());
  const ids = (await manifestRoutes()).map((r) => r.id);
  expect(ids.filter((id) => !(id in matrix)), "routes missing from tests/e2e/access-matrix.ts").toEqual([]);
  expect(Object.keys(matrix).filter((id) => !ids.includes(id)), "matrix entries for routes that no longer exist").toEqual([]);
});

test("each role gets exactly what the matrix says, on GET and POST", async ({ baseURL }) => {
  // About 300 requests: on a busy machine (six work trees, two cores) more than the default 30 s.
  test.setTimeout(180_000);
  const matrix = accessMatrix(fixtures());
  const routes = await manifestRoutes();
  const failures: string[] = [];
  let tried = 0;
  for (const who of ROLES) {
    const ctx = await contextFor(baseURL!, who);
    for (const route of routes) {
      for (const c of matrix[route.id] ?? []) {
        const expected = c.expect[who];
        const res = await ctx.get(c.path, { maxRedirects: 0 });
        tried++;
        const got = outcomeOf(res.status(), res.headers()["location"]);
        if (got !== expected) failures.push(`GET ${c.path} as ${who}: expected ${expected}, got ${got}`);
        // A role refused the page is refused the action too: signed out → sign in;
        // otherwise 403/404. Not 400: an action that validates the junk form before its
        // scoped lookup tells a stranger which ids exist, so 400 is a violation here.
        if (route.hasAction && (expected === 403 || expected === 404 || expected === "login")) {
          const post = await ctx.post(c.path, { form: { intent: "x" }, maxRedirects: 0 });
          tried++;
          const gotPost = outcomeOf(post.status(), post.headers()["location"]);
          const refused = expected === "login" ? gotPost === "login" : gotPost === 403 || gotPost === 404;
          if (!refused) failures.push(`POST ${c.path} as ${who}: expected a refusal (${expected}), got ${gotPost}`);
        }
      }
    }
    await ctx.dispose();
  }
  console.log(`access matrix: ${routes.length} routes × ${ROLES.length} roles, ${tried} requests, ${failures.length} violations`);
  recordSecurityFigures({
    area: "access-matrix",
    tried,
    unit: "requests",
    violations: failures.length,
    detail: `${routes.length} routes × ${ROLES.length} roles, GET and refused POST`,
  });
  expect(failures).toEqual([]);
});
