// Budget changes (budgetændring): the municipality requests, the rule decides whether the
// ministry must approve first; a registered or approved change becomes the next budget
// version and the unpaid payments are planned again from it. One transaction each, with an
// audit row and the mail in the outbox. Lock: the grant row (FOR UPDATE), so two requests
// on one grant run one after the other; a partial unique index allows one pending change.
// A folder of its own: it uses the grant budget (domain/grants) and the payments
// (domain/payments, which imports grants), so it cannot live in either without a cycle.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database, Tx } from "#db/client";
import { applications, budgetChangeLines, budgetChanges, budgetVersionLines, budgetVersions, calls, memberships, municipalities, users } from "#db/schema";
import type { Actor } from "~/auth/actor";
import type { BudgetLine } from "~/domain/applications/budget";
import { noticeRecipients } from "~/domain/applications/arrival-notice.server";
import { conflict, invalid, notFound, ok, refused, type Result } from "~/domain/result";
import { getEnv } from "~/env.server";
import { enqueueEmail } from "~/mail/outbox.server";
import { can, ministryRoles } from "~/policy/permissions";
import { audit } from "~/utils/audit.server";
import { issuesToErrors } from "~/utils/form-errors";
import { budgetChangeDecidedEmail } from "../../../emails/budget-change-decided";
import { budgetChangeRequestedEmail } from "../../../emails/budget-change-requested";
import { decideBudgetChange } from "~/domain/grants/budget-change-rule";
import { budgetChangeSchema, type BudgetDecisionInput } from "~/domain/grants/budget-change-schema";
import { grantBudgetContext, versionInForce, type GrantBudgetContext } from "~/domain/grants/budget-queries.server";
import { RollbackWith, runLedgerCommand } from "~/domain/grants/ledger.server";
import { replanUnpaidPayments } from "~/domain/grants/payment-replan.server";

/**
 * The new version is in force: the unpaid payments follow it (helper `payments`), paid and
 * approved ones stay. A failure rolls the whole change back.
 */
async function replanAfterBudgetChange(tx: Tx, actor: Actor, grantId: number) {
  const replanned = await replanUnpaidPayments(tx, actor, grantId);
  if (!replanned.ok) throw new RollbackWith(replanned);
}

export const PENDING_EXISTS = "Der er allerede en budgetændring, som venter på ministeriets afgørelse. Der kan kun være én ad gangen.";

async function nextVersion(tx: Tx, actor: Actor, grantId: number, after: number, lines: BudgetLine[], note: string) {
  const [v] = await tx
    .insert(budgetVersions)
    .values({ grantId, version: after + 1, note, createdBy: actor.userId })
    .returning({ id: budgetVersions.id, version: budgetVersions.version });
  const stored = lines.filter((l) => l.amountOre > 0n);
  if (stored.length) {
    await tx.insert(budgetVersionLines).values(stored.map((l) => ({ budgetVersionId: v!.id, ...l })));
  }
  return v!;
}

