// A separate process racing the job runner test: opens its own pool on DATABASE_URL,
// says "ready", waits for "go" on stdin, ticks two runners through the same times, and
// prints how many runs it completed.
import { openDatabase } from "../../db/client";
import { tickThrough } from "./job-contenders";

const ticks = Number(process.argv[2] ?? 20);
const handles = await Promise.all([0, 1].map(() => openDatabase({ databaseUrl: process.env.DATABASE_URL!, maxConnections: 2 })));
process.stdout.write("ready\n");
await new Promise<void>((resolve) => process.stdin.once("data", () => resolve()));
const done = await Promise.all(handles.map((h, i) => tickThrough(h.db, `${process.pid}-${i}`, ticks)));
process.stdout.write(`done ${done[0] + done[1]}\n`);
await Promise.all(handles.map((h) => h.close()));
process.exit(0);
