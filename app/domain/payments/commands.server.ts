// Payment commands: prepare → approve (another person) → paid (ledger entry), the hold,
// and corrections of paid payments. Each is one transaction that locks the grant row
// first and then the payment (the same order as replanUnpaidPayments), so two "mark paid"
// at once queue on the grant: the second sees the payment paid and is refused.
import { and, eq, sql } from "drizzle-orm";
import type { Database, Tx } from "#db/client";
import { grantLedgerEntries, grants, payments } from "#db/schema";
import type { Actor } from "~/auth/actor";
import { postLedgerEntry, RollbackWith, runLedgerCommand } from "~/domain/grants/ledger.server";
import { conflict, notFound, ok, refused, type Result } from "~/domain/result";
import { can } from "~/policy/permissions";
import { grantScope } from "~/policy/scopes.server";
import { audit } from "~/utils/audit.server";
import { formatOre } from "~/utils/money";
import { FOUR_EYES_MESSAGE, holdMessage, paymentMachine, type PaymentEvent } from "./payment-status";
import { replanUnpaidPayments } from "~/domain/grants/payment-replan.server";

// Literal codes, so the audit-label test finds them.
const MOVE_AUDIT = {
  prepare: { action: "payment.prepared" },
  approve: { action: "payment.approved" },
  return: { action: "payment.returned" },
} as const;

type PaymentRef = { paymentId: number; grantId: number };
const NOT_FOUND = "Udbetalingen findes ikke.";

/** Lock the grant (in the actor's scope), then the payment. */
async function lockPayment(tx: Tx, actor: Actor, paymentId: number, grantId?: number) {
  const [ref] = await tx
    .select({ grantId: payments.grantId })
    .from(payments)
    .innerJoin(grants, eq(grants.id, payments.grantId))
    .where(and(eq(payments.id, paymentId), grantScope(actor), grantId === undefined ? undefined : eq(payments.grantId, grantId)));
  if (!ref) return null;
  const [grant] = await tx.select().from(grants).where(eq(grants.id, ref.grantId)).for("update");
  const [payment] = await tx.select().from(payments).where(eq(payments.id, paymentId)).for("update");
  return grant && payment ? { grant, payment } : null;
}

async function move(
  db: Database,
  actor: Actor,
  paymentId: number,
  event: Exclude<PaymentEvent, "markPaid">,
  grantId?: number,
): Promise<Result<PaymentRef>> {
  const permission = event === "approve" ? "payment:approve" : "payment:manage";
  if (!can(actor, permission)) return refused("Du har ikke adgang til at behandle udbetalinger.");
  return db.transaction(async (tx): Promise<Result<PaymentRef>> => {
    const locked = await lockPayment(tx, actor, paymentId, grantId);
    if (!locked) return notFound(NOT_FOUND);
    const { grant, payment } = locked;
    const moved = paymentMachine.transition(payment.status, event);
    if (!moved.ok) return moved;
    if (event !== "return") {
      if (grant.status !== "accepted") return conflict("Der kan kun udbetales til et accepteret tilsagn.");
      if (grant.paymentHoldReason) return conflict(holdMessage(grant.paymentHoldReason));
    }
    if (event === "approve" && payment.preparedBy === actor.userId) return refused(FOUR_EYES_MESSAGE);
    const now = new Date();
    const set =
      event === "prepare"
        ? { preparedBy: actor.userId, preparedAt: now }
        : event === "approve"
          ? { approvedBy: actor.userId, approvedAt: now }
          : { preparedBy: null, preparedAt: null };
    const [after] = await tx
      .update(payments)
      .set({ ...set, status: moved.value, version: payment.version + 1, updatedAt: now })
      .where(eq(payments.id, paymentId))
      .returning();
    await audit(tx, actor, {
      ...MOVE_AUDIT[event],
      entityType: "payment",
      entityId: paymentId,
      before: { status: payment.status, amountOre: payment.amountOre },
      after: { status: after!.status, amountOre: after!.amountOre, quarter: after!.quarter, grantId: grant.id },
    });
    return ok({ paymentId, grantId: grant.id });
  });
}

/** `grantId`: when given, the payment must belong to that grant (the page's). */
export const preparePayment = (db: Database, actor: Actor, paymentId: number, grantId?: number) => move(db, actor, paymentId, "prepare", grantId);
export const approvePayment = (db: Database, actor: Actor, paymentId: number, grantId?: number) => move(db, actor, paymentId, "approve", grantId);
export const returnPayment = (db: Database, actor: Actor, paymentId: number, grantId?: number) => move(db, actor, paymentId, "return", grantId);

/**
 * Approved → paid on `paidOn`, with the ledger's `paid` entry in the same transaction.
 * The ledger's guarded counter refuses paying more than is committed.
 */