/** The municipality asks for a new budget (raw form values: the grid and reason are parsed here). */
export async function requestBudgetChange(
  db: Database,
  actor: Actor,
  grantId: number,
  raw: Record<string, unknown>,
): Promise<Result<{ changeId: number; status: "registered" | "pending"; explanation: string }>> {
  if (!can(actor, "budget-change:request")) return refused("Kun kommunen kan anmode om en budgetændring.");
  return runLedgerCommand(() =>
    db.transaction(async (tx) => {
      const ctx = await grantBudgetContext(tx, actor, grantId, { lock: true });
      if (!ctx) return notFound("Tilsagnet findes ikke.");
      if (!can(actor, "budget-change:request", ctx.grant)) return refused("Kun kommunen kan anmode om en budgetændring.");
      if (ctx.grant.status !== "accepted") return conflict("Budgettet kan kun ændres på et tilsagn, som kommunen har accepteret, og som ikke er afsluttet.");
      const [pending] = await tx
        .select({ id: budgetChanges.id })
        .from(budgetChanges)
        .where(and(eq(budgetChanges.grantId, grantId), eq(budgetChanges.status, "pending")));
      if (pending) return conflict(PENDING_EXISTS);
      const current = await versionInForce(tx, grantId);
      if (!current) return conflict("Tilsagnet har endnu ikke et budget, der kan ændres.");

      const grid = { categoryIds: ctx.categories.map((c) => c.id), quarters: ctx.quarters };
      const parsed = budgetChangeSchema(grid, ctx.grant.committedOre).safeParse(raw);
      if (!parsed.success) return invalid("Ret fejlene i formularen.", issuesToErrors(parsed.error.issues));
      const { reason, fromVersion, lines } = parsed.data;
      if (fromVersion !== current.version) {
        return conflict(`Budgettet er ændret, siden siden blev hentet (version ${current.version} gælder nu). Hent siden igen, og ret ud fra det gældende budget.`);
      }
      const verdict = decideBudgetChange({
        current: current.lines,
        proposed: lines,
        thresholds: ctx.thresholds,
        committedOre: ctx.grant.committedOre,
        categories: ctx.categories,
      });
      if (!verdict.ok) return invalid(verdict.message, { budget: verdict.message });

      const status = verdict.needsApproval ? ("pending" as const) : ("registered" as const);
      const version = status === "registered" ? await nextVersion(tx, actor, grantId, current.version, lines, "Registreret budgetændring") : null;
      const [change] = await tx
        .insert(budgetChanges)
        .values({
          grantId,
          fromVersionId: current.id,
          toVersionId: version?.id ?? null,
          status,
          needsApproval: verdict.needsApproval,
          ruleExplanation: verdict.explanation,
          reason,
          requestedBy: actor.userId,
        })
        .returning();
      if (lines.length) await tx.insert(budgetChangeLines).values(lines.map((l) => ({ budgetChangeId: change!.id, ...l })));
      if (version) await tx.update(budgetVersions).set({ budgetChangeId: change!.id }).where(eq(budgetVersions.id, version.id));
      await audit(tx, actor, {
        action: status === "registered" ? "budget_change.registered" : "budget_change.requested",
        entityType: "grant",
        entityId: grantId,
        before: { version: current.version, lines: current.lines },
        after: { changeId: change!.id, status, needsApproval: verdict.needsApproval, explanation: verdict.explanation, reason, lines, toVersion: version?.version ?? null },
      });
      if (version) await replanAfterBudgetChange(tx, actor, grantId);
      await mailCaseworkers(tx, ctx, { needsApproval: verdict.needsApproval, explanation: verdict.explanation, reason, changeId: change!.id });
      return ok({ changeId: change!.id, status, explanation: verdict.explanation });
    }),
  );
}

/** The ministry approves (the next version, payments re-planned) or rejects a pending change. */
export async function decidePendingBudgetChange(
  db: Database,
  actor: Actor,
  grantId: number,
  changeId: number,
  input: BudgetDecisionInput,
): Promise<Result<{ status: "approved" | "rejected"; version: number | null }>> {
  if (!can(actor, "budget-change:decide")) return refused("Kun ministeriet kan godkende eller afvise en budgetændring.");
  return runLedgerCommand(() =>
    db.transaction(async (tx) => {
      const ctx = await grantBudgetContext(tx, actor, grantId, { lock: true });
      if (!ctx) return notFound("Tilsagnet findes ikke.");
      const [before] = await tx
        .select()
        .from(budgetChanges)
        .where(and(eq(budgetChanges.id, changeId), eq(budgetChanges.grantId, grantId)))
        .for("update");
      if (!before) return notFound("Budgetændringen findes ikke.");
      if (before.status !== "pending") return conflict("Budgetændringen er allerede afgjort.");
      const current = await versionInForce(tx, grantId);
      if (!current || current.id !== before.fromVersionId) {
        return conflict("Budgettet er ændret, siden kommunen anmodede om ændringen. Afvis den, så kommunen kan anmode igen ud fra det gældende budget.");
      }
      let version: { id: number; version: number } | null = null;
      if (input.decision === "approve") {
        const lines = (await tx.select().from(budgetChangeLines).where(eq(budgetChangeLines.budgetChangeId, changeId))).map((l) => ({
          categoryId: l.categoryId,
          quarter: l.quarter,
          amountOre: BigInt(l.amountOre),
        }));
        const total = lines.reduce((s, l) => s + l.amountOre, 0n);
        if (total !== ctx.grant.committedOre) {
          return conflict("Tilsagnets beløb er ændret, siden kommunen anmodede om ændringen, så budgettet ikke længere går op. Afvis ændringen, så kommunen kan anmode igen.");
        }
        if (ctx.grant.status !== "accepted") return conflict("Tilsagnet er ikke længere aktivt, så budgettet kan ikke ændres.");
        version = await nextVersion(tx, actor, grantId, current.version, lines, "Godkendt budgetændring");
        await tx.update(budgetVersions).set({ budgetChangeId: changeId }).where(eq(budgetVersions.id, version.id));
      }
      const status = input.decision === "approve" ? ("approved" as const) : ("rejected" as const);
      const [after] = await tx
        .update(budgetChanges)
        .set({ status, toVersionId: version?.id ?? null, decisionNote: input.note || null, decidedBy: actor.userId, decidedAt: sql`now()` })
        .where(and(eq(budgetChanges.id, changeId), eq(budgetChanges.status, "pending")))
        .returning();
      await audit(tx, actor, {
        action: status === "approved" ? "budget_change.approved" : "budget_change.rejected",
        entityType: "grant",
        entityId: grantId,
        before: { changeId, status: before.status },
        after: { changeId, status: after!.status, note: input.note, toVersion: version?.version ?? null },
      });
      if (version) await replanAfterBudgetChange(tx, actor, grantId);
      await mailMunicipality(tx, ctx, { approved: status === "approved", note: input.note });
      return ok({ status, version: version?.version ?? null });
    }),
  );
}

