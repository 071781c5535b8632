// Checks before the server takes requests: a refusal here stops the start with a message.
import { refuseDemoUsersInProduction } from "./auth/demo-users.server";
import { getDb } from "./db.server";
import { syncMunicipalitySortKeys } from "./domain/municipalities/sort-keys.server";
import { getEnv } from "./env.server";

export async function checkStartup() {
  const db = await getDb();
  await refuseDemoUsersInProduction(db, getEnv());
  await syncMunicipalitySortKeys(db);
}
