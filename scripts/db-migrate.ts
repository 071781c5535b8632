// npm run db:migrate: apply the drizzle migrations to the configured database.
import { parseEnv } from "../app/env.server";
import { describeTarget, openFromEnv } from "./lib/database";

const env = parseEnv(process.env);
const handle = await openFromEnv(env);
try {
  console.log(`Migrerer ${describeTarget(env)} …`);
  await handle.migrate();
  console.log("Migreringer er kørt.");
} finally {
  await handle.close();
}
