// A server for the page benchmarks: a fresh database with the demo data plus a
// benchmark call with one submitted application from each of the 98 municipalities,
// each with a budget of 5 categories × 8 quarters. Prints "READY <json>" when serving.
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { eq } from "drizzle-orm";
import { openDatabase, type Database } from "../../../db/client";
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
import { seedDemo } from "../../../db/seed/demo";
import { copenhagenInstant, quartersBetween } from "../../../app/utils/dates";

const port = Number(process.env.BENCH_PORT ?? 3222);
const root = path.resolve(".cache/bench");
rmSync(root, { recursive: true, force: true });
mkdirSync(root, { recursive: true });

let databaseUrl = process.env.DATABASE_URL;
if (databaseUrl) {
  const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe("DROP DATABASE IF EXISTS pp_bench WITH (FORCE)");
  await admin.unsafe("CREATE DATABASE pp_bench");
  await admin.end();
  const u = new URL(databaseUrl);
  u.pathname = "/pp_bench";
  databaseUrl = u.toString();
  process.env.DATABASE_URL = databaseUrl;
} else {
  process.env.DATA_DIR = path.join(root, "pglite");
}
process.env.UPLOAD_DIR = path.join(root, "uploads");
process.env.SESSION_SECRET ??= "bench-secret-bench-secret-bench-secret";
process.env.APP_ORIGIN = `http://localhost:${port}`;
process.env.JOBS = "0";

const h = await openDatabase({ databaseUrl, dataDir: process.env.DATA_DIR });
await h.migrate();
process.env.NODE_ENV = "test";
await seedDemo(h.db);
const ids = await scale(h.db);
await h.close();
process.env.NODE_ENV = "production";

const { startServer } = await import("../../../server");
const { close } = await startServer({ port, host: "127.0.0.1" });
console.log(`READY ${JSON.stringify(ids)}`);
process.on("SIGTERM", () => void close().finally(() => process.exit(0)));

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
