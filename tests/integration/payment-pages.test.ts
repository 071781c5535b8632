// The payment pages and the export through their loaders/actions, the scope (a
// municipality sees its own plan read-only, never another's), and the quarterly job.
import ExcelJS from "exceljs";
import { and, eq, ne } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { grants, payments } from "#db/schema";
import { markPaymentPaid, approvePayment, preparePayment } from "~/domain/payments/commands.server";
import { prepareNextQuarterPayments } from "~/domain/payments/prepare-job.server";
import { replanUnpaidPayments } from "~/domain/grants/payment-replan.server";
import { preparePaymentsJob } from "~/jobs/registry.server";
import { oreToKronerNumber } from "~/utils/money";
import { action as manageAction, loader as manageLoader } from "~/routes/grants.$grantId.payments";
import { loader as grantLoader } from "~/routes/grants.$grantId._index";
import { loader as worklistLoader } from "~/routes/payments._index";
import { loader as csvLoader } from "~/routes/payments.export[.]csv";
import { loader as xlsxLoader } from "~/routes/payments.export[.]xlsx";
import { createUser, postForm, seedBase, signedInRequest, type TestUser } from "../fixtures";
import { getDb } from "~/db.server";
import { settle } from "../support/route-result";
import { expectLedgerConsistent, systemActor } from "./grant-fixtures";
import { makePayableGrant } from "./payment-fixtures";

// The routes read getDb(): the file's own database.
let t: { db: Awaited<ReturnType<typeof getDb>> };
let caseworker: TestUser;
let second: TestUser;
let lollandUser: TestUser;
let faxeUser: TestUser;
let lolland: Awaited<ReturnType<typeof makePayableGrant>>;
let faxe: Awaited<ReturnType<typeof makePayableGrant>>;
const ctx = { context: {} } as const;

const rowsOf = (grantId: number) =>
  t.db.select().from(payments).where(and(eq(payments.grantId, grantId), ne(payments.status, "cancelled"))).orderBy(payments.quarter);

beforeAll(async () => {
  t = { db: await getDb() };
  await seedBase(t.db);
  caseworker = await createUser(t.db, "caseworker");
  second = await createUser(t.db, "admin");
  lollandUser = await createUser(t.db, "municipality", { municipalityCode: "0360" });
  faxeUser = await createUser(t.db, "municipality", { municipalityCode: "0320" });
  lolland = await makePayableGrant(t.db, { municipalityCode: "0360" });
  faxe = await makePayableGrant(t.db, { municipalityCode: "0320" });
  for (const g of [lolland, faxe]) await t.db.transaction((tx) => replanUnpaidPayments(tx, systemActor, g.grant.id));
}, 120_000);

