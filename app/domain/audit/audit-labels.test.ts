// Every action code a command writes has a Danish label on the audit page: a new
// command without one would show its raw code to the ministry.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { actionLabel } from "./audit-filters";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

const codes = new Set<string>();
for (const file of [...sourceFiles("app"), ...sourceFiles("db/seed")]) {
  for (const m of readFileSync(file, "utf8").matchAll(/action: "([a-z_.-]+\.[a-z_.-]+)"/g)) codes.add(m[1]);
}

describe("audit action labels", () => {
  it("finds the action codes the commands write", () => {
    expect(codes.size).toBeGreaterThan(20);
    expect(codes).toContain("application.submitted");
  });

  it.each([...codes].sort())("%s has a Danish label", (code) => {
    expect(actionLabel(code)).toEqual(expect.any(String));
  });
});
