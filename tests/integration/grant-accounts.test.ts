// Accounts (regnskab) and repayment through the page's action, as each role: the
// municipality fills, attaches the auditor's statement and submits; the ministry marks
// ineligible amounts, returns or approves; the settlement moves money only through the
// ledger (checked after every command); another municipality finds nothing.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import PDFDocument from "pdfkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  auditLog,
  callCostCategories,
  calls,
  emailOutbox,
  grantAccountLines,
  grantAccounts,
  grantFiles,
  grantLedgerEntries,
  grants,
  payments,
  pools,
  repaymentClaims,
} from "#db/schema";
import { getDb } from "~/db.server";
import { sweepOrphanUploads } from "~/domain/files/uploads.server";
import { postLedgerEntry } from "~/domain/grants/ledger.server";
import { resetEnvCache } from "~/env.server";
import { action, loader } from "~/routes/grants.$grantId.accounts";
import { loader as ledgerXlsxLoader } from "~/routes/grants.$grantId.ledger[.]xlsx";
import { loader as statementLoader } from "~/routes/grants.$grantId.accounts.statement.$fileId";
import { createUser, postForm, signedInRequest, type TestUser } from "../fixtures";
import { outcome, thrown } from "../support/route-result";
import { makeAssessmentCall } from "./assessment-fixtures";
import { expectLedgerConsistent, grantRow, makeGrant, systemActor } from "./grant-fixtures";

const ctx = { context: {} };
let uploadDir: string;
type Db = Awaited<ReturnType<typeof getDb>>;

beforeAll(() => {
  uploadDir = mkdtempSync(path.join(tmpdir(), "pp-accounts-"));
  process.env.UPLOAD_DIR = uploadDir;
  resetEnvCache();
});
afterAll(() => {
  rmSync(uploadDir, { recursive: true, force: true });
  delete process.env.UPLOAD_DIR;
  resetEnvCache();
});

function smallPdf(text = "Revisorerklæring"): Promise<Uint8Array> {
  return new Promise((resolve) => {
    const doc = new PDFDocument();
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.text(text);
    doc.end();
  });
}

type Setup = {
  db: Db;
  grantId: number;
  poolId: number;
  cats: number[];
  kommune: TestUser;
  other: TestUser;
  caseworker: TestUser;
  admin: TestUser;
  advisor: TestUser;
};

/**
 * A pool and call of their own (the ledger is append-only), two budget lines, a grant of
 * 1.000.000,00 kr. to Lolland, accepted, with `paidOre` paid out through the ledger.
 */
async function setup(opts: { paidOre?: bigint; awardedOre?: bigint; projectEnd?: string } = {}): Promise<Setup> {
  const db = await getDb();
  const { call } = await makeAssessmentCall(db);
  const [pool] = await db
    .insert(pools)
    .values({ name: `Testpulje ${call.id}`, financeLine: "§ 15.26.35.10", totalOre: 1_430_000_000n, startsOn: "2022-01-01", endsOn: "2025-09-30" })
    .returning();
  await db.update(calls).set({ poolId: pool!.id }).where(eq(calls.id, call.id));
  const cats = await db
    .insert(callCostCategories)
    .values([
      { callId: call.id, label: "Vikardækning", sortOrder: 1 },
      { callId: call.id, label: "Efteruddannelse", sortOrder: 2 },
    ])
    .returning();
  const awardedOre = opts.awardedOre ?? 100_000_000n;
  const { grant } = await makeGrant(db, call.id, "0360", { awardedOre, poolId: pool!.id });
  await db
    .update(grants)
    .set({ status: "accepted", projectEnd: opts.projectEnd ?? "2024-12-31" })
    .where(eq(grants.id, grant.id));
  const paid = opts.paidOre ?? awardedOre;
  if (paid > 0n) {
    await db.transaction(async (tx) => {
      const r = await postLedgerEntry(tx, systemActor, { grantId: grant.id, kind: "paid", paidDeltaOre: paid, bookedOn: "2023-01-02" });
      if (!r.ok) throw new Error(r.message);
    });
  }
  return {
    db,
    grantId: grant.id,
    poolId: pool!.id,
    cats: cats.map((c) => c.id),
    kommune: await createUser(db, "municipality", { municipalityCode: "0360" }),
    other: await createUser(db, "municipality", { municipalityCode: "0482" }),
    caseworker: await createUser(db, "caseworker"),
    admin: await createUser(db, "admin"),
    advisor: await createUser(db, "advisor"),
  };
}

const url = (s: Setup) => `/grants/${s.grantId}/accounts`;
const params = (s: Setup) => ({ grantId: String(s.grantId) });

