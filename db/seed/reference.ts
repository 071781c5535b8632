// Reference data every database needs: the 98 municipalities, the agencies and the pool.
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import type { Executor } from "../client";
import { agencies, municipalities, pools } from "../schema";
import { seedProgrammeReference } from "./programme-reference";
import { danishSortKey } from "../../app/utils/danish-sort-key";

export const AGENCIES = [
  { slug: "sm", name: "Social- og Boligministeriet", kind: "ministry" as const },
  { slug: "sbst", name: "Social- og Boligstyrelsen", kind: "agency" as const },
  { slug: "ast", name: "Ankestyrelsen", kind: "agency" as const },
];

export const POOL = {
  name: "Ekstra hjælp til kommuner med mange børnesager",
  financeLine: "§ 15.26.35.10",
  totalOre: 1_430_000_000n, // 14,3 mio. kr.
  // Demo data: no public source gives the pool's own start date; 1 September 2022 is
  // chosen to lie before the call's publication (3 October 2022).
  startsOn: "2022-09-01",
  endsOn: "2025-09-30", // the initiative is expected to end in Q3 2025
  initiativeEndsOn: "2025-09-30",
};

export function readMunicipalities(): { code: string; name: string; officialName: string; region: string; sortKey: string }[] {
  const file = new URL("./data/municipalities.csv", import.meta.url);
  const rows = parse(readFileSync(file), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    officialName: r.official_name,
    region: r.region,
    sortKey: danishSortKey(r.name),
  }));
}

export async function seedReference(db: Executor) {
  await db.insert(municipalities).values(readMunicipalities()).onConflictDoNothing();
  await db.insert(agencies).values(AGENCIES).onConflictDoNothing();
  await seedProgrammeReference(db);
  const [existing] = await db.select({ id: pools.id }).from(pools).limit(1);
  if (existing) return existing.id;
  const [pool] = await db.insert(pools).values(POOL).returning({ id: pools.id });
  return pool.id;
}
