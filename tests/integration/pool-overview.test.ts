// The pool overview (puljeoverblik) and its XLSX: after a sequence of money commands
// (commit, pay, lapse, repay, cancel, correct) every figure equals the ledger's own sums and
// the pool row's guarded counter, to the øre; the export reads back with numbers as numbers
// and totals equal to the page's; ministry only (municipality and advisor 403); an unknown
// pool is 404; a pool without grants shows its empty state.
import ExcelJS from "exceljs";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { calls, grantLedgerEntries, grants, pools } from "#db/schema";
import { getDb } from "~/db.server";
import { lapseOverdueGrants } from "~/domain/grants/acceptance.server";
import { postLedgerEntry } from "~/domain/grants/ledger.server";
import { getPoolOverview, listPoolSummaries } from "~/domain/pools/overview.server";
import { oreToKronerNumber } from "~/utils/money";
import { loader as poolsLoader } from "~/routes/pools._index";
import { loader as poolLoader } from "~/routes/pools.$poolId._index";
import { loader as xlsxLoader } from "~/routes/pools.$poolId.export[.]xlsx";
import { createUser, signedInRequest, type TestUser } from "../fixtures";
import { settle } from "../support/route-result";
import { makeAssessmentCall } from "./assessment-fixtures";
import { expectLedgerConsistent, makeGrant, systemActor } from "./grant-fixtures";

let db: Awaited<ReturnType<typeof getDb>>;
let caseworker: TestUser;
let municipality: TestUser;
let advisor: TestUser;
const ctx = { context: {} } as const;
let poolId: number;
let emptyPoolId: number;

async function move(grantId: number, m: Omit<Parameters<typeof postLedgerEntry>[2], "grantId">) {
  const r = await db.transaction((tx) => postLedgerEntry(tx, systemActor, { grantId, ...m }));
  if (!r.ok) throw new Error(r.message);
}

/** The ledger's sums for one pool, by kind, straight from the table (the test's own arithmetic). */
async function ledgerByKind(pool: number) {
  const rows = await db
    .select({
      kind: grantLedgerEntries.kind,
      committed: sql<string>`sum(${grantLedgerEntries.committedDeltaOre})::text`,
      paid: sql<string>`sum(${grantLedgerEntries.paidDeltaOre})::text`,
    })
    .from(grantLedgerEntries)
    .where(eq(grantLedgerEntries.poolId, pool))
    .groupBy(grantLedgerEntries.kind);
  const by = (kind: string) => rows.find((r) => r.kind === kind);
  return {
    committed: (k: string) => BigInt(by(k)?.committed ?? 0),
    paid: (k: string) => BigInt(by(k)?.paid ?? 0),
    allCommitted: rows.reduce((s, r) => s + BigInt(r.committed), 0n),
    allPaid: rows.reduce((s, r) => s + BigInt(r.paid), 0n),
  };
}

beforeAll(async () => {
  db = await getDb();
  const { call } = await makeAssessmentCall(db);
  const [pool] = await db
    .insert(pools)
    .values({ name: "Testpulje til overblik", financeLine: "§ 15.26.35.10", totalOre: 1_430_000_000n, startsOn: "2022-01-01", endsOn: "2025-09-30" })
    .returning();
  poolId = pool!.id;
  await db.update(calls).set({ poolId }).where(eq(calls.id, call.id));
  const [empty] = await db
    .insert(pools)
    .values({ name: "Tom testpulje", financeLine: "§ 15.26.35.20", totalOre: 500_000_000n, startsOn: "2024-01-01", endsOn: "2026-12-31" })
    .returning();
  emptyPoolId = empty!.id;
  caseworker = await createUser(db, "caseworker");
  municipality = await createUser(db, "municipality", { municipalityCode: "0360" });
  advisor = await createUser(db, "advisor");

  // Lolland: committed, paid twice (one odd øre), then a repayment after the accounts.
  const lolland = (await makeGrant(db, call.id, "0360", { awardedOre: 412_345_678n, poolId })).grant;
  // Faxe: committed, never accepted: lapses.
  const faxe = (await makeGrant(db, call.id, "0320", { awardedOre: 250_000_000n, poolId })).grant;
  // Samsø: committed, half paid, the rest cancelled; a correction of the payment.
  const samso = (await makeGrant(db, call.id, "0741", { awardedOre: 100_000_001n, poolId })).grant;
  await db.update(grants).set({ status: "accepted" }).where(eq(grants.id, lolland.id));
  await db.update(grants).set({ status: "accepted" }).where(eq(grants.id, samso.id));
  await move(lolland.id, { kind: "paid", paidDeltaOre: 200_000_000n, bookedOn: "2023-01-16" });
  await move(lolland.id, { kind: "paid", paidDeltaOre: 100_000_033n, bookedOn: "2023-04-03" });
  await db.transaction((tx) => lapseOverdueGrants(tx, new Date("2023-02-01T12:00:00Z")));
  // Struer: decided after that, nothing booked yet (shows with zeros).
  await makeGrant(db, call.id, "0671", { awardedOre: 50_000_000n, poolId, commit: false });
  await move(samso.id, { kind: "paid", paidDeltaOre: 50_000_000n, bookedOn: "2023-01-16" });
  await move(samso.id, { kind: "corrected", paidDeltaOre: -1_250n, note: "Fejl i beløb", bookedOn: "2023-01-20" });
  await move(samso.id, { kind: "cancelled", committedDeltaOre: -50_001_251n, bookedOn: "2024-06-30" });
  await move(lolland.id, { kind: "cancelled", committedDeltaOre: -112_345_645n, bookedOn: "2025-05-01" });
  await move(lolland.id, { kind: "repaid", paidDeltaOre: -61_234n, committedDeltaOre: -61_234n, bookedOn: "2025-05-20" });
  await db.update(grants).set({ status: "closed" }).where(eq(grants.id, lolland.id));
}, 120_000);