async function post(s: Setup, user: TestUser, fields: Record<string, string>) {
  const request = await postForm(s.db, user, url(s), fields);
  return outcome(() => action({ request, params: params(s), ...ctx }));
}

async function uploadStatement(s: Setup, user: TestUser, bytes: Uint8Array, name = "Revisorerklæring 2024.pdf") {
  const body = new FormData();
  body.append("intent", "statement");
  body.append("file", new File([bytes as Uint8Array<ArrayBuffer>], name, { type: "application/pdf" }));
  const request = await signedInRequest(s.db, user, url(s), { method: "POST", body });
  return outcome(() => action({ request, params: params(s), ...ctx }));
}

async function fillAndSubmit(s: Setup, spent: [string, string]) {
  expect((await post(s, s.kommune, { intent: "save", [`spent_${s.cats[0]}`]: spent[0], [`spent_${s.cats[1]}`]: spent[1] })).status).toBe(302);
  await expectLedgerConsistent(s.db);
  expect((await uploadStatement(s, s.kommune, await smallPdf())).status).toBe(302);
  expect((await post(s, s.kommune, { intent: "submit" })).status).toBe(302);
  await expectLedgerConsistent(s.db);
}

async function poolAllocated(db: Db, poolId: number) {
  const [p] = await db.select({ a: pools.allocatedOre }).from(pools).where(eq(pools.id, poolId));
  return BigInt(p!.a);
}

async function actionsFor(db: Db, grantId: number) {
  const rows = await db
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, "grant"), eq(auditLog.entityId, String(grantId))))
    .orderBy(auditLog.id);
  return rows.map((r) => r.action);
}

