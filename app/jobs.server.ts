// Background work inside the app process, started by server.ts after listen and
// stopped on SIGTERM before the database closes.
import { closeDb } from "./db.server";

type Job = { stop: () => Promise<void> };
const running: Job[] = [];

export async function startBackgroundJobs() {
  // The mail dispatcher registers here (app/mail/dispatcher.server.ts).
}

export async function shutdown() {
  await Promise.all(running.splice(0).map((j) => j.stop()));
  await closeDb();
}