describe("payment pages", () => {
  it("the municipality sees its own plan on the grant page, read-only; another municipality's grant is not found", async () => {
    const page = (await grantLoader({ request: await signedInRequest(t.db, lollandUser, `/grants/${lolland.grant.id}`), params: { grantId: String(lolland.grant.id) }, ...ctx })) as any;
    expect(page.payments.rows).toHaveLength(8);
    expect(page.payments.manage).toBe(false);
    const other = await settle(grantLoader({ request: await signedInRequest(t.db, lollandUser, `/grants/${faxe.grant.id}`), params: { grantId: String(faxe.grant.id) }, ...ctx }));
    expect(other).toMatchObject({ status: 404 });
    const manage = await settle(manageLoader({ request: await signedInRequest(t.db, lollandUser, `/grants/${lolland.grant.id}/payments`), params: { grantId: String(lolland.grant.id) }, ...ctx }));
    expect(manage).toMatchObject({ status: 403 });
    const post = await settle(manageAction({ request: await postForm(t.db, faxeUser, `/grants/${faxe.grant.id}/payments`, { intent: "prepare", paymentId: "1" }), params: { grantId: String(faxe.grant.id) }, ...ctx }));
    expect(post).toMatchObject({ status: 403 });
    for (const u of [lollandUser, faxeUser]) {
      expect(await settle(csvLoader({ request: await signedInRequest(t.db, u, "/payments/export.csv"), params: {}, ...ctx }))).toMatchObject({ status: 403 });
    }
  });

  it("caseworker prepares, the same person cannot approve (the page says why), another approves, marks paid; the hold is shown and refuses", async () => {
    const [q1] = await rowsOf(lolland.grant.id);
    const url = `/grants/${lolland.grant.id}/payments`;
    const params = { grantId: String(lolland.grant.id) };
    const go = async (u: TestUser, fields: Record<string, string>) => settle(manageAction({ request: await postForm(t.db, u, url, fields), params, ...ctx }));
    expect(await go(caseworker, { intent: "prepare", paymentId: String(q1!.id) })).toMatchObject({ status: 302 });
    const self = (await go(caseworker, { intent: "approve", paymentId: String(q1!.id) })) as any;
    expect(self.init.status).toBe(403);
    expect(self.data.errors.form).toContain("fire øjne");
    // The page offers the preparer no approve button.
    const view = (await manageLoader({ request: await signedInRequest(t.db, caseworker, url), params, ...ctx })) as any;
    expect(view.rows[0]).toMatchObject({ status: "prepared", mine: true });
    expect(await go(second, { intent: "approve", paymentId: String(q1!.id) })).toMatchObject({ status: 302 });
    expect(await go(caseworker, { intent: "markPaid", paymentId: String(q1!.id), paidOn: "2023-01-16" })).toMatchObject({ status: 302 });
    await expectLedgerConsistent(t.db);
    // A payment of another grant cannot be moved through this grant's page.
    const [f1] = await rowsOf(faxe.grant.id);
    expect(await go(caseworker, { intent: "prepare", paymentId: String(f1!.id) })).toMatchObject({ status: 404 });
    // Hold with a reason: shown on both pages, prepare refused with the reason.
    expect(await go(caseworker, { intent: "hold", holdReason: "Statusrapport 1 mangler" })).toMatchObject({ status: 302 });
    const grantPage = (await grantLoader({ request: await signedInRequest(t.db, lollandUser, `/grants/${lolland.grant.id}`), params, ...ctx })) as any;
    expect(grantPage.payments.holdReason).toBe("Statusrapport 1 mangler");
    const refusedPrepare = (await go(caseworker, { intent: "prepare", paymentId: String((await rowsOf(lolland.grant.id))[1]!.id) })) as any;
    expect(refusedPrepare.init.status).toBe(409);
    expect(refusedPrepare.data.errors.form).toContain("Statusrapport 1 mangler");
    const held = (await worklistLoader({ request: await signedInRequest(t.db, caseworker, "/payments?view=held"), params: {}, ...ctx })) as any;
    expect(held.rows.every((r: { grantId: number }) => r.grantId === lolland.grant.id)).toBe(true);
    expect(held.total).toBe(7);
    expect(await go(caseworker, { intent: "release" })).toMatchObject({ status: 302 });
    // A junk form is a 400 for a visible grant.
    expect(await go(caseworker, { intent: "explode" })).toMatchObject({ init: { status: 400 } });
  });

  it("exports approved and paid payments: CSV in Danish with ';', XLSX with number cells in kroner and øre", async () => {
    const [, q2] = await rowsOf(faxe.grant.id);
    await preparePayment(t.db, caseworker, q2!.id);
    await approvePayment(t.db, second, q2!.id);
    const csv = await (csvLoader({ request: await signedInRequest(t.db, caseworker, "/payments/export.csv"), params: {}, ...ctx }) as Promise<Response>);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs
    const lines = new TextDecoder().decode(bytes).split("\r\n");
    expect(lines[0]).toBe("Udbetalings-id;Kommunekode;Kommune;Reference;Tilsagn;Kvartal;Forfaldsdato;Status;Udbetalt den;Beløb (kr.);Beløb (øre)");
    const paidLine = lines.find((l) => l.includes(";Udbetalt;"))!;
    const [lq1] = await rowsOf(lolland.grant.id);
    expect(paidLine).toContain(`;"=""0360""";Lolland Kommune;`); // ="0360": the code stays text
    expect(paidLine).toContain(`;1. kvt. 2023;12.01.2023;Udbetalt;16.01.2023;`);
    expect(paidLine.endsWith(`;${lq1!.amountOre}`)).toBe(true);
    expect(lines.some((l) => l.includes(";Godkendt;"))).toBe(true);

    const res = await (xlsxLoader({ request: await signedInRequest(t.db, caseworker, "/payments/export.xlsx"), params: {}, ...ctx }) as Promise<Response>);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const sheet = wb.getWorksheet("Udbetalinger")!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const kr = header.indexOf("Beløb (kr.)") + 1;
    const ore = header.indexOf("Beløb (øre)") + 1;
    const code = header.indexOf("Kommunekode") + 1;
    expect(sheet.rowCount).toBe(4); // header, two payments, totals
    const row = [2, 3].map((i) => sheet.getRow(i)).find((r) => r.getCell(code).value === "0360")!;
    expect(typeof row.getCell(kr).value).toBe("number");
    expect(row.getCell(kr).value).toBe(oreToKronerNumber(lq1!.amountOre));
    expect(row.getCell(kr).numFmt).toBe("#,##0.00");
    expect(row.getCell(ore).value).toBe(Number(lq1!.amountOre));
    expect(row.getCell(code).numFmt).toBe("@");
    const approvedOnly = await (xlsxLoader({ request: await signedInRequest(t.db, caseworker, "/payments/export.xlsx?status=approved"), params: {}, ...ctx }) as Promise<Response>);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(Buffer.from(await approvedOnly.arrayBuffer()) as never);
    expect(wb2.getWorksheet("Udbetalinger")!.rowCount).toBe(3);
  });

  it("oreToKronerNumber is exact to the øre without dividing a float", () => {
    expect(oreToKronerNumber(123_456_750n)).toBe(1234567.5);
    expect(oreToKronerNumber(1n)).toBe(0.01);
    expect(oreToKronerNumber(-1_005n)).toBe(-10.05);
    expect(oreToKronerNumber(1_430_000_000n)).toBe(14300000);
    // 0,29 kr. as a float division gives 0.29 too, but 1.005 * 100 style drift never enters: the text is parsed once.
    expect(oreToKronerNumber(100_000_001n).toFixed(2)).toBe("1000000.01");
  });
});

