// Accounts (regnskab) and repayment (tilbagebetaling): one transaction per command, each
// audited; money moves only through postLedgerEntry; mail to the municipality through the
// outbox. Rules: settlement.ts (pure); statuses: accounts-status.ts; decision 019.
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Database, Tx } from "#db/client";
import { callCostCategories, grantAccountLines, grantAccounts, grantFiles, grants, payments, pools, repaymentClaims } from "#db/schema";
import type { Actor } from "~/auth/actor";
import { appNow } from "~/domain/clock/clock.server";
import { checkUpload, storeUpload } from "~/domain/files/uploads.server";
import { PDF_ONLY_MESSAGE } from "~/domain/files/upload-rules";
import { postLedgerEntry, RollbackWith, runLedgerCommand } from "~/domain/grants/ledger.server";
import { conflict, invalid, notFound, ok, refused, type Result } from "~/domain/result";
import { can } from "~/policy/permissions";
import { grantScope } from "~/policy/scopes.server";
import { audit } from "~/utils/audit.server";
import { copenhagenDateString, formatDate } from "~/utils/dates";
import { formatOre } from "~/utils/money";
import { accountsMachine, type AccountsEvent } from "./accounts-status";
import { ineligibleField, ineligibleNoteField, spentField } from "./accounts-schemas";
import { notifyAccountsDecision } from "./notifications.server";
import { accountsOpen, accountsOpenFrom, settle } from "./settlement";

const GRANT_NOT_FOUND = "Tilsagnet findes ikke.";
/** Days the municipality has to pay a repayment claim. */
export const REPAYMENT_DUE_DAYS = 30;

type GrantRow = typeof grants.$inferSelect;
type AccountsRow = typeof grantAccounts.$inferSelect;

/**
 * The grant (scoped), locked, with its pool's threshold. Commands that move money lock the
 * pool first: the ledger's lock order is pool, then grant, and the reverse could deadlock.
 */
async function lockGrant(
  tx: Tx,
  actor: Actor,
  grantId: number,
  { money = false } = {},
): Promise<{ grant: GrantRow; repaymentMinOre: bigint } | null> {
  const [visible] = await tx.select({ poolId: grants.poolId }).from(grants).where(and(eq(grants.id, grantId), grantScope(actor)));
  if (!visible) return null;
  const poolQuery = tx.select({ min: pools.repaymentMinOre }).from(pools).where(eq(pools.id, visible.poolId));
  const [pool] = money ? await poolQuery.for("update") : await poolQuery;
  const [grant] = await tx.select().from(grants).where(eq(grants.id, grantId)).for("update");
  return { grant: grant!, repaymentMinOre: BigInt(pool!.min) };
}

async function accountsOf(tx: Tx, grantId: number): Promise<AccountsRow | null> {
  const [row] = await tx.select().from(grantAccounts).where(eq(grantAccounts.grantId, grantId)).for("update");
  return row ?? null;
}

async function categoryIdsOf(tx: Tx, callId: number) {
  const rows = await tx
    .select({ id: callCostCategories.id })
    .from(callCostCategories)
    .where(eq(callCostCategories.callId, callId))
    .orderBy(asc(callCostCategories.sortOrder), asc(callCostCategories.id));
  return rows.map((r) => r.id);
}

async function today(tx: Tx) {
  return copenhagenDateString(await appNow(tx));
}

/**
 * The municipality's side: the grant accepted, the accounts window open (from the last
 * quarter of the project period), the accounts still editable. Creates the draft on first use.
 */
async function editableAccounts(
  tx: Tx,
  actor: Actor,
  grantId: number,
  event: AccountsEvent,
): Promise<Result<{ grant: GrantRow; accounts: AccountsRow | null }>> {
  const locked = await lockGrant(tx, actor, grantId);
  if (!locked) return notFound(GRANT_NOT_FOUND);
  const { grant } = locked;
  if (!can(actor, "accounts:edit", grant)) return refused("Kun kommunen kan udfylde og indsende regnskabet.");
  if (grant.status !== "accepted") return conflict("Regnskab kan kun aflægges for et accepteret tilsagn, der ikke er afsluttet.");
  if (!accountsOpen(grant.projectEnd, await today(tx)))
    return conflict(`Regnskabet kan aflægges fra projektperiodens sidste kvartal, dvs. fra ${formatDate(accountsOpenFrom(grant.projectEnd))}.`);
  const accounts = await accountsOf(tx, grantId);
  const moved = accountsMachine.transition(accounts?.status ?? "draft", event);
  if (!moved.ok) return moved;
  return ok({ grant, accounts });
}