describe("accounts and repayment", { timeout: 60_000 }, () => {
  it("municipality submits with the statement; the caseworker marks ineligible and approves; the claim is repaid through the ledger and the grant closes", async () => {
    const s = await setup();
    await fillAndSubmit(s, ["600.000,00", "350.000,00"]);
    const [file] = await s.db.select().from(grantFiles).where(eq(grantFiles.grantId, s.grantId));
    expect(file).toMatchObject({ kind: "auditor_statement", filename: "Revisorerklæring 2024.pdf", contentType: "application/pdf" });
    expect(readdirSync(uploadDir)).toContain(file!.storageKey);

    // The page shows the grant as its own income line and the preview of the settlement.
    const page = await loader({ request: await signedInRequest(s.db, s.caseworker, url(s)), params: params(s), ...ctx });
    expect(page.paidOre).toBe(100_000_000n);
    expect(page.settlement?.claimOre).toBe(5_000_000n);
    expect(page.canDecide).toBe(true);
    expect(page.canEdit).toBe(false);

    // 20.000 kr. of the training line is not eligible: the claim becomes 50.000 + 20.000 kr.
    const marked = await post(s, s.caseworker, {
      intent: "ineligible",
      [`ineligible_${s.cats[0]}`]: "",
      [`note_${s.cats[0]}`]: "",
      [`ineligible_${s.cats[1]}`]: "20.000,00",
      [`note_${s.cats[1]}`]: "Kursus uden for projektets formål",
    });
    expect(marked.status).toBe(302);
    const committedBefore = await poolAllocated(s.db, s.poolId);
    const approved = await post(s, s.caseworker, { intent: "approve" });
    expect(approved.status).toBe(302);
    await expectLedgerConsistent(s.db);
    const [claim] = await s.db.select().from(repaymentClaims).where(eq(repaymentClaims.grantId, s.grantId));
    expect(claim).toMatchObject({ amountOre: 7_000_000n, status: "claimed" });
    expect((await grantRow(s.db, s.grantId)).status).toBe("accepted");
    expect(await poolAllocated(s.db, s.poolId)).toBe(committedBefore); // nothing returns before the money does

    // A future date is refused; the real date books the repayment.
    const future = await post(s, s.caseworker, { intent: "repaid", claimId: String(claim!.id), paidOn: "2999-01-01" });
    expect(future.status).toBe(400);
    expect((await post(s, s.caseworker, { intent: "repaid", claimId: String(claim!.id), paidOn: "2025-04-15" })).status).toBe(302);
    await expectLedgerConsistent(s.db);
    const g = await grantRow(s.db, s.grantId);
    expect(g).toMatchObject({ status: "closed", paidOre: 93_000_000n, committedOre: 93_000_000n });
    expect(g.closedAt).toBeInstanceOf(Date);
    expect(await poolAllocated(s.db, s.poolId)).toBe(committedBefore - 7_000_000n);
    const entries = await s.db.select().from(grantLedgerEntries).where(eq(grantLedgerEntries.grantId, s.grantId)).orderBy(grantLedgerEntries.id);
    expect(entries.at(-1)).toMatchObject({ kind: "repaid", paidDeltaOre: -7_000_000n, committedDeltaOre: -7_000_000n, repaymentClaimId: claim!.id, bookedOn: "2025-04-15" });
    expect((await s.db.select().from(repaymentClaims).where(eq(repaymentClaims.id, claim!.id)))[0]).toMatchObject({ status: "paid", paidOn: "2025-04-15" });
    // Twice is refused.
    expect((await post(s, s.caseworker, { intent: "repaid", claimId: String(claim!.id), paidOn: "2025-04-15" })).status).toBe(409);

    expect(await actionsFor(s.db, s.grantId)).toEqual([
      "ledger.committed",
      "ledger.paid",
      "accounts.saved",
      "accounts.statement_uploaded",
      "accounts.submitted",
      "accounts.ineligible_marked",
      "accounts.approved",
      "ledger.repaid",
      "repayment.paid",
    ]);
    const mails = await s.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, s.kommune.email));
    expect(mails.map((m) => m.template)).toEqual(["accounts-approved", "accounts-repaid"]);
    expect(mails[0]!.textBody).toContain("70.000,00 kr.");
  });

  it("releases committed money never paid with a cancelled entry and cancels the unpaid payments", async () => {
    const s = await setup({ paidOre: 75_000_000n });
    const [payment] = await s.db
      .insert(payments)
      .values({ grantId: s.grantId, quarter: "2024-Q4", dueOn: "2024-10-01", amountOre: 25_000_000n, status: "planned" })
      .returning();
    await fillAndSubmit(s, ["500.000,00", "200.000,00"]);
    const before = await poolAllocated(s.db, s.poolId);
    expect((await post(s, s.caseworker, { intent: "approve" })).status).toBe(302);
    await expectLedgerConsistent(s.db);
    const entries = await s.db.select().from(grantLedgerEntries).where(eq(grantLedgerEntries.grantId, s.grantId)).orderBy(grantLedgerEntries.id);
    expect(entries.at(-1)).toMatchObject({ kind: "cancelled", committedDeltaOre: -25_000_000n, paidDeltaOre: 0n });
    expect(await poolAllocated(s.db, s.poolId)).toBe(before - 25_000_000n);
    expect((await s.db.select().from(payments).where(eq(payments.id, payment!.id)))[0]!.status).toBe("cancelled");
    const [claim] = await s.db.select().from(repaymentClaims).where(eq(repaymentClaims.grantId, s.grantId));
    expect(claim!.amountOre).toBe(5_000_000n);
    expect(await grantRow(s.db, s.grantId)).toMatchObject({ committedOre: 75_000_000n, paidOre: 75_000_000n });
  });

  it("raises no claim at 499,99 kr. and closes the grant at once; 500,00 kr. is claimed", async () => {
    const under = await setup();
    await fillAndSubmit(under, ["500.000,00", "499.500,01"]);
    expect((await post(under, under.caseworker, { intent: "approve" })).status).toBe(302);
    await expectLedgerConsistent(under.db);
    expect(await under.db.select().from(repaymentClaims).where(eq(repaymentClaims.grantId, under.grantId))).toHaveLength(0);
    expect((await grantRow(under.db, under.grantId)).status).toBe("closed");

    const at = await setup();
    await fillAndSubmit(at, ["500.000,00", "499.500,00"]);
    expect((await post(at, at.caseworker, { intent: "approve" })).status).toBe(302);
    await expectLedgerConsistent(at.db);
    const [claim] = await at.db.select().from(repaymentClaims).where(eq(repaymentClaims.grantId, at.grantId));
    expect(claim!.amountOre).toBe(50_000n);
    expect((await grantRow(at.db, at.grantId)).status).toBe("accepted");
  });

  it("reads the threshold from the pool", async () => {
    const s = await setup();
    await s.db.update(pools).set({ repaymentMinOre: 100_000_01n }).where(eq(pools.id, s.poolId));
    await fillAndSubmit(s, ["500.000,00", "400.000,00"]); // 100.000,00 kr. unspent, under a 100.000,01 kr. threshold
    expect((await post(s, s.caseworker, { intent: "approve" })).status).toBe(302);
    expect(await s.db.select().from(repaymentClaims).where(eq(repaymentClaims.grantId, s.grantId))).toHaveLength(0);
    expect((await grantRow(s.db, s.grantId)).status).toBe("closed");
    await expectLedgerConsistent(s.db);
  });

  it("returns with a reason; the municipality corrects and submits again, and the earlier marks are cleared", async () => {
    const s = await setup();
    await fillAndSubmit(s, ["600.000,00", "400.000,00"]);
    expect((await post(s, s.caseworker, { intent: "return", returnReason: "" })).status).toBe(400);
    expect(
      (await post(s, s.caseworker, {
        intent: "ineligible",
        [`ineligible_${s.cats[0]}`]: "10.000,00",
        [`note_${s.cats[0]}`]: "Ikke dokumenteret",
        [`ineligible_${s.cats[1]}`]: "",
        [`note_${s.cats[1]}`]: "",
      })).status,
    ).toBe(302);
    expect((await post(s, s.caseworker, { intent: "return", returnReason: "Vikarudgifterne mangler bilag." })).status).toBe(302);
    const [acc] = await s.db.select().from(grantAccounts).where(eq(grantAccounts.grantId, s.grantId));
    expect(acc).toMatchObject({ status: "returned", returnReason: "Vikarudgifterne mangler bilag." });
    const mails = await s.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, s.kommune.email));
    expect(mails.map((m) => m.template)).toEqual(["accounts-returned"]);
    expect(mails[0]!.textBody).toContain("Vikarudgifterne mangler bilag.");
    // The ministry cannot approve a returned account.
    expect((await post(s, s.caseworker, { intent: "approve" })).status).toBe(409);

    await fillAndSubmit(s, ["590.000,00", "400.000,00"]);
    const lines = await s.db.select().from(grantAccountLines).where(eq(grantAccountLines.accountsId, acc!.id));
    expect(lines.every((l) => l.ineligibleOre === 0n && l.note === "")).toBe(true);
    expect((await s.db.select().from(grantAccounts).where(eq(grantAccounts.grantId, s.grantId)))[0]!.status).toBe("submitted");
    await expectLedgerConsistent(s.db);
  });

  it("refuses what breaks the rules, with Danish messages", async () => {
    const s = await setup({ paidOre: 75_000_000n });
    // Submit before anything is filled or attached.
    const early = await post(s, s.kommune, { intent: "submit" });
    expect(early.status).toBe(409);
    expect(early.data?.errors.form).toMatch(/revisorerklæringen/);
    // The statement: PDF only, no CPR number in the name, at most 10 MB.
    const docx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new Array(100).fill(0)]);
    const notPdf = await uploadStatement(s, s.kommune, docx, "erklaering.pdf");
    expect(notPdf.status).toBe(400);
    expect(notPdf.data?.errors.file).toMatch(/PDF/);
    const cpr = await uploadStatement(s, s.kommune, await smallPdf(), "Erklæring 010190-1234.pdf");
    expect(cpr.data?.errors.file).toMatch(/CPR-nummer/);
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(new TextEncoder().encode("%PDF-1.4\n"));
    expect((await uploadStatement(s, s.kommune, big)).data?.errors.file).toBe("Filen er for stor. Hver fil må højst fylde 10 MB.");
    expect(await s.db.select().from(grantFiles).where(eq(grantFiles.grantId, s.grantId))).toHaveLength(0);

    // Eligible spending beyond what was paid while money is still committed: pay first.
    await fillAndSubmit(s, ["600.000,00", "300.000,00"]);
    const owed = await post(s, s.caseworker, { intent: "approve" });
    expect(owed.status).toBe(409);
    expect(owed.data?.errors.form).toContain("150.000,00 kr.");
    // Ineligible above what was spent, or without a note.
    const tooMuch = await post(s, s.caseworker, {
      intent: "ineligible",
      [`ineligible_${s.cats[0]}`]: "600.000,01",
      [`note_${s.cats[0]}`]: "x",
      [`ineligible_${s.cats[1]}`]: "1,00",
      [`note_${s.cats[1]}`]: "",
    });
    expect(tooMuch.status).toBe(400);
    expect(Object.keys(tooMuch.data?.errors ?? {}).sort()).toEqual([`ineligible_${s.cats[0]}`, `note_${s.cats[1]}`].sort());
    await expectLedgerConsistent(s.db);
  });

  it("opens the accounts only from the project's last quarter", async () => {
    const s = await setup({ projectEnd: "2999-12-31" });
    const r = await post(s, s.kommune, { intent: "save", [`spent_${s.cats[0]}`]: "1,00", [`spent_${s.cats[1]}`]: "1,00" });
    expect(r.status).toBe(409);
    expect(r.data?.errors.form).toContain("01.10.2999");
  });

  it("keeps each side to its own: roles, other municipalities and the statement download", async () => {
    const s = await setup();
    await fillAndSubmit(s, ["600.000,00", "400.000,00"]);
    const [file] = await s.db.select().from(grantFiles).where(eq(grantFiles.grantId, s.grantId));
    const download = (user: TestUser) =>
      outcome(async () =>
        statementLoader({
          request: await signedInRequest(s.db, user, `${url(s)}/statement/${file!.id}`),
          params: { ...params(s), fileId: file!.id },
          ...ctx,
        }),
      );
    const own = await statementLoader({
      request: await signedInRequest(s.db, s.kommune, "/x"),
      params: { ...params(s), fileId: file!.id },
      ...ctx,
    });
    expect(own.headers.get("content-type")).toBe("application/pdf");
    expect(own.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(new Uint8Array(await own.arrayBuffer())).toEqual(await readStored(file!.storageKey));
    expect((await download(s.caseworker)).status).toBe(200);
    expect((await download(s.admin)).status).toBe(200);
    expect((await download(s.other)).status).toBe(404);
    expect((await download(s.advisor)).status).toBe(403);

    // Another municipality: the page and every action are a 404, the statement too.
    expect((await thrown(loader({ request: await signedInRequest(s.db, s.other, url(s)), params: params(s), ...ctx }))).status).toBe(404);
    for (const fields of [{ intent: "approve" }, { intent: "submit" }, { intent: "nonsense" }]) {
      expect((await post(s, s.other, fields)).status, fields.intent).toBe(404);
    }
    // The municipality may not decide; the ministry may not fill in the municipality's accounts.
    expect((await post(s, s.kommune, { intent: "approve" })).status).toBe(403);
    expect((await post(s, s.kommune, { intent: "return", returnReason: "x" })).status).toBe(403);
    expect((await post(s, s.caseworker, { intent: "submit" })).status).toBe(403);
    expect((await uploadStatement(s, s.caseworker, await smallPdf())).status).toBe(403);
    // An advisor has no grant access at all.
    expect((await post(s, s.advisor, { intent: "approve" })).status).toBe(403);
    await expectLedgerConsistent(s.db);
  });

  it("exports one grant's ledger as XLSX with numbers as numbers and the running balance, scoped", async () => {
    const s = await setup({ paidOre: 33_333_329n });
    const res = await ledgerXlsxLoader({ request: await signedInRequest(s.db, s.kommune, `/grants/${s.grantId}/ledger.xlsx`), params: params(s), ...ctx });
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(res.headers.get("content-disposition")).toMatch(/posteringer-tilsagn-\d+-lolland-\d{4}-\d{2}-\d{2}\.xlsx/);
    const { default: ExcelJS } = await import("exceljs");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const sheet = wb.getWorksheet("Posteringer")!;
    expect(sheet.getRow(1).getCell(6).value).toBe("Disponeret saldo (kr.)");
    expect(sheet.getRow(2).getCell(2).value).toBe("Tilsagn (disponeret)");
    expect(sheet.getRow(2).getCell(4).value).toBe(1000000);
    expect(sheet.getRow(3).getCell(5).value).toBe(333333.29);
    expect(sheet.getRow(3).getCell(8).value).toBe(666666.71); // committed − paid after the payment
    expect(sheet.getRow(3).getCell(10).value).toBe(33_333_329);
    expect(typeof sheet.getRow(3).getCell(7).value).toBe("number");
    expect((sheet.getRow(4).getCell(5).value as { result: number }).result).toBe(333333.29);
    // Another municipality: 404; an advisor: 403.
    expect((await outcome(async () => ledgerXlsxLoader({ request: await signedInRequest(s.db, s.other, "/x"), params: params(s), ...ctx }))).status).toBe(404);
    expect((await outcome(async () => ledgerXlsxLoader({ request: await signedInRequest(s.db, s.advisor, "/x"), params: params(s), ...ctx }))).status).toBe(403);
  });

  it("never sweeps a grant's stored file as an orphan", async () => {
    const s = await setup();
    expect((await uploadStatement(s, s.kommune, await smallPdf())).status).toBe(302);
    const [file] = await s.db.select().from(grantFiles).where(eq(grantFiles.grantId, s.grantId));
    await sweepOrphanUploads(s.db, { now: new Date(Date.now() + 24 * 3600 * 1000) });
    expect(readdirSync(uploadDir)).toContain(file!.storageKey);
  });
});

async function readStored(key: string) {
  return new Uint8Array(readFileSync(path.join(uploadDir, key)));
}
