// Disables the demo users in the database DATABASE_URL (or DATA_DIR) points to, so a
// database that once ran the demo can serve production. Audited as the system.
import { parseEnv } from "../app/env.server";
import { disableDemoUsers } from "../app/auth/demo-users.server";
import { audit } from "../app/utils/audit.server";
import { openFromEnv } from "./lib/database";

const handle = await openFromEnv(parseEnv(process.env));
try {
  const n = await handle.db.transaction(async (tx) => {
    const disabled = await disableDemoUsers(tx);
    await audit(tx, { userId: null, role: "system", requestId: "disable-demo-users" }, {
      action: "user.demo-disabled",
      entityType: "user",
      after: { disabled },
    });
    return disabled;
  });
  console.log(`${n} demobrugere er deaktiveret.`);
} finally {
  await handle.close();
}