/** The draft is created by the first save or upload (that command's audit row records it). */
async function ensureAccounts(tx: Tx, grantId: number, existing: AccountsRow | null): Promise<AccountsRow> {
  if (existing) return existing;
  const [row] = await tx.insert(grantAccounts).values({ grantId }).returning();
  return row!;
}

/** The municipality saves what was spent per budget line (cost category). */
export async function saveAccountLines(
  db: Database,
  actor: Actor,
  grantId: number,
  lines: { categoryId: number; spentOre: bigint }[],
): Promise<Result<{ accountsId: number }>> {
  return db.transaction(async (tx): Promise<Result<{ accountsId: number }>> => {
    const editable = await editableAccounts(tx, actor, grantId, "save");
    if (!editable.ok) return editable;
    const { grant } = editable.value;
    const categoryIds = await categoryIdsOf(tx, grant.callId);
    const given = new Set(lines.map((l) => l.categoryId));
    if (lines.length !== categoryIds.length || !categoryIds.every((id) => given.has(id)))
      return invalid("Udfyld beløbet for hver budgetpost.");
    const negative = lines.find((l) => l.spentOre < 0n);
    if (negative) return invalid("Beløbet kan ikke være negativt.", { [spentField(negative.categoryId)]: "Beløbet kan ikke være negativt." });
    const accounts = await ensureAccounts(tx, grantId, editable.value.accounts);
    const before = await tx.select().from(grantAccountLines).where(eq(grantAccountLines.accountsId, accounts.id));
    for (const l of lines) {
      // A corrected line is assessed afresh: the caseworker's earlier marks are cleared.
      await tx
        .insert(grantAccountLines)
        .values({ accountsId: accounts.id, categoryId: l.categoryId, spentOre: l.spentOre })
        .onConflictDoUpdate({
          target: [grantAccountLines.accountsId, grantAccountLines.categoryId],
          set: { spentOre: l.spentOre, ineligibleOre: 0n, note: "" },
        });
    }
    await tx.update(grantAccounts).set({ updatedAt: new Date(), version: accounts.version + 1 }).where(eq(grantAccounts.id, accounts.id));
    await audit(tx, actor, {
      action: "accounts.saved",
      entityType: "grant",
      entityId: grantId,
      before: before.map((l) => ({ categoryId: l.categoryId, spentOre: l.spentOre })),
      after: lines,
    });
    return ok({ accountsId: accounts.id });
  });
}

/** The auditor's statement (revisorerklæring): a PDF, checked like application attachments. */
export async function uploadAuditorStatement(
  db: Database,
  actor: Actor,
  grantId: number,
  file: File | null,
): Promise<Result<{ fileId: string; filename: string }>> {
  const checked = await checkUpload(file, { allowed: ["pdf"], typeMessage: PDF_ONLY_MESSAGE, fallbackName: "revisorerklaering" });
  if (!checked.ok) return checked;
  const upload = checked.value;
  return db.transaction(async (tx): Promise<Result<{ fileId: string; filename: string }>> => {
    const editable = await editableAccounts(tx, actor, grantId, "save");
    if (!editable.ok) return editable;
    const accounts = await ensureAccounts(tx, grantId, editable.value.accounts);
    return storeUpload(upload, async () => {
      const [row] = await tx
        .insert(grantFiles)
        .values({
          grantId,
          kind: "auditor_statement",
          filename: upload.filename,
          contentType: upload.contentType,
          sizeBytes: upload.sizeBytes,
          sha256: upload.sha256,
          storageKey: upload.storageKey,
          uploadedBy: actor.userId,
        })
        .returning();
      // The previous statement is replaced, kept as a soft-deleted row (its bytes stay for the trail).
      if (accounts.auditorStatementFileId) {
        await tx.update(grantFiles).set({ deletedAt: new Date() }).where(and(eq(grantFiles.id, accounts.auditorStatementFileId), isNull(grantFiles.deletedAt)));
      }
      await tx
        .update(grantAccounts)
        .set({ auditorStatementFileId: row!.id, updatedAt: new Date(), version: accounts.version + 1 })
        .where(eq(grantAccounts.id, accounts.id));
      await audit(tx, actor, {
        action: "accounts.statement_uploaded",
        entityType: "grant",
        entityId: grantId,
        before: accounts.auditorStatementFileId ? { fileId: accounts.auditorStatementFileId } : null,
        after: { fileId: row!.id, filename: row!.filename, sizeBytes: row!.sizeBytes, sha256: upload.sha256 },
      });
      return ok({ fileId: row!.id, filename: row!.filename });
    });
  });
}

