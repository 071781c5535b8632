// The 2022 call decided through the allocation board, as it would have been in December
// 2022: the caseworker proposes the round, the admin approves it (four-eyes). Nine grants
// summing to exactly 14.300.000,00 kr. and three rejections with reasons. THE SPLIT IS
// DEMO DATA: the real split per municipality is not public. The grants are accepted.
import { eq, inArray } from "drizzle-orm";
import { approveRound, saveRound } from "../../app/domain/grants/allocation.server";
import type { BoardLine } from "../../app/domain/grants/allocation";
import { audit } from "../../app/utils/audit.server";
import { copenhagenInstant } from "../../app/utils/dates";
import type { Tx } from "../client";
import { applications, grants, memberships, pools } from "../schema";

/** The pool's total, granted exactly (demo split: the last of the nine is reduced to fit). */
export const DEMO_GRANTED_TOTAL_ORE = 1_430_000_000n;
export const DEMO_ALLOCATION_NOTE = "Demodata: fordelingen mellem de ni kommuner er opdigtet – den faktiske fordeling er ikke offentlig.";
export const DEMO_DECIDED_AT = copenhagenInstant("2022-12-15", "10:00");

export const DEMO_NOT_GRANTED_REASON: Record<string, string> = {
  Guldborgsund:
    "Ansøgningen er vurderet tilskudsværdig, men puljens midler er brugt op af kommuner, der ligger højere på behovsindekset.",
};

export async function seedDemoAllocation(
  tx: Tx,
  opts: {
    callId: number;
    adminId: string;
    caseworkerId: string;
    /** The nine granted, in ranking order, and the others with their reasons. */
    granted: string[];
    rejected: Record<string, string>;
    codeOf: (name: string) => string;
  },
) {
  const apps = await tx
    .select({ id: applications.id, code: applications.municipalityCode, requestedOre: applications.requestedOre })
    .from(applications)
    .where(eq(applications.callId, opts.callId));
  const appOf = (name: string) => apps.find((a) => a.code === opts.codeOf(name))!;
  const lines: BoardLine[] = [];
  let given = 0n;
  for (const [i, name] of opts.granted.entries()) {
    const a = appOf(name);
    if (i < opts.granted.length - 1) {
      lines.push({ applicationId: a.id, requestedOre: a.requestedOre, decision: "full", amountOre: null, reason: "" });
      given += a.requestedOre;
    } else {
      const rest = DEMO_GRANTED_TOTAL_ORE - given;
      if (rest <= 0n || rest >= a.requestedOre) throw new Error("Demodata: the ninth grant must be a reduction");
      lines.push({
        applicationId: a.id,
        requestedOre: a.requestedOre,
        decision: "reduced",
        amountOre: rest,
        reason: `Puljens ramme rækker ikke til hele det ansøgte beløb. ${DEMO_ALLOCATION_NOTE}`,
      });
    }
  }
  for (const [name, reason] of Object.entries(opts.rejected)) {
    lines.push({ applicationId: appOf(name).id, requestedOre: appOf(name).requestedOre, decision: "none", amountOre: null, reason });
  }
  const staff = (userId: string, role: "admin" | "caseworker") => ({ userId, role, requestId: "seed", municipalityCode: null, agencyId: null });
  const saved = await saveRound(tx, staff(opts.caseworkerId, "caseworker"), opts.callId, { lines, version: null }, { propose: true });
  if (!saved.ok) throw new Error(`Demodata: the round could not be proposed: ${saved.message} ${JSON.stringify(saved.errors ?? {})}`);
  const approved = await approveRound(tx, staff(opts.adminId, "admin"), saved.value.roundId, DEMO_DECIDED_AT);
  if (!approved.ok) throw new Error(`Demodata: the round could not be approved: ${approved.message}`);

  // Every municipality accepted its grant within the deadline (the letters issue owns acceptance; the demo only records it).
  const granted = await tx.select({ id: grants.id, code: grants.municipalityCode }).from(grants).where(inArray(grants.id, approved.value.grantIds));
  const members = await tx.select({ userId: memberships.userId, code: memberships.municipalityCode }).from(memberships).where(eq(memberships.role, "municipality"));
  for (const [i, g] of granted.entries()) {
    const acceptedBy = members.find((m) => m.code === g.code)!.userId;
    const acceptedAt = copenhagenInstant(`2022-12-${String(19 + (i % 4)).padStart(2, "0")}`, "13:00");
    await tx.update(grants).set({ status: "accepted", acceptedBy, acceptedAt }).where(eq(grants.id, g.id));
    await audit(tx, { userId: acceptedBy, role: "municipality", requestId: "seed" }, { action: "grant.accepted", entityType: "grant", entityId: g.id, after: { status: "accepted", acceptedAt } });
  }
  const [pool] = await tx.select({ allocatedOre: pools.allocatedOre }).from(pools).innerJoin(grants, eq(grants.poolId, pools.id)).limit(1);
  return { roundId: saved.value.roundId, grantIds: approved.value.grantIds, rejected: approved.value.rejected, poolAllocatedOre: pool?.allocatedOre ?? 0n };
}
