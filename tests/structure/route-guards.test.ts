// In the spirit of funding-service's test_all_routes_access.py: every route module's
// loader and action starts with a guard from app/auth/guards.server.ts, or is on the
// public list below with the reason it may be reached signed out. A new route without
// either fails here in a second, before any build or browser.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROUTES_DIR = "app/routes";
const GUARDS_FILE = "app/auth/guards.server.ts";

/** Route id (file name without extension, or "root") → handlers that need no sign-in, and why. */
const PUBLIC: Record<string, Partial<Record<"loader" | "action", string>>> = {
  root: { loader: "the layout renders for everyone; it reads the actor only to draw the menu" },
  login: { loader: "the sign-in page", action: "signing in" },
  logout: { loader: "a redirect home", action: "signing out ends whatever session there is" },
  "forgot-password": { loader: "asking for a reset mail", action: "asking for a reset mail" },
  "reset-password.$token": { loader: "the mailed token is the credential", action: "the mailed token is the credential" },
  "invitation.$token": { loader: "the mailed token is the credential", action: "the mailed token is the credential" },
  "auth.oidc.login": { loader: "starts single sign-on (404 when not configured)" },
  "auth.oidc.callback": { loader: "the identity provider's answer is the credential" },
  "auth.saml.login": { loader: "starts single sign-on (404 when not configured)" },
  "auth.saml.acs": { loader: "GET is always 404", action: "the signed assertion is the credential" },
  "auth.saml.metadata": { loader: "public SAML metadata the identity provider reads" },
  "hvem-fik-hvad": { loader: "open grant data for everyone (decision 022): publicGrantScope, a column whitelist, no actor" },
  "hvem-fik-hvad[.]json": { loader: "the open grant data as 360Giving JSON, public like its page (decision 022)" },
  "hvem-fik-hvad[.]csv": { loader: "the open grant data as 360Giving CSV, public like its page (decision 022)" },
};

/** The guards: every `require…` function guards.server.ts exports (read from the file, not listed here). */
function guardNames(): Set<string> {
  const source = ts.createSourceFile(GUARDS_FILE, readFileSync(GUARDS_FILE, "utf8"), ts.ScriptTarget.Latest, true);
  const names = new Set<string>();
  for (const s of source.statements) {
    const exported = ts.canHaveModifiers(s) && ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (exported && ts.isFunctionDeclaration(s) && s.name && /^require[A-Z]/.test(s.name.text)) names.add(s.name.text);
  }
  return names;
}

type Handler = { name: "loader" | "action"; firstStatement: ts.Statement | ts.Expression | undefined; source: ts.SourceFile };

function handlersOf(file: string): Handler[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const out: Handler[] = [];
  const add = (name: string, body: ts.ConciseBody | undefined) => {
    if (name !== "loader" && name !== "action") return;
    const firstStatement = body && ts.isBlock(body) ? body.statements[0] : body;
    out.push({ name, firstStatement, source });
  };
  for (const s of source.statements) {
    const exported = ts.canHaveModifiers(s) && ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    if (ts.isFunctionDeclaration(s) && s.name) add(s.name.text, s.body);
    if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        if (!ts.isIdentifier(d.name) || !d.initializer) continue;
        const init = d.initializer;
        if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) add(d.name.text, init.body);
        // Anything else (a re-used handler, a wrapper call) cannot be checked here: say so.
        else add(d.name.text, undefined);
      }
    }
    if (ts.isExportDeclaration(s) && s.exportClause && ts.isNamedExports(s.exportClause)) {
      for (const e of s.exportClause.elements) add(e.name.text, undefined);
    }
  }
  return out;
}

/** `await requireX(…)`, `const a = await requireX(…)`: the call the statement starts with. */
function calledGuard(statement: ts.Statement | ts.Expression | undefined, guards: Set<string>): string | null {
  if (!statement) return null;
  let expr: ts.Expression | undefined;
  if (!ts.isStatement(statement)) expr = statement;
  else if (ts.isExpressionStatement(statement)) expr = statement.expression;
  else if (ts.isVariableStatement(statement)) expr = statement.declarationList.declarations[0]?.initializer;
  if (expr && ts.isAwaitExpression(expr)) expr = expr.expression;
  if (expr && ts.isCallExpression(expr) && ts.isIdentifier(expr.expression) && guards.has(expr.expression.text)) {
    return expr.expression.text;
  }
  return null;
}

function routeModules(): { id: string; file: string }[] {
  const routes = readdirSync(ROUTES_DIR)
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
    .map((f) => ({ id: f.replace(/\.tsx?$/, ""), file: path.join(ROUTES_DIR, f) }));
  return [{ id: "root", file: "app/root.tsx" }, ...routes];
}

describe("route guards", () => {
  const guards = guardNames();

  it("finds the guards and the route modules", () => {
    expect([...guards]).toEqual(expect.arrayContaining(["requireActor", "requirePermission"]));
    expect(routeModules().length).toBeGreaterThan(20);
  });

  it("every loader and action starts with a guard, or is on the public list", () => {
    const unguarded: string[] = [];
    for (const { id, file } of routeModules()) {
      for (const h of handlersOf(file)) {
        if (PUBLIC[id]?.[h.name]) continue;
        if (!calledGuard(h.firstStatement, guards)) {
          const line = h.firstStatement ? h.firstStatement.getText(h.source).split("\n")[0] : "(no body to read)";
          unguarded.push(`${file}: ${h.name} starts with ${line}`);
        }
      }
    }
    expect(unguarded).toEqual([]);
  });

  it("the public list names only handlers that exist and have no guard", () => {
    const modules = new Map(routeModules().map((r) => [r.id, r.file]));
    const stale: string[] = [];
    for (const [id, handlers] of Object.entries(PUBLIC)) {
      const file = modules.get(id);
      for (const name of Object.keys(handlers)) {
        const h = file ? handlersOf(file).find((x) => x.name === name) : undefined;
        if (!h) stale.push(`${id}.${name}: no such handler`);
        else if (calledGuard(h.firstStatement, guards)) stale.push(`${id}.${name}: has a guard, drop it from the list`);
      }
    }
    expect(stale).toEqual([]);
  });

  it("a handler that reads the form before the guard is caught", () => {
    const source = ts.createSourceFile(
      "x.ts",
      "async function action({ request }) { const f = await request.formData(); await requireActor(request); }",
      ts.ScriptTarget.Latest,
      true,
    );
    const fn = source.statements[0] as ts.FunctionDeclaration;
    expect(calledGuard(fn.body!.statements[0], guards)).toBeNull();
    expect(calledGuard(fn.body!.statements[1], guards)).toBe("requireActor");
  });
});
