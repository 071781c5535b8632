// The allocation board's commands. A caseworker saves a round for a call (a decision per
// application) and proposes it; an admin who did not propose it approves it (four-eyes:
// here and as the CHECK allocation_rounds_four_eyes). Approval is ONE transaction: per
// line a grant with its deadlines, its `committed` ledger entry (postLedgerEntry, the
// guarded pool counter), budget version 1 and the payment plan, or a rejection; any
// failure rolls back all.
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Executor, Tx } from "#db/client";
import {
  allocationLines,
  allocationRounds,
  applicationBudgetLines,
  applications,
  budgetVersionLines,
  budgetVersions,
  calls,
  grants,
  municipalities,
  pools,
} from "#db/schema";
import type { Actor, SystemActor } from "~/auth/actor";
import type { ApplicationStatus } from "~/domain/applications/application-constants";
import { transition } from "~/domain/applications/status";
import { getCallRanking } from "~/domain/assessment/ranking.server";
import { conflict, invalid, notFound, ok, refused, type Result } from "~/domain/result";
import { can } from "~/policy/permissions";
import { audit } from "~/utils/audit.server";
import { copenhagenDateString } from "~/utils/dates";
import { formatOre } from "~/utils/money";
import { boardTotals, budgetForGrant, grantDeadlines, validateRound, type BoardLine } from "./allocation";
import type { AllocationDecision } from "./grant-constants";
import { replanUnpaidPayments } from "./payment-replan.server";
import { POOL_EXHAUSTED, postLedgerEntry, RollbackWith, runLedgerCommand } from "./ledger.server";

export const FOUR_EYES = "Du har selv indstillet runden. En anden administrator skal godkende den.";
export const ALREADY_APPROVED = "Runden er allerede godkendt.";
export const POOL_SHORT = "Der er ikke penge nok tilbage i puljen til at godkende runden";

type CommandActor = Pick<Actor, "userId" | "role" | "requestId" | "municipalityCode" | "agencyId">;

const DECIDED = ["granted", "rejected"];

/** The board of a call: the ranking's undecided applications with the open round's lines, the pool's counter. */
export async function getAllocationBoard(db: Executor, callId: number) {
  // The ranking has read the call with its pool (issue 19: no second statement for the pool's
  // counter); the rounds are read beside it.
  const [ranking, rounds] = await Promise.all([
    getCallRanking(db, callId),
    db.select().from(allocationRounds).where(eq(allocationRounds.callId, callId)).orderBy(desc(allocationRounds.id)),
  ]);
  if (!ranking) return null;
  const rc = ranking.call;
  const call = { poolId: rc.poolId, allocatedOre: rc.poolAllocatedOre, totalOre: rc.poolTotalOre, poolName: rc.poolName };
  const open = rounds.find((r) => r.status === "draft" || r.status === "proposed") ?? null;
  const lines = open ? await db.select().from(allocationLines).where(eq(allocationLines.roundId, open.id)) : [];
  const lineOf = new Map(lines.map((l) => [l.applicationId, l]));
  const rows = ranking.rows
    .filter((r) => !DECIDED.includes(r.status))
    .map((r) => {
      const l = lineOf.get(r.id);
      return { ...r, decision: (l?.decision ?? null) as AllocationDecision | null, amountOre: l ? l.amountOre : null, reason: l?.reason ?? "" };
    });
  const decided = ranking.rows.filter((r) => DECIDED.includes(r.status));
  return {
    call: { ...ranking.call, ...call },
    round: open,
    approvedRounds: rounds.filter((r) => r.status === "approved").length,
    decidedCount: decided.length,
    rows,
  };
}

export type RoundInput = { lines: BoardLine[]; version: number | null };

async function lockOpenRound(tx: Tx, callId: number) {
  const [round] = await tx
    .select()
    .from(allocationRounds)
    .where(and(eq(allocationRounds.callId, callId), inArray(allocationRounds.status, ["draft", "proposed"])))
    .orderBy(desc(allocationRounds.id))
    .limit(1)
    .for("update");
  return round ?? null;
}

/** The undecided applications of the call (the board's rows), locked, with their requested amounts. */
async function undecidedApplications(tx: Tx, callId: number) {
  return tx
    .select({ id: applications.id, status: applications.status, requestedOre: applications.requestedOre, municipalityCode: applications.municipalityCode })
    .from(applications)
    .where(and(eq(applications.callId, callId), inArray(applications.status, ["submitted", "correction", "formalia_approved", "rejection_proposed", "assessed"])))
    .orderBy(asc(applications.id))
    .for("update");
}

function statusErrors(lines: BoardLine[], statusOf: Map<number, ApplicationStatus>) {
  const errors: Record<string, string> = {};
  for (const l of lines) {
    if (l.decision === null) continue;
    const moved = transition(statusOf.get(l.applicationId)!, l.decision === "none" ? "reject" : "grant");
    if (!moved.ok) errors[`decision_${l.applicationId}`] = moved.message;
  }
  return errors;
}

