// Nothing of the database schema reaches the browser. Pages once imported their
// constants from the schema and shipped drizzle with every table definition
// (password_hash and token_hash included). The names come from the drizzle schema
// itself, so a new table or column is checked the day it is added.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { is } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import * as schema from "../../db/schema/index";

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** Every table's SQL name and its columns' SQL names. */
function schemaNames(): { table: string; names: string[] }[] {
  return Object.values(schema)
    .filter((v) => is(v, PgTable))
    .map((t) => {
      const config = getTableConfig(t as PgTable);
      return { table: config.name, names: [config.name, ...config.columns.map((c) => c.name)] };
    });
}

const word = (name: string) => new RegExp(`(?<![A-Za-z0-9_])${name}(?![A-Za-z0-9_])`);

/**
 * Single-word names ("id", "label", "day", "title", "status", "calls") are skipped:
 * they are also HTML tag names in React's output (<label>), date-fns' units ("day",
 * "quarter"), the route manifest's keys and paths ("id", "calls") and the pages' own
 * form field names, so finding one says nothing about the schema. The test prints them.
 * Multi-word names (password_hash, call_cost_categories) are all checked, and so are
 * the markers drizzle puts on every table object, which find a shipped table even when
 * all its names are single words (agencies: id, slug, name, kind).
 */
test("no file under build/client holds a table or column name of the schema", () => {
  const files = filesUnder(path.join("build", "client"));
  expect(files.length, "build/client is empty: run npm run build").toBeGreaterThan(0);
  const tables = schemaNames();
  expect(tables.length).toBeGreaterThan(15);

  const all = [...new Set(tables.flatMap((t) => t.names))];
  const multiWord = all.filter((n) => n.includes("_"));
  const singleWord = all.filter((n) => !n.includes("_"));
  // The symbols drizzle puts on every table object ("drizzle:Name", "drizzle:Columns", …).
  const markers = Object.getOwnPropertySymbols(schema.users)
    .map((s) => s.description ?? "")
    .filter((d) => d.startsWith("drizzle:"));
  expect(markers).toContain("drizzle:Name");
  expect(multiWord).toEqual(expect.arrayContaining(["password_hash", "token_hash"]));

  const found: string[] = [];
  for (const file of files) {
    const text = readFileSync(file).toString("latin1");
    for (const marker of markers) if (text.includes(marker)) found.push(`${file}: drizzle's table marker "${marker}"`);
    for (const name of multiWord) if (word(name).test(text)) found.push(`${file}: ${name}`);
  }
  console.log(
    `client bundle: ${files.length} files, ${multiWord.length} multi-word names and ${markers.length} drizzle markers checked; ` +
      `single words skipped: ${singleWord.sort().join(", ")}`,
  );
  expect(found).toEqual([]);
});