describe("prepare next quarter's payments (job)", () => {
  it("prepares accepted, not held grants' payments up to next quarter, once; a held grant is skipped; a grant without a plan gets one", async () => {
    const a = await makePayableGrant(t.db, { municipalityCode: "0482" }); // no plan yet
    const held = await makePayableGrant(t.db, { municipalityCode: "0400" });
    await t.db.transaction((tx) => replanUnpaidPayments(tx, systemActor, held.grant.id));
    await t.db.update(grants).set({ paymentHoldReason: "Regnskab mangler" }).where(eq(grants.id, held.grant.id));
    const offered = await makePayableGrant(t.db, { municipalityCode: "0250", accepted: false });
    const now = new Date("2023-03-15T10:00:00Z"); // in Q1: next quarter is Q2
    expect(preparePaymentsJob.dueKey(now)).toBe("2023-Q2");
    const result = await t.db.transaction((tx) => prepareNextQuarterPayments(tx, now));
    expect(result.quarter).toBe("2023-Q2");
    const aRows = await rowsOf(a.grant.id);
    expect(aRows).toHaveLength(8);
    expect(aRows.filter((p) => p.status === "prepared").map((p) => p.quarter)).toEqual(["2023-Q1", "2023-Q2"]);
    expect(aRows.find((p) => p.quarter === "2023-Q2")!.preparedBy).toBeNull();
    expect((await rowsOf(held.grant.id)).every((p) => p.status === "planned")).toBe(true);
    expect(await rowsOf(offered.grant.id)).toHaveLength(0);
    // Running again in the same quarter changes nothing.
    const again = await t.db.transaction((tx) => prepareNextQuarterPayments(tx, now));
    expect(again.prepared).toBe(0);
    // Any ministry user may approve what the system prepared.
    expect(await approvePayment(t.db, caseworker, aRows[0]!.id)).toMatchObject({ ok: true });
    expect(await markPaymentPaid(t.db, second, aRows[0]!.id, "2023-03-20")).toMatchObject({ ok: true });
    await expectLedgerConsistent(t.db);
  });
});
