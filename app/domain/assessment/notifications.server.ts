// Mail to the municipality about its application, written in the caller's transaction.
import { and, eq } from "drizzle-orm";
import type { Tx } from "#db/client";
import { calls, memberships, municipalities, users } from "#db/schema";
import { referenceNumber } from "~/domain/applications/applications.server";
import { getEnv } from "~/env.server";
import { enqueueEmail } from "~/mail/outbox.server";
import { applicationReopenedEmail } from "../../../emails/application-reopened";

type ApplicationRef = {
  id: number;
  callId: number;
  municipalityCode: string;
  contactEmail: string;
  contactName: string;
  submittedAt: Date | null;
  createdAt: Date;
};

/** The municipality's active users and the application's contact person, each once, with the name to greet. */
async function recipients(tx: Tx, app: ApplicationRef): Promise<{ email: string; name: string }[]> {
  const rows = await tx
    .select({ email: users.email, name: users.name })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(and(eq(memberships.municipalityCode, app.municipalityCode), eq(users.status, "active")));
  const byEmail = new Map<string, string>();
  for (const r of [...rows, { email: app.contactEmail, name: app.contactName }]) {
    const email = r.email.toLowerCase();
    if (email.includes("@") && !byEmail.has(email)) byEmail.set(email, r.name.trim());
  }
  return [...byEmail].map(([email, name]) => ({ email, name }));
}

export async function notifyReopened(tx: Tx, app: ApplicationRef, reason: string) {
  const [ctx] = await tx
    .select({ callTitle: calls.title, municipalityName: municipalities.officialName })
    .from(calls)
    .innerJoin(municipalities, eq(municipalities.code, app.municipalityCode))
    .where(eq(calls.id, app.callId));
  for (const to of await recipients(tx, app)) {
    const mail = applicationReopenedEmail({
      name: to.name || ctx.municipalityName,
      municipalityName: ctx.municipalityName,
      callTitle: ctx.callTitle,
      reference: referenceNumber(app),
      reason,
      link: `${getEnv().APP_ORIGIN}/applications/${app.id}`,
    });
    await enqueueEmail(tx, { ...mail, to: to.email, template: "application-reopened" });
  }
}
