// Mail to the municipality about its accounts, written in the caller's transaction.
import { and, eq } from "drizzle-orm";
import type { Tx } from "#db/client";
import { applications, memberships, municipalities, users } from "#db/schema";
import { referenceNumber } from "~/domain/applications/reference";
import { getEnv } from "~/env.server";
import { enqueueEmail } from "~/mail/outbox.server";
import { formatDate } from "~/utils/dates";
import { formatOre } from "~/utils/money";
import { accountsDecisionEmail } from "../../../emails/accounts-decision";

type GrantRef = { id: number; municipalityCode: string; applicationId: number };

export type AccountsNotice =
  | { kind: "returned"; reason: string }
  | { kind: "approved"; claimOre: bigint; explanation: string[] }
  | { kind: "repaid"; claimOre: bigint; paidOn: string };

export async function notifyAccountsDecision(tx: Tx, grant: GrantRef, notice: AccountsNotice) {
  const [app] = await tx
    .select({ id: applications.id, submittedAt: applications.submittedAt, createdAt: applications.createdAt })
    .from(applications)
    .where(eq(applications.id, grant.applicationId));
  const [m] = await tx.select({ name: municipalities.officialName }).from(municipalities).where(eq(municipalities.code, grant.municipalityCode));
  const to = await tx
    .select({ email: users.email, name: users.name })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(and(eq(memberships.municipalityCode, grant.municipalityCode), eq(users.status, "active")));
  const decision =
    notice.kind === "returned"
      ? notice
      : notice.kind === "approved"
        ? { kind: "approved" as const, claim: notice.claimOre > 0n ? formatOre(notice.claimOre) : null, explanation: notice.explanation }
        : { kind: "repaid" as const, amount: formatOre(notice.claimOre), paidOn: formatDate(notice.paidOn) };
  const seen = new Set<string>();
  for (const r of to) {
    const email = r.email.toLowerCase();
    if (seen.has(email)) continue;
    seen.add(email);
    const mail = accountsDecisionEmail({
      name: r.name.trim() || m!.name,
      municipalityName: m!.name,
      grantRef: referenceNumber(app!),
      link: `${getEnv().APP_ORIGIN}/grants/${grant.id}/accounts`,
      decision,
    });
    await enqueueEmail(tx, { ...mail, to: email, template: `accounts-${notice.kind}` });
  }
}
