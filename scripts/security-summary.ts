// The security summary at the end of `npm test`: the figures the attack and fault tests
// wrote to .cache/security/<area>.json (tests/support/security-figures.ts), as one table.
// Fails when any area counted a violation, or an expected area wrote nothing (its test
// did not run). `--reset` empties the folder at the start of the run.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

const dir = path.resolve(".cache/security");

/** Every area a full `npm test` must report; a new attack or fault test adds its area here. */
const EXPECTED_AREAS = [
  "access-matrix",
  "sign-in-lockout",
  "front-door",
  "fault-smtp-down",
  "fault-two-processes",
  "fault-partial-commands",
  "fault-scheduled-jobs",
  "input-fuzz",
];

type Figures = { area: string; tried: number; unit: "requests" | "payloads" | "faults"; violations: number; detail: string };

if (process.argv.includes("--reset")) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  process.exit(0);
}

const rows: Figures[] = existsSync(dir)
  ? readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .sort()
      .map((f) => JSON.parse(readFileSync(path.join(dir, f), "utf8")) as Figures)
  : [];
const missing = EXPECTED_AREAS.filter((a) => !rows.some((r) => r.area === a));
const total = (unit: Figures["unit"]) => rows.filter((r) => r.unit === unit).reduce((s, r) => s + r.tried, 0);
const violations = rows.reduce((s, r) => s + r.violations, 0);

const table = [["area", "tried", "unit", "violations", "what"], ...rows.map((r) => [r.area, String(r.tried), r.unit, String(r.violations), r.detail])];
const widths = table[0].map((_, i) => Math.max(...table.map((row) => (i === 4 ? 0 : row[i].length))));
const line = (row: string[]) => row.map((c, i) => (i === 1 || i === 3 ? c.padStart(widths[i]) : i === 4 ? c : c.padEnd(widths[i]))).join("  ");

console.log("\n== Security summary" + (process.env.DATABASE_URL ? " (PostgreSQL)" : " (PGlite)"));
console.log(line(table[0]));
for (const row of table.slice(1)) console.log(line(row));
console.log("");
console.log(`routes × roles and other attack requests tried: ${total("requests")}`);
console.log(`payloads tried: ${total("payloads")}`);
console.log(`faults injected: ${total("faults")}`);
console.log(`violations: ${violations}`);
if (missing.length) console.log(`missing areas (their tests did not run or did not record): ${missing.join(", ")}`);
process.exit(violations > 0 || missing.length > 0 ? 1 : 0);
