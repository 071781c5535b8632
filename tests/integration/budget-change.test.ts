// Budget changes end to end on the database: registered vs pending by the rule, the next
// budget version, one pending change at a time, the ministry's decision, scope, audit and
// mail in the same transaction.
import { and, asc, eq, inArray, ne } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, budgetChanges, budgetVersionLines, budgetVersions, emailOutbox, payments } from "#db/schema";
import { postLedgerEntry } from "~/domain/grants/ledger.server";
import { replanUnpaidPayments } from "~/domain/grants/payment-replan.server";
import { decidePendingBudgetChange, PENDING_EXISTS, requestBudgetChange } from "~/domain/budget-changes/commands.server";
import { versionInForce } from "~/domain/grants/budget-queries.server";
import { createUser, type TestUser } from "../fixtures";
import { createTestDb, type TestDb } from "../setup/test-db";
import { changeForm, KR, makeBudgetGrant, moved } from "./budget-change-fixtures";
import { expectLedgerConsistent, systemActor } from "./grant-fixtures";

let t: TestDb;
let lolland: TestUser;
let faxe: TestUser;
let caseworker: TestUser;
let admin: TestUser;
beforeAll(async () => {
  t = await createTestDb();
  await makeBudgetGrant(t.db); // seeds the reference data
  lolland = await createUser(t.db, "municipality", { municipalityCode: "0360", name: "Lone Lolland" });
  faxe = await createUser(t.db, "municipality", { municipalityCode: "0320" });
  caseworker = await createUser(t.db, "caseworker", { name: "Carl Sagsbehandler" });
  admin = await createUser(t.db, "admin");
}, 60_000);
afterAll(async () => {
  await t.close();
  await t.dropDatabase();
});

const mailsTo = (email: string) => t.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, email)).orderBy(asc(emailOutbox.id));
const auditOf = (grantId: number, action: string) =>
  t.db.select().from(auditLog).where(and(eq(auditLog.entityId, String(grantId)), eq(auditLog.entityType, "grant"), eq(auditLog.action, action)));

