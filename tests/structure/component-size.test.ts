// Files a newcomer can hold in their head: no component function grows past a screenful
// or three. CallForm reached 364 lines before it was split into its parts
// (app/components/call-form/); a component that passes the limit gets the same.
import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { sourceFiles } from "./import-graph";

const MAX_LINES = 250;

/** Components (capitalised functions, declared or assigned) and their length in lines. */
function componentLengths(file: string, code = readFileSync(file, "utf8")): { name: string; lines: number }[] {
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const lines = (node: ts.Node) =>
    source.getLineAndCharacterOfPosition(node.end).line - source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
  const out: { name: string; lines: number }[] = [];
  for (const s of source.statements) {
    if (ts.isFunctionDeclaration(s) && s.name && /^[A-Z]/.test(s.name.text)) out.push({ name: s.name.text, lines: lines(s) });
    if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && /^[A-Z]/.test(d.name.text) && d.initializer && ts.isArrowFunction(d.initializer)) {
          out.push({ name: d.name.text, lines: lines(d.initializer) });
        }
      }
    }
  }
  return out;
}

describe("component size", () => {
  it(`no component in app/ is longer than ${MAX_LINES} lines`, () => {
    const files = sourceFiles("app").filter((f) => f.endsWith(".tsx") && !f.endsWith(".test.tsx"));
    const long = files.flatMap((f) =>
      componentLengths(f)
        .filter((c) => c.lines > MAX_LINES)
        .map((c) => `${path.relative(".", f)}: ${c.name} has ${c.lines} lines`),
    );
    expect(files.length).toBeGreaterThan(30);
    expect(long).toEqual([]);
  });

  it("measures declared and arrow components", () => {
    const body = Array.from({ length: 300 }, () => "  x();").join("\n");
    const code = `export function Big() {\n${body}\n}\nconst Small = () => null;\nfunction helper() {}\n`;
    expect(componentLengths("x.tsx", code)).toEqual([
      { name: "Big", lines: 302 },
      { name: "Small", lines: 1 },
    ]);
  });
});
