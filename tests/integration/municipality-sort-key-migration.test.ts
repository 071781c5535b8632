// Migration 0016 (decision 028) on a database that already has municipalities: each gets
// the sort key of its name, a name the migration does not know gets lower(name) (the
// column is NOT NULL after it), and the start-up sync then puts that one right.
import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { expect, it } from "vitest";
import * as schema from "#db/schema";
import type { Database } from "#db/client";
import { syncMunicipalitySortKeys } from "~/domain/municipalities/sort-keys.server";
import { danishSortKey } from "~/utils/danish-sort-key";

const folder = "db/migrations";
const journal = JSON.parse(readFileSync(`${folder}/meta/_journal.json`, "utf8")) as { entries: { idx: number; tag: string }[] };
const sqlOf = (tag: string) => readFileSync(`${folder}/${tag}.sql`, "utf8");

it("fills the sort key of existing municipalities, and the start-up sync corrects a name it did not know", async () => {
  const target = journal.entries.find((e) => e.tag.endsWith("_municipality_sort_key"));
  expect(target).toBeDefined();
  const pg = new PGlite();
  for (const e of journal.entries.filter((e) => e.idx < target!.idx)) await pg.exec(sqlOf(e.tag));
  await pg.exec(`
    INSERT INTO municipalities (code, name, official_name, region) VALUES
      ('0580', 'Aabenraa', 'Aabenraa Kommune', 'Syddanmark'),
      ('0492', 'Ærø', 'Ærø Kommune', 'Syddanmark'),
      ('0999', 'Åby Prøve', 'Åby Prøve Kommune', 'Sjælland');
  `);
  await pg.exec(sqlOf(target!.tag));
  const keys = async () =>
    Object.fromEntries(
      (await pg.query<{ code: string; sort_key: string }>("SELECT code, sort_key FROM municipalities ORDER BY code")).rows.map((r) => [
        r.code,
        r.sort_key,
      ]),
    );
  expect(await keys()).toEqual({ "0492": danishSortKey("Ærø"), "0580": danishSortKey("Aabenraa"), "0999": "åby prøve" });
  await expect(pg.exec("INSERT INTO municipalities (code, name, official_name, region) VALUES ('0998', 'X', 'X', 'Y')")).rejects.toThrow(/sort_key/);

  const db = drizzle(pg, { schema }) as unknown as Database;
  expect(await syncMunicipalitySortKeys(db)).toBe(1);
  expect((await keys())["0999"]).toBe(danishSortKey("Åby Prøve"));
  expect(await syncMunicipalitySortKeys(db)).toBe(0);
  // Ærø before Aabenraa (æ before å) in SQL order, by the key's bytes.
  const ordered = (await pg.query<{ name: string }>("SELECT name FROM municipalities ORDER BY sort_key")).rows.map((r) => r.name);
  expect(ordered).toEqual(["Ærø", "Aabenraa", "Åby Prøve"]);
  await pg.close();
}, 90_000); // a fresh PGlite through 17 migrations: slow on a loaded machine
