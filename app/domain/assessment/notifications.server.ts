// Mail to the municipality about its application, written in the caller's transaction.
import { and, eq } from "drizzle-orm";
import type { Tx } from "#db/client";
import { calls, memberships, municipalities, users } from "#db/schema";
import { referenceNumber } from "~/domain/applications/applications.server";
import { getEnv } from "~/env.server";
import { enqueueEmail } from "~/mail/outbox.server";
import { applicationReopenedEmail } from "../../../emails/application-reopened";

type ApplicationRef = { id: number; callId: number; municipalityCode: string; contactEmail: string };

/** The municipality's active users and the application's contact person, each once. */
async function recipients(tx: Tx, app: ApplicationRef) {
  const rows = await tx
    .select({ email: users.email })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(and(eq(memberships.municipalityCode, app.municipalityCode), eq(users.status, "active")));
  const all = [...rows.map((r) => r.email), app.contactEmail].filter((e) => e.includes("@")).map((e) => e.toLowerCase());
  return [...new Set(all)];
}

export async function notifyReopened(tx: Tx, app: ApplicationRef, reason: string) {
  const [ctx] = await tx
    .select({ callTitle: calls.title, deadline: calls.deadline, municipalityName: municipalities.name })
    .from(calls)
    .innerJoin(municipalities, eq(municipalities.code, app.municipalityCode))
    .where(eq(calls.id, app.callId));
  const mail = applicationReopenedEmail({
    municipalityName: ctx.municipalityName,
    callTitle: ctx.callTitle,
    reference: referenceNumber(app, ctx),
    reason,
    link: `${getEnv().APP_ORIGIN}/applications/${app.id}`,
  });
  for (const to of await recipients(tx, app)) {
    await enqueueEmail(tx, { ...mail, to, template: "application-reopened" });
  }
}
