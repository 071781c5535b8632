// `npm start`'s build prints one line, the full log goes to a file; a failure shows the tail.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runStep } from "../../scripts/lib/build";

const noisy = "for (let i = 1; i <= 130; i++) console.log('linje ' + i); console.error('(!) Some chunks are larger than 500 kB');";

describe("a build step's output", () => {
  it("prints one line with the time taken and keeps all 130 lines and the warnings in the log", async () => {
    const logFile = path.join(mkdtempSync(path.join(tmpdir(), "pp-build-")), "build.log");
    let printed = "";
    const r = await runStep({ label: "Bygger appen", command: process.execPath, args: ["-e", noisy], logFile, write: (t) => (printed += t) });
    expect(r.ok).toBe(true);
    expect(printed).toMatch(/^Bygger appen … færdig på \d+ s \(log: .*build\.log\)\.\n$/);
    const log = readFileSync(logFile, "utf8");
    expect(log).toContain("linje 1\n");
    expect(log).toContain("linje 130\n");
    expect(log).toContain("Some chunks are larger");
  });

  it("on failure says so and shows the last lines of the log", async () => {
    const logFile = path.join(mkdtempSync(path.join(tmpdir(), "pp-build-")), "build.log");
    let printed = "";
    const r = await runStep({
      label: "Bygger appen",
      command: process.execPath,
      args: ["-e", "for (let i = 1; i <= 50; i++) console.log('linje ' + i); console.error('Fejl: x'); process.exit(2);"],
      logFile,
      write: (t) => (printed += t),
    });
    expect(r.ok).toBe(false);
    expect(printed).toMatch(/^Bygger appen … fejlede efter \d+ s\. De sidste linjer af .*build\.log:\n/);
    expect(printed).toContain("Fejl: x");
    expect(printed).not.toContain("linje 1\n");
  });
});
