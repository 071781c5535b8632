// The project's import arrows, read from the source with TypeScript's own import scanner
// (static, dynamic and type imports, and re-exports), resolved to files the way the
// build resolves them (`~/` → app/, `#db/` → db/, index files, .ts/.tsx).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

export type Arrow = { from: string; to: string; specifier: string };

const EXTENSIONS = [".ts", ".tsx", "/index.ts", "/index.tsx"];

export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (/\.tsx?$/.test(entry) && !/\.d\.ts$/.test(entry)) out.push(full);
  }
  return out;
}

/** Project files resolve to a path relative to the root; packages stay as written ("react"). */
export function resolveSpecifier(from: string, specifier: string): string {
  let base: string | null = null;
  if (specifier.startsWith("~/")) base = path.join("app", specifier.slice(2));
  else if (specifier.startsWith("#db/")) base = path.join("db", specifier.slice(4));
  else if (specifier.startsWith(".")) base = path.join(path.dirname(from), specifier);
  if (base === null) return specifier;
  if (existsSync(base) && statSync(base).isFile()) return base;
  for (const ext of EXTENSIONS) if (existsSync(base + ext)) return path.normalize(base + ext);
  return base;
}

export function importsOf(file: string): Arrow[] {
  const info = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
  return info.importedFiles.map((f) => ({ from: file, to: resolveSpecifier(file, f.fileName), specifier: f.fileName }));
}

export function arrowsUnder(...dirs: string[]): Arrow[] {
  return dirs.flatMap((d) => sourceFiles(d)).flatMap(importsOf);
}

/** Cycles in a directed graph (each reported once, as the nodes in order). */
export function cyclesIn(edges: Map<string, Set<string>>): string[][] {
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const key = (c: string[]) => [...c].sort().join(",");
  const visit = (node: string, trail: string[]) => {
    const at = trail.indexOf(node);
    if (at >= 0) {
      const cycle = trail.slice(at);
      if (!seen.has(key(cycle))) {
        seen.add(key(cycle));
        cycles.push(cycle);
      }
      return;
    }
    for (const next of edges.get(node) ?? []) visit(next, [...trail, node]);
  };
  for (const node of edges.keys()) visit(node, []);
  return cycles;
}