/** The municipality submits: every line filled, the statement attached. */
export async function submitAccounts(db: Database, actor: Actor, grantId: number): Promise<Result> {
  return db.transaction(async (tx): Promise<Result> => {
    const editable = await editableAccounts(tx, actor, grantId, "submit");
    if (!editable.ok) return editable;
    const { grant, accounts } = editable.value;
    if (!accounts) return conflict("Regnskabet kan ikke indsendes endnu: Udfyld og gem beløbet for hver budgetpost. Vedhæft revisorerklæringen som PDF.");
    const categoryIds = await categoryIdsOf(tx, grant.callId);
    const lines = await tx.select().from(grantAccountLines).where(eq(grantAccountLines.accountsId, accounts.id));
    const problems: string[] = [];
    if (lines.length < categoryIds.length) problems.push("Udfyld og gem beløbet for hver budgetpost.");
    if (!accounts.auditorStatementFileId) problems.push("Vedhæft revisorerklæringen som PDF.");
    if (problems.length) return conflict(`Regnskabet kan ikke indsendes endnu: ${problems.join(" ")}`);
    const now = new Date();
    await tx
      .update(grantAccounts)
      .set({ status: "submitted", submittedBy: actor.userId, submittedAt: now, updatedAt: now, version: accounts.version + 1 })
      .where(eq(grantAccounts.id, accounts.id));
    await audit(tx, actor, {
      action: "accounts.submitted",
      entityType: "grant",
      entityId: grantId,
      before: { status: accounts.status },
      after: { status: "submitted", lines: lines.map((l) => ({ categoryId: l.categoryId, spentOre: l.spentOre })) },
    });
    return ok();
  });
}

/** The ministry's side: the accounts exist and the event is allowed from their status. */
async function decidableAccounts(tx: Tx, actor: Actor, grantId: number, event: AccountsEvent, opts: { money?: boolean } = {}) {
  const locked = await lockGrant(tx, actor, grantId, opts);
  if (!locked) return notFound(GRANT_NOT_FOUND);
  if (!can(actor, "accounts:decide")) return refused("Kun ministeriet kan behandle regnskabet.");
  const accounts = await accountsOf(tx, grantId);
  if (!accounts) return conflict("Kommunen har ikke indsendt et regnskab.");
  const moved = accountsMachine.transition(accounts.status, event);
  if (!moved.ok) return moved;
  return ok({ ...locked, accounts });
}

/** The caseworker marks part of a line as not eligible, with a note. The accounts stay submitted. */
export async function markIneligible(
  db: Database,
  actor: Actor,
  grantId: number,
  marks: { categoryId: number; ineligibleOre: bigint; note: string }[],
): Promise<Result> {
  return db.transaction(async (tx): Promise<Result> => {
    const d = await decidableAccounts(tx, actor, grantId, "assess");
    if (!d.ok) return d;
    const lines = await tx.select().from(grantAccountLines).where(eq(grantAccountLines.accountsId, d.value.accounts.id));
    const byCategory = new Map(lines.map((l) => [l.categoryId, l]));
    const errors: Record<string, string> = {};
    for (const m of marks) {
      const line = byCategory.get(m.categoryId);
      if (!line) return invalid("Ukendt budgetpost.");
      if (m.ineligibleOre > BigInt(line.spentOre))
        errors[ineligibleField(m.categoryId)] = `Beløbet kan højst være det afholdte beløb, ${formatOre(line.spentOre)}.`;
      if (m.ineligibleOre > 0n && !m.note.trim()) errors[ineligibleNoteField(m.categoryId)] = "Skriv, hvorfor beløbet ikke er støtteberettiget.";
    }
    if (Object.keys(errors).length) return invalid("Ret de markerede felter.", errors);
    for (const m of marks) {
      await tx
        .update(grantAccountLines)
        .set({ ineligibleOre: m.ineligibleOre, note: m.ineligibleOre > 0n ? m.note.trim() : "" })
        .where(and(eq(grantAccountLines.accountsId, d.value.accounts.id), eq(grantAccountLines.categoryId, m.categoryId)));
    }
    await audit(tx, actor, {
      action: "accounts.ineligible_marked",
      entityType: "grant",
      entityId: grantId,
      before: lines.map((l) => ({ categoryId: l.categoryId, ineligibleOre: l.ineligibleOre, note: l.note })),
      after: marks,
    });
    return ok();
  });
}