describe("requesting a budget change", () => {
  it("registers a change within the thresholds at once: the next version, an audit row, a mail to the assigned caseworker", async () => {
    const g = await makeBudgetGrant(t.db, "0360", { assignedTo: caseworker.userId });
    const [a, b] = g.categories;
    const proposed = moved(g.lines, a!.id, b!.id, 40_000n * KR);
    const before = (await mailsTo(caseworker.email)).length;
    const r = await requestBudgetChange(t.db, lolland, g.grant.id, changeForm(proposed));
    expect(r).toMatchObject({ ok: true, value: { status: "registered" } });
    if (!r.ok) return;
    expect(r.value.explanation).toContain("Registreres uden forhåndsgodkendelse");
    const v = await versionInForce(t.db, g.grant.id);
    expect(v!.version).toBe(2);
    expect(v!.budgetChangeId).toBe(r.value.changeId);
    expect(v!.lines.find((l) => l.categoryId === a!.id && l.quarter === "2023-Q3")!.amountOre).toBe(22_500n * KR);
    expect(v!.lines.reduce((s, l) => s + l.amountOre, 0n)).toBe(1_000_000n * KR);
    const [change] = await t.db.select().from(budgetChanges).where(eq(budgetChanges.id, r.value.changeId));
    expect(change).toMatchObject({ status: "registered", needsApproval: false, toVersionId: v!.id, requestedBy: lolland.userId });
    expect(await auditOf(g.grant.id, "budget_change.registered")).toHaveLength(1);
    const mails = (await mailsTo(caseworker.email)).slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe("Budgetændring fra Lolland Kommune er registreret");
    expect(mails[0]!.textBody).toContain("Vi har brug for flere vikartimer i efteråret.");
    await expectLedgerConsistent(t.db);
  });

  it("holds a change over a threshold for approval: no new version until the ministry decides", async () => {
    const g = await makeBudgetGrant(t.db, "0360", { assignedTo: caseworker.userId });
    const [a, b] = g.categories;
    const r = await requestBudgetChange(t.db, lolland, g.grant.id, changeForm(moved(g.lines, a!.id, b!.id, 60_000n * KR)));
    expect(r).toMatchObject({ ok: true, value: { status: "pending" } });
    if (!r.ok) return;
    expect(r.value.explanation).toContain("Vikardækning: 500.000,00 kr. → 440.000,00 kr. (−60.000,00 kr., −12,0 %) – over 10 %.");
    expect((await versionInForce(t.db, g.grant.id))!.version).toBe(1);
    const [mail] = (await mailsTo(caseworker.email)).filter((m) => m.subject.includes("venter på afgørelse")).slice(-1);
    expect(mail!.textBody).toContain(`/grants/${g.grant.id}/budget-changes/${r.value.changeId}`);
    expect(await auditOf(g.grant.id, "budget_change.requested")).toHaveLength(1);
  });

  it("allows one pending change per grant: a second request of any kind waits for the decision", async () => {
    const g = await makeBudgetGrant(t.db);
    const [a, b] = g.categories;
    const first = await requestBudgetChange(t.db, lolland, g.grant.id, changeForm(moved(g.lines, a!.id, b!.id, 60_000n * KR)));
    expect(first.ok).toBe(true);
    for (const ore of [70_000n * KR, 1_000n * KR]) {
      const again = await requestBudgetChange(t.db, lolland, g.grant.id, changeForm(moved(g.lines, a!.id, b!.id, ore)));
      expect(again).toMatchObject({ ok: false, kind: "conflict", message: PENDING_EXISTS });
    }
    expect(await t.db.select().from(budgetChanges).where(eq(budgetChanges.grantId, g.grant.id))).toHaveLength(1);
  });

  it("has the database refuse a second pending change even past the command", async () => {
    const g = await makeBudgetGrant(t.db);
    const row = { grantId: g.grant.id, fromVersionId: g.version1Id, status: "pending" as const, needsApproval: true, reason: "x" };
    await t.db.insert(budgetChanges).values(row);
    await expect(t.db.insert(budgetChanges).values(row)).rejects.toThrow();
    // and a registered change without a version, or a pending one marked below the thresholds
    await expect(t.db.insert(budgetChanges).values({ ...row, status: "registered", needsApproval: false })).rejects.toThrow();
    await expect(t.db.insert(budgetChanges).values({ ...row, status: "rejected", needsApproval: false })).rejects.toThrow();
  });

  it("refuses a total that differs from the committed amount, at the budget, and stores nothing", async () => {
    const g = await makeBudgetGrant(t.db);
    const proposed = g.lines.map((l, i) => (i === 0 ? { ...l, amountOre: l.amountOre + 1n } : l));
    const r = await requestBudgetChange(t.db, lolland, g.grant.id, changeForm(proposed));
    expect(r).toMatchObject({ ok: false, kind: "invalid", errors: { budget: "Budgettet skal i alt være 1.000.000,00 kr., men er nu 1.000.000,01 kr. (0,01 kr. for meget)." } });
    const same = await requestBudgetChange(t.db, lolland, g.grant.id, changeForm(g.lines));
    expect(same).toMatchObject({ ok: false, kind: "invalid", errors: { budget: "Budgettet er det samme som det gældende. Ret mindst ét beløb." } });
    const noReason = await requestBudgetChange(t.db, lolland, g.grant.id, changeForm(moved(g.lines, g.categories[0]!.id, g.categories[1]!.id, 1n), ""));
    expect(noReason).toMatchObject({ ok: false, kind: "invalid", errors: { reason: "Udfyld begrundelsen for ændringen." } });
    expect(await t.db.select().from(budgetChanges).where(eq(budgetChanges.grantId, g.grant.id))).toHaveLength(0);
  });

  it("refuses a form filled from an older version", async () => {
    const g = await makeBudgetGrant(t.db);
    const [a, b] = g.categories;
    expect((await requestBudgetChange(t.db, lolland, g.grant.id, changeForm(moved(g.lines, a!.id, b!.id, 1_000n * KR)))).ok).toBe(true);
    const stale = await requestBudgetChange(t.db, lolland, g.grant.id, changeForm(moved(g.lines, a!.id, b!.id, 2_000n * KR)));
    expect(stale).toMatchObject({ ok: false, kind: "conflict" });
    expect(!stale.ok && stale.message).toContain("version 2 gælder nu");
  });

  it("is the own municipality's: another municipality finds no grant, the ministry may not request", async () => {
    const g = await makeBudgetGrant(t.db);
    const form = changeForm(moved(g.lines, g.categories[0]!.id, g.categories[1]!.id, 1_000n * KR));
    expect(await requestBudgetChange(t.db, faxe, g.grant.id, form)).toMatchObject({ ok: false, kind: "not_found" });
    expect(await requestBudgetChange(t.db, caseworker, g.grant.id, form)).toMatchObject({ ok: false, kind: "refused" });
    expect(await requestBudgetChange(t.db, lolland, 99_999_999, form)).toMatchObject({ ok: false, kind: "not_found" });
  });
});