async function grantNames(tx: Tx, ctx: GrantBudgetContext) {
  const [row] = await tx
    .select({ callTitle: calls.title, municipalityName: municipalities.officialName, assignedTo: applications.assignedTo })
    .from(applications)
    .innerJoin(calls, eq(calls.id, applications.callId))
    .innerJoin(municipalities, eq(municipalities.code, applications.municipalityCode))
    .where(eq(applications.id, ctx.grant.applicationId));
  return row!;
}

/** The application's caseworker if one is assigned and active; else the call's caseworkers. */
async function caseworkersOf(tx: Tx, ctx: GrantBudgetContext, assignedTo: string | null) {
  if (assignedTo) {
    const [assigned] = await tx
      .select({ email: users.email, name: users.name })
      .from(users)
      .innerJoin(memberships, eq(memberships.userId, users.id))
      .where(and(eq(users.id, assignedTo), eq(users.status, "active"), inArray(memberships.role, ministryRoles)));
    if (assigned) return [assigned];
  }
  return noticeRecipients(tx, ctx.grant.callId);
}

async function mailCaseworkers(
  tx: Tx,
  ctx: GrantBudgetContext,
  change: { needsApproval: boolean; explanation: string; reason: string; changeId: number },
) {
  const names = await grantNames(tx, ctx);
  for (const to of await caseworkersOf(tx, ctx, names.assignedTo)) {
    const mail = budgetChangeRequestedEmail({
      name: to.name,
      municipalityName: names.municipalityName,
      callTitle: names.callTitle,
      needsApproval: change.needsApproval,
      explanation: change.explanation,
      reason: change.reason,
      link: `${getEnv().APP_ORIGIN}/grants/${ctx.grant.id}/budget-changes/${change.changeId}`,
    });
    await enqueueEmail(tx, { ...mail, to: to.email, template: "budget-change-requested" });
  }
}

async function mailMunicipality(tx: Tx, ctx: GrantBudgetContext, decision: { approved: boolean; note: string }) {
  const names = await grantNames(tx, ctx);
  const recipients = await tx
    .select({ email: users.email, name: users.name })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(and(eq(memberships.municipalityCode, ctx.grant.municipalityCode), eq(memberships.role, "municipality"), eq(users.status, "active")));
  for (const to of recipients) {
    const mail = budgetChangeDecidedEmail({
      name: to.name || names.municipalityName,
      municipalityName: names.municipalityName,
      callTitle: names.callTitle,
      approved: decision.approved,
      note: decision.note,
      link: `${getEnv().APP_ORIGIN}/grants/${ctx.grant.id}`,
    });
    await enqueueEmail(tx, { ...mail, to: to.email, template: "budget-change-decided" });
  }
}