/** Back to the municipality with a reason; it corrects and submits again. */
export async function returnAccounts(db: Database, actor: Actor, grantId: number, reason: string): Promise<Result> {
  return db.transaction(async (tx): Promise<Result> => {
    const d = await decidableAccounts(tx, actor, grantId, "return");
    if (!d.ok) return d;
    const { grant, accounts } = d.value;
    const now = new Date();
    await tx
      .update(grantAccounts)
      .set({ status: "returned", returnReason: reason, decidedBy: actor.userId, decidedAt: now, updatedAt: now, version: accounts.version + 1 })
      .where(eq(grantAccounts.id, accounts.id));
    await audit(tx, actor, {
      action: "accounts.returned",
      entityType: "grant",
      entityId: grantId,
      before: { status: accounts.status },
      after: { status: "returned", returnReason: reason },
    });
    await notifyAccountsDecision(tx, grant, { kind: "returned", reason });
    return ok();
  });
}

export type ApprovalOutcome = { claimId: number | null; claimOre: bigint; releasedOre: bigint; closed: boolean };

/**
 * Approve: settle the grant. Committed but unpaid money is released to the pool (a
 * `cancelled` entry; unpaid payments are cancelled); a claim is raised when the total
 * is at least the pool's threshold, otherwise the grant is closed at once.
 */
export async function approveAccounts(db: Database, actor: Actor, grantId: number): Promise<Result<ApprovalOutcome>> {
  return runLedgerCommand(() =>
    db.transaction(async (tx): Promise<Result<ApprovalOutcome>> => {
      const d = await decidableAccounts(tx, actor, grantId, "approve", { money: true });
      if (!d.ok) return d;
      const { grant, accounts, repaymentMinOre } = d.value;
      if (grant.status !== "accepted") return conflict("Kun et accepteret tilsagn, der ikke er afsluttet, kan afregnes.");
      const [inFlight] = await tx
        .select({ id: payments.id })
        .from(payments)
        .where(and(eq(payments.grantId, grantId), eq(payments.status, "approved")));
      if (inFlight) return conflict("En godkendt udbetaling er endnu ikke markeret som betalt. Registrér den, før regnskabet godkendes.");
      const lines = await tx.select().from(grantAccountLines).where(eq(grantAccountLines.accountsId, accounts.id));
      const s = settle({
        paidOre: BigInt(grant.paidOre),
        committedOre: BigInt(grant.committedOre),
        lines: lines.map((l) => ({ spentOre: BigInt(l.spentOre), ineligibleOre: BigInt(l.ineligibleOre) })),
        repaymentMinOre,
      });
      if (s.owedOre > 0n)
        return conflict(
          `Kommunen har støtteberettigede udgifter for ${formatOre(s.owedOre)} mere, end der er udbetalt. Udbetal resten af tilsagnet, før regnskabet godkendes.`,
        );
      const bookedOn = await today(tx);
      const now = new Date();

      // Payments never made are cancelled; the money they would have paid returns to the pool.
      const cancelled = await tx
        .update(payments)
        .set({ status: "cancelled", updatedAt: now })
        .where(and(eq(payments.grantId, grantId), inArray(payments.status, ["planned", "prepared"])))
        .returning({ id: payments.id });
      if (s.releaseOre > 0n) {
        const released = await postLedgerEntry(tx, actor, {
          grantId,
          kind: "cancelled",
          committedDeltaOre: -s.releaseOre,
          note: "Ikke udbetalt tilsagn frigivet ved godkendt regnskab",
          bookedOn,
        });
        if (!released.ok) throw new RollbackWith(released);
      }

      let claimId: number | null = null;
      if (s.claimOre > 0n) {
        const due = new Date(`${bookedOn}T12:00:00Z`);
        due.setUTCDate(due.getUTCDate() + REPAYMENT_DUE_DAYS);
        const [claim] = await tx
          .insert(repaymentClaims)
          .values({
            grantId,
            accountsId: accounts.id,
            amountOre: s.claimOre,
            reason: s.explanation.join(" "),
            dueOn: due.toISOString().slice(0, 10),
            createdBy: actor.userId,
          })
          .returning();
        claimId = claim!.id;
      } else {
        await tx.update(grants).set({ status: "closed", closedAt: now, updatedAt: now, version: grant.version + 1 }).where(eq(grants.id, grantId));
      }
      await tx
        .update(grantAccounts)
        .set({ status: "approved", decidedBy: actor.userId, decidedAt: now, returnReason: null, updatedAt: now, version: accounts.version + 1 })
        .where(eq(grantAccounts.id, accounts.id));
      await audit(tx, actor, {
        action: "accounts.approved",
        entityType: "grant",
        entityId: grantId,
        before: { status: accounts.status, grantStatus: grant.status },
        after: {
          status: "approved",
          grantStatus: claimId ? grant.status : "closed",
          settlement: s,
          repaymentClaimId: claimId,
          cancelledPaymentIds: cancelled.map((p) => p.id),
        },
      });
      await notifyAccountsDecision(tx, grant, { kind: "approved", claimOre: s.claimOre, explanation: s.explanation });
      return ok({ claimId, claimOre: s.claimOre, releasedOre: s.releaseOre, closed: claimId === null });
    }),
  );
}