/**
 * Save the caseworker's round (and, with `propose`, propose it). Saving a proposed round
 * takes it back to draft: the approver must see what was proposed, not a later edit.
 */
export async function saveRound(
  db: Executor,
  actor: CommandActor,
  callId: number,
  input: RoundInput,
  opts: { propose?: boolean } = {},
): Promise<Result<{ roundId: number; status: "draft" | "proposed" }>> {
  if (!can(actor, "allocation:prepare")) return refused("Du har ikke adgang til at fordele puljen.");
  return db.transaction(async (tx) => {
    const [call] = await tx
      .select({ id: calls.id, poolId: calls.poolId, allocatedOre: pools.allocatedOre, totalOre: pools.totalOre })
      .from(calls)
      .innerJoin(pools, eq(pools.id, calls.poolId))
      .where(eq(calls.id, callId));
    if (!call) return notFound("Opslaget findes ikke.");
    let round = await lockOpenRound(tx, callId);
    if (round && input.version !== null && round.version !== input.version)
      return conflict("Runden er ændret af en anden, siden du åbnede siden. Genindlæs siden og prøv igen.");
    const apps = await undecidedApplications(tx, callId);
    const byId = new Map(apps.map((a) => [a.id, a]));
    // Only the call's undecided applications, with the requested amount as the database has it.
    const lines = input.lines
      .filter((l) => byId.has(l.applicationId))
      .map((l) => ({ ...l, requestedOre: BigInt(byId.get(l.applicationId)!.requestedOre) }));
    const totals = boardTotals(call.totalOre, call.allocatedOre, lines);
    const errors = {
      ...validateRound(totals, { complete: !!opts.propose }),
      ...(opts.propose ? statusErrors(lines, new Map(apps.map((a) => [a.id, a.status]))) : {}),
    };
    if (opts.propose && lines.length === 0) errors.round = "Der er ingen ansøgninger at fordele på opslaget.";
    // A draft may be saved half-done and over the pool; the per-line rules hold always.
    const blocking = opts.propose ? errors : Object.fromEntries(Object.entries(errors).filter(([k]) => k !== "round"));
    if (Object.keys(blocking).length) return invalid("Rundens fordeling kan ikke gemmes: ret felterne, der er markeret.", blocking);

    if (!round) {
      [round] = await tx.insert(allocationRounds).values({ callId, createdBy: actor.userId }).returning();
    }
    const status = opts.propose ? ("proposed" as const) : ("draft" as const);
    const [after] = await tx
      .update(allocationRounds)
      .set({
        status,
        proposedBy: opts.propose ? actor.userId : null,
        proposedAt: opts.propose ? new Date() : null,
        version: sql`${allocationRounds.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(allocationRounds.id, round!.id))
      .returning();
    await tx.delete(allocationLines).where(eq(allocationLines.roundId, round!.id));
    const decided = lines.filter((l) => l.decision !== null);
    if (decided.length) {
      await tx.insert(allocationLines).values(
        decided.map((l) => ({
          roundId: round!.id,
          applicationId: l.applicationId,
          decision: l.decision!,
          amountOre: l.decision === "reduced" ? (l.amountOre ?? 0n) : l.decision === "full" ? l.requestedOre : 0n,
          reason: l.reason,
        })),
      );
    }
    await audit(tx, actor, {
      action: opts.propose ? "allocation.proposed" : "allocation.saved",
      entityType: "allocation_round",
      entityId: round!.id,
      before: { status: round!.status, version: round!.version },
      after: { status: after!.status, version: after!.version, callId, roundOre: totals.roundOre, lines: decided.map((l) => ({ applicationId: l.applicationId, decision: l.decision, amountOre: l.amountOre, reason: l.reason })) },
    });
    return ok({ roundId: round!.id, status });
  });
}

type ApproveActor = CommandActor | (SystemActor & { municipalityCode: null; agencyId: null });

/**
 * Approve a proposed round: grants, ledger entries, budget versions and rejections in one
 * transaction. `now` is the decision instant (the app's clock; the seed passes Dec 2022).
 */
export async function approveRound(
  db: Executor,
  actor: ApproveActor,
  roundId: number,
  now: Date,
  opts: { skipPermission?: boolean } = {},
): Promise<Result<{ grantIds: number[]; rejected: number }>> {
  if (!opts.skipPermission && !can(actor as CommandActor, "allocation:approve")) return refused("Kun en administrator kan godkende en fordelingsrunde.");
  return runLedgerCommand(() =>
    db.transaction(async (tx) => {
      const [round] = await tx.select().from(allocationRounds).where(eq(allocationRounds.id, roundId)).for("update");
      if (!round) return notFound("Runden findes ikke.");
      if (round.status === "approved") return conflict(ALREADY_APPROVED);
      if (round.status !== "proposed") return conflict("Runden er ikke indstillet til godkendelse.");
      if (round.proposedBy !== null && round.proposedBy === actor.userId) return refused(FOUR_EYES);
      const [call] = await tx.select().from(calls).where(eq(calls.id, round.callId));
      await tx
        .update(allocationRounds)
        .set({ status: "approved", approvedBy: actor.userId, approvedAt: now, version: sql`${allocationRounds.version} + 1`, updatedAt: new Date() })
        .where(eq(allocationRounds.id, roundId));
      const lines = await tx
        .select({ line: allocationLines, app: applications, municipalityName: municipalities.name })
        .from(allocationLines)
        .innerJoin(applications, eq(applications.id, allocationLines.applicationId))
        .innerJoin(municipalities, eq(municipalities.code, applications.municipalityCode))
        .where(eq(allocationLines.roundId, roundId))
        .orderBy(asc(allocationLines.applicationId));
      const deadlines = grantDeadlines(now, call!, call!.projectEnd);
      const bookedOn = copenhagenDateString(now);
      const grantIds: number[] = [];
      let rejected = 0;
      for (const { line, app, municipalityName } of lines) {
        // Lock the application: a concurrent command sees the decision, not a stale status.
        const [locked] = await tx.select({ status: applications.status }).from(applications).where(eq(applications.id, app.id)).for("update");
        const event = line.decision === "none" ? "reject" : "grant";
        const moved = transition(locked!.status, event);
        if (!moved.ok) throw new RollbackWith(conflict(`${municipalityName}: ${moved.message}`));
        if (line.decision === "none") {
          await tx
            .update(applications)
            .set({ status: moved.value, rejectionReason: line.reason, version: sql`${applications.version} + 1`, updatedAt: new Date(), updatedBy: actor.userId })
            .where(eq(applications.id, app.id));
          await audit(tx, actor, { action: "application.rejected", entityType: "application", entityId: app.id, before: { status: locked!.status }, after: { status: moved.value, reason: line.reason, roundId } });
          rejected++;
          continue;
        }
        const awardedOre = line.decision === "full" ? BigInt(app.requestedOre) : BigInt(line.amountOre);
        const [grant] = await tx
          .insert(grants)
          .values({
            applicationId: app.id,
            callId: call!.id,
            poolId: call!.poolId,
            municipalityCode: app.municipalityCode,
            roundId,
            awardedOre,
            projectStart: call!.projectStart,
            projectEnd: call!.projectEnd,
            ...deadlines,
            decidedBy: actor.userId,
            decidedAt: now,
          })
          .returning({ id: grants.id });
        const posted = await postLedgerEntry(tx, actor, {
          grantId: grant!.id,
          kind: "committed",
          committedDeltaOre: awardedOre,
          bookedOn,
          note: line.decision === "reduced" ? `Reduceret tilsagn: ${line.reason}` : "Tilsagn",
        });
        if (!posted.ok) {
          throw new RollbackWith(
            posted.message === POOL_EXHAUSTED
              ? conflict(`${POOL_SHORT}: tilsagnet til ${municipalityName} på ${formatOre(awardedOre)} er mere, end der er tilbage. Intet i runden er godkendt.`)
              : posted,
          );
        }
        const budget = await tx
          .select({ categoryId: applicationBudgetLines.categoryId, quarter: applicationBudgetLines.quarter, amountOre: applicationBudgetLines.amountOre })
          .from(applicationBudgetLines)
          .where(eq(applicationBudgetLines.applicationId, app.id))
          .orderBy(asc(applicationBudgetLines.quarter), asc(applicationBudgetLines.categoryId));
        const [version] = await tx
          .insert(budgetVersions)
          .values({ grantId: grant!.id, version: 1, note: line.decision === "reduced" ? "Ansøgningens budget skaleret til tilsagnsbeløbet" : "Ansøgningens budget", createdBy: actor.userId })
          .returning({ id: budgetVersions.id });
        const scaled = budgetForGrant(budget.map((b) => ({ ...b, amountOre: BigInt(b.amountOre) })), awardedOre);
        if (scaled.length) await tx.insert(budgetVersionLines).values(scaled.map((b) => ({ ...b, budgetVersionId: version!.id })));
        // The payment plan from version 1, in the decision's transaction: the award letter and
        // the grant page show it from the start (decision record 021).
        const planned = await replanUnpaidPayments(tx, actor, grant!.id);
        if (!planned.ok) throw new RollbackWith(planned);
        await tx
          .update(applications)
          .set({ status: moved.value, version: sql`${applications.version} + 1`, updatedAt: new Date(), updatedBy: actor.userId })
          .where(eq(applications.id, app.id));
        await audit(tx, actor, { action: "grant.created", entityType: "grant", entityId: grant!.id, after: { applicationId: app.id, awardedOre, decision: line.decision, roundId, ...deadlines } });
        await audit(tx, actor, { action: "application.granted", entityType: "application", entityId: app.id, before: { status: locked!.status }, after: { status: moved.value, grantId: grant!.id, awardedOre } });
        grantIds.push(grant!.id);
      }
      await audit(tx, actor, { action: "allocation.approved", entityType: "allocation_round", entityId: roundId, before: { status: "proposed" }, after: { status: "approved", grants: grantIds.length, rejected } });
      return ok({ grantIds, rejected });
    }),
  );
}
