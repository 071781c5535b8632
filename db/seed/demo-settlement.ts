// Demo: one of the 2022 grants settled with a small repayment, through the same domain
// commands a user's clicks run (no raw inserts): its last payments prepared, approved by a
// second person and paid; the municipality's accounts per budget line, slightly under the
// grant, with the auditor's statement; the caseworker approves them, which raises a
// repayment claim above the pool's 500 kr. threshold; the repayment is recorded as paid and
// the grant ends "afsluttet". Runs after the payments are seeded, inside the seed's
// transaction: each command's own transaction becomes a savepoint in it.
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Database, Tx } from "../client";
import { callCostCategories, grants, municipalities, payments, users } from "../schema";
import type { Role } from "../../app/auth/account-constants";
import type { Actor } from "../../app/auth/actor";
import { approveAccounts, recordRepayment, saveAccountLines, submitAccounts, uploadAuditorStatement } from "../../app/domain/accounts/commands.server";
import { appNow } from "../../app/domain/clock/clock.server";
import { versionInForce } from "../../app/domain/grants/budget-queries.server";
import { approvePayment, markPaymentPaid, preparePayment } from "../../app/domain/payments/commands.server";
import { copenhagenDateString } from "../../app/utils/dates";

/** What the municipality did not spend: 1.842,50 kr., over the 500 kr. threshold, so it is reclaimed. */
export const DEMO_UNSPENT_ORE = 184_250n;

async function actorOf(tx: Tx, userId: string, role: Role, municipalityCode: string | null = null): Promise<Actor> {
  const [u] = await tx.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, userId));
  const [m] = municipalityCode
    ? await tx.select({ name: municipalities.officialName }).from(municipalities).where(eq(municipalities.code, municipalityCode))
    : [];
  return {
    userId,
    name: u!.name,
    email: u!.email,
    role,
    municipalityCode,
    municipalityName: m?.name ?? null,
    agencyId: null,
    agencyName: null,
    requestId: "seed-demo-settlement",
  };
}

function must<T>(what: string, r: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!r.ok) throw new Error(`demo settlement, ${what}: ${r.message}`);
  return r.value;
}

/** A one-page PDF saying what it is (the stored auditor's statement must be a real PDF). */
export function demoStatementPdf(text: string): Uint8Array<ArrayBuffer> {
  const content = `BT /F1 14 Tf 72 760 Td (${text.replace(/[()\\]/g, "\\$&")}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out); // ASCII only, so offsets are byte offsets
}

export async function seedDemoSettlement(
  tx: Tx,
  opts: { callId: number; municipalityCode: string; municipalityUserId: string; caseworkerId: string; adminId: string },
) {
  const [grant] = await tx
    .select()
    .from(grants)
    .where(and(eq(grants.callId, opts.callId), eq(grants.municipalityCode, opts.municipalityCode), eq(grants.status, "accepted")));
  if (!grant) return null;
  // The commands open their own transactions; inside the seed's they are savepoints.
  const db: Database = tx;
  const caseworker = await actorOf(tx, opts.caseworkerId, "caseworker");
  const admin = await actorOf(tx, opts.adminId, "admin");
  const municipality = await actorOf(tx, opts.municipalityUserId, "municipality", opts.municipalityCode);

  // 1. The payments not yet paid: prepared by the caseworker, approved by the admin, paid.
  const open = await tx
    .select()
    .from(payments)
    .where(and(eq(payments.grantId, grant.id), inArray(payments.status, ["planned", "prepared", "approved"])))
    .orderBy(asc(payments.quarter));
  for (const p of open) {
    if (p.status === "planned") must("prepare", await preparePayment(db, caseworker, p.id, grant.id));
    if (p.status !== "approved") must("approve", await approvePayment(db, admin, p.id, grant.id));
    must("paid", await markPaymentPaid(db, caseworker, p.id, p.dueOn, grant.id));
  }

  // 2. The municipality's accounts: spent as budgeted per line, less a little on the largest.
  const categories = await tx
    .select({ id: callCostCategories.id })
    .from(callCostCategories)
    .where(eq(callCostCategories.callId, grant.callId))
    .orderBy(asc(callCostCategories.sortOrder), asc(callCostCategories.id));
  const budget = await versionInForce(tx, grant.id);
  const spent = new Map(categories.map((c) => [c.id, 0n]));
  for (const l of budget?.lines ?? []) spent.set(l.categoryId, (spent.get(l.categoryId) ?? 0n) + l.amountOre);
  const largest = [...spent.entries()].reduce((a, b) => (b[1] > a[1] ? b : a));
  spent.set(largest[0], largest[1] - DEMO_UNSPENT_ORE);
  must("save", await saveAccountLines(db, municipality, grant.id, [...spent].map(([categoryId, spentOre]) => ({ categoryId, spentOre }))));
  const statement = new File([demoStatementPdf("Revisorerklaering 2023-2024 (demodata)")], "Revisorerklæring 2023-2024.pdf", {
    type: "application/pdf",
  });
  must("statement", await uploadAuditorStatement(db, municipality, grant.id, statement));
  must("submit", await submitAccounts(db, municipality, grant.id));

  // 3. The caseworker approves: the unspent amount is claimed back; the repayment arrives.
  const approval = must("approve accounts", await approveAccounts(db, caseworker, grant.id));
  if (!approval.claimId) throw new Error("demo settlement: no repayment claim was raised");
  must("repayment", await recordRepayment(db, caseworker, grant.id, approval.claimId, copenhagenDateString(await appNow(tx))));
  return { grantId: grant.id, claimOre: approval.claimOre };
}