/** The repayment arrived: a `repaid` entry (paid − and committed −, back to the pool); the grant is closed. */
export async function recordRepayment(db: Database, actor: Actor, grantId: number, claimId: number, paidOn: string): Promise<Result> {
  return runLedgerCommand(() =>
    db.transaction(async (tx): Promise<Result> => {
      const locked = await lockGrant(tx, actor, grantId, { money: true });
      if (!locked) return notFound(GRANT_NOT_FOUND);
      if (!can(actor, "accounts:decide")) return refused("Kun ministeriet kan registrere en tilbagebetaling.");
      const { grant } = locked;
      const [claim] = await tx
        .select()
        .from(repaymentClaims)
        .where(and(eq(repaymentClaims.id, claimId), eq(repaymentClaims.grantId, grantId)))
        .for("update");
      if (!claim) return notFound("Kravet findes ikke.");
      if (claim.status !== "claimed") return conflict("Kravet er allerede registreret som betalt eller annulleret.");
      if (paidOn > (await today(tx))) return invalid("Datoen ligger i fremtiden.", { paidOn: "Betalingsdatoen kan ikke ligge i fremtiden." });
      const amount = BigInt(claim.amountOre);
      const entry = await postLedgerEntry(tx, actor, {
        grantId,
        kind: "repaid",
        paidDeltaOre: -amount,
        committedDeltaOre: -amount,
        repaymentClaimId: claim.id,
        note: "Tilbagebetaling efter godkendt regnskab",
        bookedOn: paidOn,
      });
      if (!entry.ok) throw new RollbackWith(entry);
      const now = new Date();
      await tx.update(repaymentClaims).set({ status: "paid", paidOn }).where(eq(repaymentClaims.id, claim.id));
      await tx.update(grants).set({ status: "closed", closedAt: now, updatedAt: now, version: grant.version + 1 }).where(eq(grants.id, grantId));
      await audit(tx, actor, {
        action: "repayment.paid",
        entityType: "grant",
        entityId: grantId,
        before: { claimId: claim.id, status: claim.status, grantStatus: grant.status },
        after: { claimId: claim.id, status: "paid", paidOn, amountOre: amount, grantStatus: "closed" },
      });
      await notifyAccountsDecision(tx, grant, { kind: "repaid", claimOre: amount, paidOn });
      return ok();
    }),
  );
}
