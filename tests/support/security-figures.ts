// Tests that try attacks record what they tried, one JSON file per area under
// .cache/security/; scripts/security-summary.ts prints them at the end of `npm test` and
// fails the run on any violation or a missing area. Call it after the attempts, with the
// violations counted (not only asserted), so the summary shows what a failure was.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

export type SecurityUnit = "requests" | "payloads" | "faults";

export type SecurityFigures = {
  /** File name and row label: lower-case words with dashes ("access-matrix", "sign-in-lockout"). */
  area: string;
  tried: number;
  unit: SecurityUnit;
  violations: number;
  /** What was tried, in a line ("12 routes × 5 roles, GET and POST"). */
  detail: string;
};

export const SECURITY_FIGURES_DIR = path.resolve(".cache/security");

/** Writes .cache/security/<area>.json (replacing an earlier run's file for the same area). */
export function recordSecurityFigures(figures: SecurityFigures) {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(figures.area)) throw new Error(`Bad security area name: ${figures.area}`);
  if (!Number.isInteger(figures.tried) || !Number.isInteger(figures.violations)) throw new Error("Figures must be integers");
  mkdirSync(SECURITY_FIGURES_DIR, { recursive: true });
  writeFileSync(path.join(SECURITY_FIGURES_DIR, `${figures.area}.json`), JSON.stringify(figures, null, 2) + "\n");
}

/**
 * A running count for an area spread over several tests of one file: `add` in each test,
 * `record` in afterAll (so a failed test still leaves its figures, violations included).
 */
export function securityTally(area: string, unit: SecurityUnit, detail: string) {
  let tried = 0;
  let violations = 0;
  return {
    add(n: number, violated = 0) {
      tried += n;
      violations += violated;
    },
    record(extraDetail?: string) {
      recordSecurityFigures({ area, unit, tried, violations, detail: extraDetail ? `${detail}; ${extraDetail}` : detail });
    },
  };
}
