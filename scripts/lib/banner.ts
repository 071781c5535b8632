// The start-up box: where the portal runs and, for demo data, who can sign in.
import type { DemoLogin } from "../../db/seed/demo-content";

function table(rows: string[][]) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c])).join("  ").trimEnd());
}

export function startBanner(opts: { url: string; logins?: DemoLogin[]; password?: string; notes?: string[] }) {
  const lines = [`Puljeportal kører på ${opts.url}`];
  if (opts.logins?.length) {
    lines.push("", "Demobrugere (alle data er demodata):");
    const rows = [["E-mail", "Rolle", "Organisation"], ...opts.logins.map((l) => [l.email, l.role, l.organisation])];
    const [head, ...body] = table(rows);
    const rule = "-".repeat(Math.max(head.length, ...body.map((b) => b.length)));
    lines.push(head, rule, ...body, "", `Adgangskode for alle: ${opts.password}`);
  }
  if (opts.notes?.length) lines.push("", ...opts.notes);
  lines.push("", "Stop med Ctrl+C.");
  const width = Math.max(...lines.map((l) => l.length));
  return [
    `┌${"─".repeat(width + 2)}┐`,
    ...lines.map((l) => `│ ${l.padEnd(width)} │`),
    `└${"─".repeat(width + 2)}┘`,
  ].join("\n");
}
