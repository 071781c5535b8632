// Checks before the server takes requests: a refusal here stops the start with a message.
import { refuseDemoUsersInProduction } from "./auth/demo-users.server";
import { getDb } from "./db.server";
import { getEnv } from "./env.server";

export async function checkStartup() {
  await refuseDemoUsersInProduction(await getDb(), getEnv());
}
