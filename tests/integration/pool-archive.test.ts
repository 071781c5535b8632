// The close-out archive: read back the ZIP the export streams, for the demo pool after it
// is closed (reads and exports keep working). Every table's CSV has the table's row count
// for the pool, the workbook a sheet per table with the same rows, and the totals equal the
// ledger to the øre.
import { PassThrough } from "node:stream";
import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import yauzl from "yauzl";
import { beforeAll, describe, expect, it } from "vitest";
import { rowsOf, type Database } from "#db/client";
import { seedDemo } from "#db/seed/demo";
import { getDb } from "~/db.server";
import { ARCHIVE_TABLES, writePoolArchive } from "~/domain/pools/archive.server";

let db: Database;
let poolId: number;
let files: Map<string, Buffer>;
let counts: Record<string, number>;

function unzip(buffer: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const out = new Map<string, Buffer>();
      zip.on("entry", (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("end", () => {
            out.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on("end", () => resolve(out));
      zip.on("error", reject);
      zip.readEntry();
    });
  });
}

const csvRows = (b: Buffer): string[][] => parse(b.toString("utf8").replace(/^\uFEFF/, ""), { delimiter: ";", relax_column_count: false });

beforeAll(async () => {
  db = await getDb();
  await seedDemo(db, { now: new Date("2026-03-10T09:00:00Z") });
  const [p] = rowsOf<{ id: number }>(await db.execute(sql`SELECT id FROM pools ORDER BY id LIMIT 1`));
  poolId = Number(p.id);
  await db.execute(sql`UPDATE pools SET closed_at = now() WHERE id = ${poolId}`);
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const ended = new Promise((r) => out.on("end", r));
  const started = performance.now();
  counts = await writePoolArchive(db, poolId, out, { at: new Date(), byName: "Test" });
  await ended;
  const bytes = Buffer.concat(chunks);
  console.log(`pool archive: ${bytes.length} bytes, ${Object.values(counts).reduce((a, b) => a + b, 0)} rows, ${Math.round(performance.now() - started)} ms`);
  files = await unzip(bytes);
}, 300_000);

describe("the pool archive", () => {
  it("has a CSV per table with the pool's rows, and the audit trail", async () => {
    for (const t of ARCHIVE_TABLES) {
      const [{ n }] = rowsOf<{ n: number }>(await db.execute(sql`SELECT count(*)::int AS n FROM ${sql.raw(`"${t.table}"`)} WHERE ${t.where(poolId)}`));
      const csv = files.get(`csv/${t.file}.csv`);
      expect(csv, t.file).toBeDefined();
      expect(csv!.subarray(0, 3).toString("hex"), "BOM").toBe("efbbbf");
      expect(csvRows(csv!).length - 1, t.file).toBe(Number(n));
      expect(counts[t.file]).toBe(Number(n));
    }
    // Independent of pool_of: the grants and the ledger by their own pool_id.
    const [{ g, l }] = rowsOf<{ g: number; l: number }>(
      await db.execute(sql`SELECT (SELECT count(*) FROM grants WHERE pool_id = ${poolId})::int AS g, (SELECT count(*) FROM grant_ledger_entries WHERE pool_id = ${poolId})::int AS l`),
    );
    expect(counts.grants).toBe(Number(g));
    expect(counts.grant_ledger_entries).toBe(Number(l));
    expect(counts.grants).toBeGreaterThan(0);
    expect(counts.revisionsspor).toBeGreaterThan(0);
    const audit = csvRows(files.get("csv/revisionsspor.csv")!);
    expect(audit[0]).toContain("entity_type");
  });

  it("gives the totals equal to the ledger, to the øre", async () => {
    const totals = new Map(csvRows(files.get("slutrapport-tal.csv")!).slice(1).map(([k, , v]) => [k, BigInt(v)]));
    const [ledger] = rowsOf<{ committed: string; paid: string }>(
      await db.execute(sql`SELECT coalesce(sum(committed_delta_ore), 0)::text AS committed, coalesce(sum(paid_delta_ore), 0)::text AS paid FROM grant_ledger_entries WHERE pool_id = ${poolId}`),
    );
    expect(totals.get("committed")).toBe(BigInt(ledger.committed));
    expect(totals.get("net_paid")).toBe(BigInt(ledger.paid));
    // And equal to the ledger CSV in the archive itself.
    const rows = csvRows(files.get("csv/grant_ledger_entries.csv")!);
    const col = rows[0].indexOf("committed_delta_ore");
    expect(rows.slice(1).reduce((s, r) => s + BigInt(r[col]), 0n)).toBe(BigInt(ledger.committed));
    expect(files.get("slutrapport.pdf")!.subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("has one workbook with a sheet per table and the same rows", async () => {
    const { default: ExcelJS } = await import("exceljs");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(files.get("tabeller.xlsx")! as never);
    expect(wb.worksheets).toHaveLength(ARCHIVE_TABLES.length);
    expect(wb.getWorksheet("grants")!.actualRowCount).toBe(counts.grants + 1);
    expect(wb.getWorksheet("grant_ledger_entries")!.actualRowCount).toBe(counts.grant_ledger_entries + 1);
  });

  it("has the decision letters as PDF files", () => {
    const letters = [...files.keys()].filter((n) => n.startsWith("tilsagnsbreve/"));
    expect(letters).toHaveLength(counts.tilsagnsbreve);
    expect(letters.length).toBeGreaterThan(0);
    for (const n of letters) expect(files.get(n)!.subarray(0, 5).toString()).toBe("%PDF-");
  });
});