describe("pool overview", () => {
  it("sums every figure from the ledger, equal to the pool row's counter and the grants' counters, to the øre", async () => {
    await expectLedgerConsistent(db);
    const [p] = await listPoolSummaries(db, poolId);
    const [row] = await db.select().from(pools).where(eq(pools.id, poolId));
    const l = await ledgerByKind(poolId);
    expect(p!.committedOre).toBe(BigInt(row!.allocatedOre));
    expect(p!.committedOre).toBe(l.allCommitted);
    expect(p!.grantedOre).toBe(l.committed("committed"));
    expect(p!.grantedOre).toBe(412_345_678n + 250_000_000n + 100_000_001n);
    expect(p!.lapsedOre).toBe(250_000_000n);
    expect(p!.cancelledOre).toBe(50_001_251n + 112_345_645n);
    expect(p!.repaidOre).toBe(61_234n);
    expect(p!.paidOre).toBe(200_000_000n + 100_000_033n + 50_000_000n - 1_250n);
    expect(p!.netPaidOre).toBe(l.allPaid);
    expect(p!.committedOre).toBe(p!.grantedOre - p!.lapsedOre - p!.cancelledOre - p!.repaidOre + p!.correctedCommittedOre);
    expect(p!.uncommittedOre).toBe(1_430_000_000n - p!.committedOre);
    expect(p!.outstandingOre).toBe(p!.committedOre - p!.netPaidOre);
    expect(p!.grantCount).toBe(4);

    const overview = (await getPoolOverview(db, poolId))!;
    expect(overview.grants.map((g) => g.municipalityName)).toEqual(["Faxe", "Lolland", "Samsø", "Struer"]);
    const sum = (k: "grantedOre" | "committedOre" | "paidOre" | "repaidOre" | "outstandingOre" | "lapsedOre" | "cancelledOre") =>
      overview.grants.reduce((s, g) => s + g[k], 0n);
    for (const k of ["grantedOre", "committedOre", "paidOre", "repaidOre", "outstandingOre", "lapsedOre", "cancelledOre"] as const) {
      expect(sum(k), k).toBe(p![k]);
    }
    const byName = new Map(overview.grants.map((g) => [g.municipalityName, g]));
    for (const g of overview.grants) {
      const [counter] = await db.select().from(grants).where(eq(grants.id, g.grantId));
      expect(g.committedOre).toBe(BigInt(counter!.committedOre));
      expect(g.netPaidOre).toBe(BigInt(counter!.paidOre));
    }
    expect(byName.get("Faxe")).toMatchObject({ status: "lapsed", lapsedOre: 250_000_000n, committedOre: 0n });
    expect(byName.get("Lolland")).toMatchObject({ status: "closed", repaidOre: 61_234n, outstandingOre: 0n });
    expect(byName.get("Samsø")).toMatchObject({ committedOre: 49_998_750n, paidOre: 49_998_750n, outstandingOre: 0n });
    expect(byName.get("Struer")).toMatchObject({ status: "offered", grantedOre: 0n, committedOre: 0n });
  });

  it("serves the pages to the ministry only: municipality and advisor are refused, an unknown pool is not found", async () => {
    const list = (await poolsLoader({ request: await signedInRequest(db, caseworker, "/pools"), params: {}, ...ctx })) as any;
    expect(list.pools.map((p: { id: number }) => p.id)).toEqual(expect.arrayContaining([poolId, emptyPoolId]));
    const page = (await poolLoader({ request: await signedInRequest(db, caseworker, `/pools/${poolId}`), params: { poolId: String(poolId) }, ...ctx })) as any;
    expect(page.grants).toHaveLength(4);
    for (const u of [municipality, advisor]) {
      for (const [loader, path, params] of [
        [poolsLoader, "/pools", {}],
        [poolLoader, `/pools/${poolId}`, { poolId: String(poolId) }],
        [xlsxLoader, `/pools/${poolId}/export.xlsx`, { poolId: String(poolId) }],
      ] as const) {
        const r = await settle((loader as typeof poolLoader)({ request: await signedInRequest(db, u, path), params, ...ctx }));
        expect(r, `${u.role} ${path}`).toMatchObject({ status: 403 });
      }
    }
    const missing = await settle(poolLoader({ request: await signedInRequest(db, caseworker, "/pools/999999"), params: { poolId: "999999" }, ...ctx }));
    expect(missing).toMatchObject({ status: 404 });
    const missingXlsx = await settle(xlsxLoader({ request: await signedInRequest(db, caseworker, "/pools/999999/export.xlsx"), params: { poolId: "999999" }, ...ctx }));
    expect(missingXlsx).toMatchObject({ status: 404 });
  });

  it("exports the same figures as XLSX: numbers as numbers, kroner from øre, a totals row equal to the pool's sums", async () => {
    const res = (await xlsxLoader({ request: await signedInRequest(db, caseworker, `/pools/${poolId}/export.xlsx`), params: { poolId: String(poolId) }, ...ctx })) as Response;
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="puljeoverblik-/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const [p] = await listPoolSummaries(db, poolId);
    const sheet = wb.getWorksheet("Tilsagn")!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    const col = (h: string) => header.indexOf(h) + 1;
    expect(sheet.rowCount).toBe(6); // header, four grants, totals
    const totals = sheet.getRow(6);
    expect(totals.getCell(1).value).toBe("I alt");
    const cell = (r: ExcelJS.Row, h: string) => {
      const v = r.getCell(col(h)).value as number | { formula: string; result?: number };
      if (typeof v === "number") return v;
      expect(v.formula).toMatch(/^SUM\(/);
      // exceljs leaves a cached result of 0 out of the file (the formula still sums to it).
      return v.result ?? 0;
    };
    for (const [label, ore] of [
      ["Tilsagn", p!.grantedOre],
      ["Disponeret", p!.committedOre],
      ["Udbetalt", p!.paidOre],
      ["Tilbagebetalt", p!.repaidOre],
      ["Ikke udbetalt", p!.outstandingOre],
      ["Bortfaldet", p!.lapsedOre],
    ] as const) {
      expect(cell(totals, `${label} (kr.)`), label).toBe(oreToKronerNumber(ore));
      expect(cell(totals, `${label} (øre)`), label).toBe(Number(ore));
      // The data rows are numbers too, and add up to the totals row in øre exactly.
      let rowsOre = 0;
      for (let i = 2; i <= 5; i++) {
        const v = sheet.getRow(i).getCell(col(`${label} (øre)`)).value;
        expect(typeof v).toBe("number");
        expect(typeof sheet.getRow(i).getCell(col(`${label} (kr.)`)).value).toBe("number");
        rowsOre += v as number;
      }
      expect(rowsOre).toBe(Number(ore));
    }
    const lolland = [2, 3, 4, 5].map((i) => sheet.getRow(i)).find((r) => r.getCell(col("Kommune")).value === "Lolland")!;
    expect(lolland.getCell(col("Udbetalt (kr.)")).value).toBe(3_000_000.33);
    expect(lolland.getCell(col("Udbetalt (kr.)")).numFmt).toBe("#,##0.00");
    expect(lolland.getCell(col("Status")).value).toBe("Afsluttet");

    const summary = wb.getWorksheet("Pulje")!;
    const line = (label: string) => {
      for (let i = 2; i <= summary.rowCount; i++) if (summary.getRow(i).getCell(1).value === label) return summary.getRow(i);
      throw new Error(label);
    };
    expect(line("Disponeret nu").getCell(3).value).toBe(Number(p!.committedOre));
    expect(line("Ikke disponeret").getCell(2).value).toBe(oreToKronerNumber(p!.uncommittedOre));
    expect(line("Puljens ramme").getCell(2).value).toBe(14_300_000);
  });

  it("shows a pool without grants with zeros and no grant rows (the empty state), and exports it with a zero totals row", async () => {
    const overview = (await getPoolOverview(db, emptyPoolId))!;
    expect(overview.grants).toEqual([]);
    expect(overview.pool).toMatchObject({ committedOre: 0n, paidOre: 0n, uncommittedOre: 500_000_000n, grantCount: 0 });
    const page = (await poolLoader({ request: await signedInRequest(db, caseworker, `/pools/${emptyPoolId}`), params: { poolId: String(emptyPoolId) }, ...ctx })) as any;
    expect(page.grants).toEqual([]);
    const res = (await xlsxLoader({ request: await signedInRequest(db, caseworker, `/pools/${emptyPoolId}/export.xlsx`), params: { poolId: String(emptyPoolId) }, ...ctx })) as Response;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    expect(wb.getWorksheet("Tilsagn")!.rowCount).toBe(2); // header and totals
  });
});
