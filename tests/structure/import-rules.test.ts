// The arrows that must not exist, read from the import lines (no build needed):
// - a component importing server code (`*.server`), the database (`db/`) or a route: it
//   would ship to the browser, or fail there; components own their prop types;
// - a domain file importing React, a route, or anything that speaks HTTP (Remix's
//   response helpers, the route guards that throw Responses, `Response` itself): rules
//   and commands answer with values, routes turn them into HTTP;
// - an e-mail template importing the app's routes;
// - a cycle between domain folders.
import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { arrowsUnder, cyclesIn, importsOf, resolveSpecifier, sourceFiles, type Arrow } from "./import-graph";

const show = (a: Arrow) => `${a.from} → ${a.specifier}`;
const isServer = (to: string) => /\.server(\.tsx?)?$/.test(to);
const isDb = (to: string) => to === "db" || to.startsWith(`db${path.sep}`);
const isRoute = (to: string) => to.startsWith(path.join("app", "routes") + path.sep);
const REACT = /^(react|react-dom)(\/|$)|^@remix-run\/react$/;
const HTTP = /^@remix-run\/(node|server-runtime|cloudflare|deno)$/;
const GUARDS = path.join("app", "auth", "guards.server.ts");

function componentViolations(arrows: Arrow[]): string[] {
  return arrows.filter((a) => isServer(a.to) || isDb(a.to) || isRoute(a.to)).map(show);
}

function domainViolations(arrows: Arrow[]): string[] {
  return arrows
    .filter((a) => REACT.test(a.to) || HTTP.test(a.to) || isRoute(a.to) || a.to === GUARDS)
    .map(show);
}

/** `Response` named in code (not in comments or strings): `new Response`, `instanceof Response`, a type. */
function mentionsResponse(code: string, file = "x.ts"): boolean {
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  let found = false;
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node) && node.text === "Response") found = true;
    if (!found) ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** app/domain/<folder>/… → folder; the edges between folders. */
function domainFolderEdges(arrows: Arrow[]): Map<string, Set<string>> {
  const folderOf = (file: string) => {
    const parts = file.split(path.sep);
    return parts[0] === "app" && parts[1] === "domain" && parts.length > 3 ? parts[2] : null;
  };
  const edges = new Map<string, Set<string>>();
  for (const a of arrows) {
    const from = folderOf(a.from);
    const to = folderOf(a.to);
    if (!from || !to || from === to) continue;
    if (!edges.has(from)) edges.set(from, new Set());
    edges.get(from)!.add(to);
  }
  return edges;
}

describe("import rules", () => {
  it("reads the import lines the way the build resolves them", () => {
    const arrows = importsOf(path.join("app", "components", "form.tsx"));
    expect(arrows.map((a) => a.to)).toContain(path.join("app", "utils", "form-data.ts"));
    expect(resolveSpecifier(path.join("app", "x.ts"), "#db/schema")).toBe(path.join("db", "schema", "index.ts"));
    expect(resolveSpecifier(path.join("app", "x.ts"), "react")).toBe("react");
  });

  it("no component imports server code, the database or a route", () => {
    const arrows = arrowsUnder(path.join("app", "components"));
    expect(arrows.length).toBeGreaterThan(20);
    expect(componentViolations(arrows)).toEqual([]);
  });

  it("no domain file imports React, a route, or HTTP", () => {
    const arrows = arrowsUnder(path.join("app", "domain"));
    expect(domainViolations(arrows)).toEqual([]);
    const naming = sourceFiles(path.join("app", "domain")).filter((f) => mentionsResponse(readFileSync(f, "utf8"), f));
    expect(naming, "domain files that build or inspect a Response").toEqual([]);
  });

  it("no e-mail template imports the app's routes", () => {
    const arrows = arrowsUnder("emails");
    expect(arrows.length).toBeGreaterThan(0);
    expect(arrows.filter((a) => isRoute(a.to)).map(show)).toEqual([]);
  });

  it("the domain folders import each other without a cycle", () => {
    const edges = domainFolderEdges(arrowsUnder(path.join("app", "domain")));
    expect(edges.size).toBeGreaterThan(0);
    expect(cyclesIn(edges).map((c) => [...c, c[0]].join(" → "))).toEqual([]);
  });

  // The rules themselves, on arrows made up for the purpose: each would let its case through if broken.
  it("each rule catches what it is for", () => {
    const arrow = (from: string, specifier: string): Arrow => ({ from, specifier, to: resolveSpecifier(from, specifier) });
    const component = path.join("app", "components", "x.tsx");
    expect(componentViolations([arrow(component, "#db/schema")])).toHaveLength(1);
    expect(componentViolations([arrow(component, "~/db.server")])).toHaveLength(1);
    expect(componentViolations([arrow(component, "~/domain/applications/applications.server")])).toHaveLength(1);
    expect(componentViolations([arrow(component, "~/routes/applications.$applicationId._index")])).toHaveLength(1);
    expect(componentViolations([arrow(component, "~/domain/applications/application-constants")])).toEqual([]);
    const domain = path.join("app", "domain", "calls", "x.ts");
    expect(domainViolations([arrow(domain, "react")])).toHaveLength(1);
    expect(domainViolations([arrow(domain, "@remix-run/react")])).toHaveLength(1);
    expect(domainViolations([arrow(domain, "@remix-run/node")])).toHaveLength(1);
    expect(domainViolations([arrow(domain, "~/routes/calls._index")])).toHaveLength(1);
    expect(domainViolations([arrow(domain, "~/auth/guards.server")])).toHaveLength(1);
    expect(domainViolations([arrow(domain, "~/utils/money")])).toEqual([]);
    expect(mentionsResponse("export const f = () => { throw new Response('x', { status: 404 }); };")).toBe(true);
    expect(mentionsResponse("// a Response is made by the route\nexport const s = 'Response';")).toBe(false);
    const edges = domainFolderEdges([
      arrow(path.join("app", "domain", "calls", "a.ts"), "~/domain/applications/b"),
      arrow(path.join("app", "domain", "applications", "b.ts"), "~/domain/assessment/c"),
      arrow(path.join("app", "domain", "assessment", "c.ts"), "../calls/a"),
    ]);
    expect(cyclesIn(edges)).toHaveLength(1);
  });
});
