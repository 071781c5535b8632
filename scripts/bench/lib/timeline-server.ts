// The server for the timeline benchmark: a fresh database with the demo data (its nine
// programmes), and with BENCH_SCALE=1 the scaled set beside it (98 programmes × 12
// milestones, scripts/bench/lib/timeline-scale.ts). Prints "READY <json>" when serving.
import { count } from "drizzle-orm";
import { advisoryProgrammes, milestones } from "../../../db/schema";
import { copenhagenDateString } from "../../../app/utils/dates";
import { serveDemo } from "../../lib/demo-server";
import { scaleProgrammes } from "./timeline-scale";

const port = Number(process.env.BENCH_PORT ?? 3223);
const scaled = process.env.BENCH_SCALE === "1";
const facts = await serveDemo({
  name: process.env.BENCH_NAME ?? "timeline_bench",
  port,
  prepare: async (db) => {
    if (scaled) return scaleProgrammes(db, copenhagenDateString(new Date()));
    const [p] = await db.select({ n: count() }).from(advisoryProgrammes);
    const [m] = await db.select({ n: count() }).from(milestones);
    return { programmes: p!.n, milestones: m!.n };
  },
});
console.log(`READY ${JSON.stringify(facts)}`);
