// The first administrator of a production database (no demo users there): creates an
// invitation for the ministry and prints the single-use link where the person chooses
// a password. Usage: npx tsx scripts/create-admin.ts --email x@y.dk --name "Navn"
import { parseArgs } from "node:util";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { parseEnv } from "../app/env.server";
import { hashToken, newToken } from "../app/auth/tokens.server";
import { audit } from "../app/utils/audit.server";
import { formatDeadline } from "../app/utils/dates";
import { agencies, invitations, users } from "../db/schema";
import { describeTarget, openFromEnv } from "./lib/database";

const TTL_MS = 7 * 24 * 60 * 60 * 1000;

const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } } });
const input = z
  .object({
    email: z.email("--email skal være en gyldig e-mailadresse").transform((s) => s.toLowerCase()),
    name: z.string("--name mangler").trim().min(2, "--name skal være et navn"),
  })
  .safeParse(values);
if (!input.success) {
  console.error(input.error.issues.map((i) => i.message).join("\n"));
  console.error('Brug: npx tsx scripts/create-admin.ts --email navn@ministeriet.dk --name "Fornavn Efternavn"');
  process.exit(1);
}
const { email, name } = input.data;

const env = parseEnv(process.env);
const handle = await openFromEnv(env);
try {
  await handle.migrate();
  const token = newToken();
  const expiresAt = new Date(Date.now() + TTL_MS);
  const result = await handle.db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email}`);
    if (existing) return { ok: false as const, message: `Der findes allerede en bruger med ${email}.` };
    const [ministry] = await tx.select({ id: agencies.id }).from(agencies).where(eq(agencies.slug, "sm"));
    if (!ministry) return { ok: false as const, message: "Referencedata mangler: kør npm run db:seed først." };
    const [invitation] = await tx
      .insert(invitations)
      .values({ email, name, role: "admin", agencyId: ministry.id, tokenHash: hashToken(token), expiresAt })
      .returning({ id: invitations.id });
    await audit(tx, { userId: null, role: "system", requestId: "create-admin" }, {
      action: "invitation.created",
      entityType: "invitation",
      entityId: invitation.id,
      after: { email, name, role: "admin", agencyId: ministry.id, expiresAt, via: "scripts/create-admin.ts" },
    });
    return { ok: true as const };
  });
  if (!result.ok) {
    console.error(result.message);
    process.exitCode = 1;
  } else {
    console.log(`Invitation til ${name} <${email}> som administrator oprettet i ${describeTarget(env)}.`);
    console.log(`Åbn linket og vælg en adgangskode (gyldigt til ${formatDeadline(expiresAt)}):`);
    console.log(`  ${env.APP_ORIGIN}/invitation/${token}`);
  }
} finally {
  await handle.close();
}