export async function markPaymentPaid(db: Database, actor: Actor, paymentId: number, paidOn: string, grantId?: number): Promise<Result<PaymentRef>> {
  if (!can(actor, "payment:manage")) return refused("Du har ikke adgang til at behandle udbetalinger.");
  return runLedgerCommand(() =>
    db.transaction(async (tx): Promise<Result<PaymentRef>> => {
      const locked = await lockPayment(tx, actor, paymentId, grantId);
      if (!locked) return notFound(NOT_FOUND);
      const { grant, payment } = locked;
      const moved = paymentMachine.transition(payment.status, "markPaid");
      if (!moved.ok) return moved;
      if (grant.paidOre + payment.amountOre > grant.committedOre) {
        return conflict(
          `Udbetalingen på ${formatOre(payment.amountOre)} vil bringe det udbetalte over tilsagnets disponerede beløb (${formatOre(grant.committedOre)}; udbetalt ${formatOre(grant.paidOre)}).`,
        );
      }
      await tx
        .update(payments)
        .set({ status: moved.value, paidOn, paidBy: actor.userId, version: payment.version + 1, updatedAt: new Date() })
        .where(eq(payments.id, paymentId));
      const entry = await postLedgerEntry(tx, actor, {
        grantId: grant.id,
        kind: "paid",
        paidDeltaOre: payment.amountOre,
        paymentId,
        bookedOn: paidOn,
        note: `Udbetaling ${payment.quarter}`,
      });
      if (!entry.ok) throw new RollbackWith(entry);
      await audit(tx, actor, {
        action: "payment.paid",
        entityType: "payment",
        entityId: paymentId,
        before: { status: payment.status },
        after: { status: "paid", paidOn, amountOre: payment.amountOre, ledgerEntryId: entry.value.entryId, grantId: grant.id },
      });
      return ok({ paymentId, grantId: grant.id });
    }),
  );
}

/**
 * A paid payment is never edited: a mistake (more or less paid than booked) is a
 * `corrected` ledger entry with a reason, and the unpaid payments are re-planned so the
 * plan still sums to the commitment.
 */
export async function correctPayment(
  db: Database,
  actor: Actor,
  paymentId: number,
  input: { deltaOre: bigint; bookedOn: string; reason: string },
  grantId?: number,
): Promise<Result<PaymentRef>> {
  if (!can(actor, "payment:approve")) return refused("Du har ikke adgang til at rette udbetalinger.");
  if (input.deltaOre === 0n) return conflict("En rettelse skal flytte et beløb.");
  return runLedgerCommand(() =>
    db.transaction(async (tx): Promise<Result<PaymentRef>> => {
      const locked = await lockPayment(tx, actor, paymentId, grantId);
      if (!locked) return notFound(NOT_FOUND);
      const { grant, payment } = locked;
      if (payment.status !== "paid") return conflict("Kun en udbetalt udbetaling kan rettes. Ret de øvrige ved at sende dem tilbage.");
      const [prior] = await tx
        .select({ s: sql<string>`coalesce(sum(${grantLedgerEntries.paidDeltaOre}), 0)` })
        .from(grantLedgerEntries)
        .where(eq(grantLedgerEntries.paymentId, paymentId));
      const netAfter = BigInt(prior?.s ?? 0) + input.deltaOre;
      if (netAfter < 0n) return conflict(`Rettelsen gør udbetalingen negativ (netto ${formatOre(netAfter)}).`);
      if (grant.paidOre + input.deltaOre > grant.committedOre) {
        return conflict(`Rettelsen vil bringe det udbetalte over tilsagnets disponerede beløb (${formatOre(grant.committedOre)}).`);
      }
      const entry = await postLedgerEntry(tx, actor, {
        grantId: grant.id,
        kind: "corrected",
        paidDeltaOre: input.deltaOre,
        paymentId,
        bookedOn: input.bookedOn,
        note: input.reason,
      });
      if (!entry.ok) throw new RollbackWith(entry);
      await audit(tx, actor, {
        action: "payment.corrected",
        entityType: "payment",
        entityId: paymentId,
        after: { deltaOre: input.deltaOre, reason: input.reason, bookedOn: input.bookedOn, ledgerEntryId: entry.value.entryId, grantId: grant.id },
      });
      const replanned = await replanUnpaidPayments(tx, actor, grant.id);
      if (!replanned.ok) throw new RollbackWith(replanned);
      return ok({ paymentId, grantId: grant.id });
    }),
  );
}

/** Stop (reason) or release (null) a grant's payments. Set by hand now; the reporting work sets it when a report is overdue. */
export async function setPaymentHold(db: Database, actor: Actor, grantId: number, reason: string | null): Promise<Result<{ grantId: number }>> {
  if (!can(actor, "payment:manage")) return refused("Du har ikke adgang til at standse udbetalinger.");
  return db.transaction(async (tx): Promise<Result<{ grantId: number }>> => {
    const [grant] = await tx.select().from(grants).where(and(eq(grants.id, grantId), grantScope(actor))).for("update");
    if (!grant) return notFound("Tilsagnet findes ikke.");
    if (reason === null && grant.paymentHoldReason === null) return conflict("Udbetalingerne er ikke standset.");
    await tx
      .update(grants)
      .set({ paymentHoldReason: reason, paymentHoldSource: reason === null ? null : "manual", updatedAt: new Date() })
      .where(eq(grants.id, grantId));
    await audit(tx, actor, {
      action: reason === null ? "payment.hold-released" : "payment.held",
      entityType: "grant",
      entityId: grantId,
      before: { paymentHoldReason: grant.paymentHoldReason },
      after: { paymentHoldReason: reason },
    });
    return ok({ grantId });
  });
}