describe("the ministry's decision", () => {
  async function pendingChange() {
    const g = await makeBudgetGrant(t.db);
    const [a, b] = g.categories;
    const proposed = moved(g.lines, a!.id, b!.id, 60_000n * KR);
    const r = await requestBudgetChange(t.db, lolland, g.grant.id, changeForm(proposed));
    if (!r.ok || r.value.status !== "pending") throw new Error("expected a pending change");
    return { ...g, changeId: r.value.changeId, proposed };
  }

  it("approval makes the proposed budget the next version, audited, and tells the municipality", async () => {
    const p = await pendingChange();
    const r = await decidePendingBudgetChange(t.db, caseworker, p.grant.id, p.changeId, { decision: "approve", note: "Godkendt: vikarbehovet er dokumenteret." });
    expect(r).toEqual({ ok: true, value: { status: "approved", version: 2 } });
    const v = await versionInForce(t.db, p.grant.id);
    expect(v!.lines).toEqual(p.proposed.filter((l) => l.amountOre > 0n).sort((x, y) => x.categoryId - y.categoryId || x.quarter.localeCompare(y.quarter)));
    const [change] = await t.db.select().from(budgetChanges).where(eq(budgetChanges.id, p.changeId));
    expect(change).toMatchObject({ status: "approved", toVersionId: v!.id, decidedBy: caseworker.userId, decisionNote: "Godkendt: vikarbehovet er dokumenteret." });
    expect(await auditOf(p.grant.id, "budget_change.approved")).toHaveLength(1);
    const [mail] = (await mailsTo(lolland.email)).slice(-1);
    expect(mail!.subject).toBe("Jeres budgetændring er godkendt");
    expect(mail!.textBody).toContain("Godkendt: vikarbehovet er dokumenteret.");
    // decided once: a second decision is a conflict
    expect(await decidePendingBudgetChange(t.db, admin, p.grant.id, p.changeId, { decision: "reject", note: "nej" })).toMatchObject({ ok: false, kind: "conflict" });
    await expectLedgerConsistent(t.db);
  });

  it("rejection keeps the version in force, says why, and frees the grant for a new request", async () => {
    const p = await pendingChange();
    const r = await decidePendingBudgetChange(t.db, admin, p.grant.id, p.changeId, { decision: "reject", note: "Flytningen er ikke begrundet." });
    expect(r).toEqual({ ok: true, value: { status: "rejected", version: null } });
    expect((await versionInForce(t.db, p.grant.id))!.version).toBe(1);
    const [mail] = (await mailsTo(lolland.email)).slice(-1);
    expect(mail!.subject).toBe("Jeres budgetændring er afvist");
    expect(mail!.textBody).toContain("Flytningen er ikke begrundet.");
    expect(await auditOf(p.grant.id, "budget_change.rejected")).toHaveLength(1);
    const again = await requestBudgetChange(t.db, lolland, p.grant.id, changeForm(moved(p.lines, p.categories[0]!.id, p.categories[1]!.id, 1_000n * KR)));
    expect(again).toMatchObject({ ok: true, value: { status: "registered" } });
  });

  it("is the ministry's: a municipality is refused, an unknown change or another grant's change is not found", async () => {
    const p = await pendingChange();
    expect(await decidePendingBudgetChange(t.db, lolland, p.grant.id, p.changeId, { decision: "approve", note: "" })).toMatchObject({ ok: false, kind: "refused" });
    const other = await makeBudgetGrant(t.db);
    expect(await decidePendingBudgetChange(t.db, caseworker, other.grant.id, p.changeId, { decision: "approve", note: "" })).toMatchObject({ ok: false, kind: "not_found" });
    expect(await decidePendingBudgetChange(t.db, caseworker, p.grant.id, 99_999_999, { decision: "approve", note: "" })).toMatchObject({ ok: false, kind: "not_found" });
    const versions = await t.db.select().from(budgetVersions).where(inArray(budgetVersions.grantId, [p.grant.id, other.grant.id]));
    expect(versions).toHaveLength(2);
    expect((await t.db.select().from(budgetVersionLines).where(eq(budgetVersionLines.budgetVersionId, versions[0]!.id))).length).toBe(16);
  });
});

