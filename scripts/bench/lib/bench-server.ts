// A server for the page benchmarks: a fresh database with the demo data plus a
// benchmark call with one submitted application from each of the 98 municipalities,
// each with a budget of 5 categories × 8 quarters. Prints "READY <json>" when serving.
import { eq } from "drizzle-orm";
import type { Database } from "../../../db/client";
import {
  applicationBudgetLines,
  applications,
  callCostCategories,
  callCriteria,
  callEligibleMunicipalities,
  calls,
  municipalities,
  pools,
  users,
  memberships,
} from "../../../db/schema";
import { copenhagenInstant, quartersBetween } from "../../../app/utils/dates";
import { serveDemo } from "../../lib/demo-server";

const port = Number(process.env.BENCH_PORT ?? 3222);
const ids = await serveDemo({ name: "bench", port, prepare: scale });
console.log(`READY ${JSON.stringify(ids)}`);

async function scale(db: Database) {
  return db.transaction(async (tx) => {
    const [pool] = await tx.select().from(pools).limit(1);
    const [call] = await tx
      .insert(calls)
      .values({
        poolId: pool.id,
        title: "Benchmark-opslag (98 ansøgninger)",
        purpose: "Skaleret testdata til målinger.",
        projectStart: "2023-01-01",
        projectEnd: "2024-12-31",
        deadline: copenhagenInstant("2022-11-07", "12:00"),
        expectedGrants: 8,
        status: "published",
        publishedAt: new Date("2022-10-01T08:00:00Z"),
      })
      .returning();
    const cats = await tx
      .insert(callCostCategories)
      .values(["Vikardækning", "Efteruddannelse", "Midlertidig ekstra bemanding", "Supervision", "Andet"].map((label, i) => ({ callId: call.id, label, sortOrder: i + 1 })))
      .returning();
    await tx.insert(callCriteria).values([
      { callId: call.id, label: "Formål", weight: 50, sortOrder: 1 },
      { callId: call.id, label: "Kvalitet", weight: 50, sortOrder: 2 },
    ]);
    const all = await tx.select().from(municipalities);
    await tx.insert(callEligibleMunicipalities).values(all.map((m) => ({ callId: call.id, municipalityCode: m.code })));
    const quarters = quartersBetween("2023-01-01", "2024-12-31");
    let firstMunicipalityApp = 0;
    for (const [i, m] of all.entries()) {
      const [app] = await tx
        .insert(applications)
        .values({
          callId: call.id,
          municipalityCode: m.code,
          status: "submitted",
          contactName: `Kontakt ${m.name}`,
          contactEmail: `kontakt${i}@example.dk`,
          contactPhone: "33 92 93 00",
          challenge: "Mange børnesager og høj personaleomsætning. ".repeat(20),
          activities: "Efteruddannelse i børnesamtaler og ledelsestilsyn. ".repeat(20),
          expectedEffect: "Bedre inddragelse og opfølgning. ".repeat(10),
          themes: ["udredning", "inddragelse"],
          requestedOre: BigInt(40 * 2_500_000),
          submittedAt: new Date("2022-11-01T10:00:00Z"),
        })
        .returning({ id: applications.id });
      if (m.code === "0360") firstMunicipalityApp = app.id;
      await tx.insert(applicationBudgetLines).values(
        cats.flatMap((c) => quarters.map((q) => ({ applicationId: app.id, categoryId: c.id, quarter: q, amountOre: 2_500_000n }))),
      );
    }
    const [lolland] = await tx
      .select({ email: users.email })
      .from(users)
      .innerJoin(memberships, eq(memberships.userId, users.id))
      .where(eq(memberships.municipalityCode, "0360"))
      .limit(1);
    return { callId: call.id, lollandApplicationId: firstMunicipalityApp, lollandEmail: lolland.email };
  });
}
