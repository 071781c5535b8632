// Municipalities sort by danishSortKey(name), stored in municipalities.sort_key
// (decision 028). The seed writes it with the name; at start the server puts right any
// key that no longer matches its name (a name changed outside the app, a key written
// by the migration's fallback, another ICU version's order): 98 rows, one read.
import { eq } from "drizzle-orm";
import type { Executor } from "#db/client";
import { municipalities } from "#db/schema";
import { danishSortKey } from "~/utils/danish-sort-key";

/** Rewrites the sort keys that differ from danishSortKey(name); returns how many. */
export async function syncMunicipalitySortKeys(db: Executor): Promise<number> {
  const rows = await db.select({ code: municipalities.code, name: municipalities.name, sortKey: municipalities.sortKey }).from(municipalities);
  let changed = 0;
  for (const r of rows) {
    const key = danishSortKey(r.name);
    if (key === r.sortKey) continue;
    await db.update(municipalities).set({ sortKey: key }).where(eq(municipalities.code, r.code));
    changed++;
  }
  return changed;
}
