// npm run db:seed: migrate, then seed an empty database (demo data outside production).
import { parseEnv } from "../app/env.server";
import { describeTarget, firstAdminHint, openFromEnv, seedWhenEmpty } from "./lib/database";

const env = parseEnv(process.env);
const handle = await openFromEnv(env);
try {
  console.log(`Migrerer ${describeTarget(env)} …`);
  await handle.migrate();
  const outcome = await seedWhenEmpty(handle.db, { production: env.NODE_ENV === "production", log: console.log });
  if (outcome === "reference") console.log(firstAdminHint);
} finally {
  await handle.close();
}