describe("payments follow the new version", () => {
  const active = (grantId: number) =>
    t.db.select().from(payments).where(and(eq(payments.grantId, grantId), ne(payments.status, "cancelled"))).orderBy(asc(payments.quarter));

  /** A grant with its payment plan, Q1 2023 paid through the ledger. */
  async function grantWithPaidFirstQuarter() {
    const g = await makeBudgetGrant(t.db);
    await t.db.transaction((tx) => replanUnpaidPayments(tx, systemActor, g.grant.id));
    const [q1] = await active(g.grant.id);
    await t.db.transaction(async (tx) => {
      await tx.update(payments).set({ status: "paid", paidOn: "2023-01-13" }).where(eq(payments.id, q1!.id));
      const r = await postLedgerEntry(tx, systemActor, { grantId: g.grant.id, kind: "paid", paidDeltaOre: q1!.amountOre, paymentId: q1!.id, bookedOn: "2023-01-13" });
      if (!r.ok) throw new Error(r.message);
    });
    return { ...g, q1: q1! };
  }

  it("a registered change re-plans the unpaid quarters at once; the paid quarter is untouched", async () => {
    const g = await grantWithPaidFirstQuarter();
    const [a] = g.categories;
    // Within one line: 40.000 kr. of Vikardækning from 2024-Q4 to 2023-Q3.
    const proposed = g.lines.map((l) =>
      l.categoryId !== a!.id ? l : l.quarter === "2023-Q3" ? { ...l, amountOre: l.amountOre + 40_000n * KR } : l.quarter === "2024-Q4" ? { ...l, amountOre: l.amountOre - 40_000n * KR } : l,
    );
    const r = await requestBudgetChange(t.db, lolland, g.grant.id, changeForm(proposed, "Kurset flyttes frem."));
    expect(r).toMatchObject({ ok: true, value: { status: "registered" } });
    const rows = await active(g.grant.id);
    expect(rows[0]).toMatchObject({ id: g.q1.id, status: "paid", amountOre: 125_000n * KR, paidOn: "2023-01-13" });
    expect(rows.find((p) => p.quarter === "2023-Q3")!.amountOre).toBe(165_000n * KR);
    expect(rows.find((p) => p.quarter === "2024-Q4")!.amountOre).toBe(85_000n * KR);
    const v2 = await versionInForce(t.db, g.grant.id);
    expect(rows.slice(1).every((p) => p.budgetVersionId === v2!.id && p.status === "planned")).toBe(true);
    expect(rows.reduce((s, p) => s + p.amountOre, 0n)).toBe(1_000_000n * KR);
    await expectLedgerConsistent(t.db);
  });

  it("a pending change leaves the plan alone until approved, then the unpaid quarters follow", async () => {
    const g = await grantWithPaidFirstQuarter();
    const [a, b] = g.categories;
    const before = await active(g.grant.id);
    const proposed = moved(g.lines, a!.id, b!.id, 60_000n * KR, "2024-Q2");
    const r = await requestBudgetChange(t.db, lolland, g.grant.id, changeForm(proposed));
    if (!r.ok) throw new Error(r.message);
    expect(r.value.status).toBe("pending");
    expect(await active(g.grant.id)).toEqual(before);
    // Moving money between categories within a quarter leaves each quarter's payment as it
    // was; the plan now points at version 2.
    expect(await decidePendingBudgetChange(t.db, caseworker, g.grant.id, r.value.changeId, { decision: "approve", note: "" })).toMatchObject({ ok: true });
    const v2 = await versionInForce(t.db, g.grant.id);
    const after = await active(g.grant.id);
    expect(after[0]).toMatchObject({ id: g.q1.id, status: "paid", amountOre: 125_000n * KR, budgetVersionId: before[0]!.budgetVersionId });
    expect(after.slice(1).every((p) => p.budgetVersionId === v2!.id)).toBe(true);
    expect(after.map((p) => p.amountOre)).toEqual(before.map((p) => p.amountOre));
    await expectLedgerConsistent(t.db);
  });

  it("an approved change that moves money into the paid quarter spreads the rest over the unpaid ones, exactly", async () => {
    const g = await grantWithPaidFirstQuarter();
    const [a, b] = g.categories;
    // 120.000 kr. more in 2023-Q1 (already paid), taken from 2024-Q3 and 2024-Q4.
    const proposed = g.lines.map((l) =>
      l.categoryId === a!.id && l.quarter === "2023-Q1" ? { ...l, amountOre: l.amountOre + 120_000n * KR }
      : l.categoryId === b!.id && (l.quarter === "2024-Q3" || l.quarter === "2024-Q4") ? { ...l, amountOre: l.amountOre - 60_000n * KR }
      : l,
    );
    const r = await requestBudgetChange(t.db, lolland, g.grant.id, changeForm(proposed));
    if (!r.ok) throw new Error(r.message);
    expect(r.value.status).toBe("pending");
    expect(await decidePendingBudgetChange(t.db, admin, g.grant.id, r.value.changeId, { decision: "approve", note: "" })).toMatchObject({ ok: true });
    const rows = await active(g.grant.id);
    expect(rows[0]).toMatchObject({ id: g.q1.id, status: "paid", amountOre: 125_000n * KR });
    expect(rows.reduce((s, p) => s + p.amountOre, 0n)).toBe(1_000_000n * KR);
    expect(rows.find((p) => p.quarter === "2024-Q4")!.amountOre).toBeLessThan(125_000n * KR);
    await expectLedgerConsistent(t.db);
  });
});
