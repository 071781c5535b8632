// The pool's archive (arkivudtræk) for close-out: one ZIP, streamed while it is written (a
// page of rows at a time, waiting when the client reads slower), never built in memory:
//   LÆSMIG.txt               what is in it, when it was made, whether the pool is closed
//   slutrapport.pdf          the final report: the pool's totals and each grant's, from the ledger
//   slutrapport-tal.csv      the same totals as numbers (øre), for machines
//   csv/<table>.csv          every table of the pool (UTF-8 with BOM, semicolons: app/utils/csv.ts)
//   csv/revisionsspor.csv    the audit trail of the pool's entities
//   tabeller.xlsx            one workbook, a sheet per table and the audit trail
//   tilsagnsbreve/<id>.pdf   the decision letters as sent
// Which rows belong to the pool is the database's own answer, pool_of() (migration 0015),
// the same the close-out guard uses. Values are read as text in SQL, so both drivers give
// the same strings. See docs/decisions/026.
import { once } from "node:events";
import { PassThrough, type Writable } from "node:stream";
import { sql } from "drizzle-orm";
import { Zip, ZipDeflate, ZipPassThrough } from "fflate";
import { rowsOf, type Executor } from "#db/client";
import { raw, toCsv, type Cell } from "~/utils/csv";
import { formatDate, formatDateTime } from "~/utils/dates";
import { formatOre } from "~/utils/money";
import { openTaggedPdf, PDF_BOLD, PDF_REGULAR } from "~/utils/pdf-document.server";
import { getPoolOverview, type PoolOverview } from "./overview.server";
import { POOL_OWNED, type PoolOfKind } from "./pool-tables";

const PAGE_ROWS = 2000;
/** Numbers the database wrote (øre, ids, counts): written as they are; every other value is text, defused against formulas. */
const NUMERIC = new Set(["smallint", "integer", "bigint", "numeric"]);

/** One exported table: its file name and the SQL that picks the pool's rows. */
export type ArchiveTable = { table: string; file: string; where: (poolId: number) => ReturnType<typeof sql.raw> };

// Audit rows whose entity belongs to the pool (entity types as the commands write them).
const AUDIT_KINDS: Record<string, PoolOfKind> = {
  pool: "pool",
  call: "call",
  application: "application",
  allocation_round: "allocation_round",
  grant: "grant",
  programme: "programme",
  milestone: "milestone",
  session: "session",
  progress_report: "report",
  report: "report",
};

function auditWhere(poolId: number) {
  const cases = Object.entries(AUDIT_KINDS)
    .map(([type, kind]) => `WHEN '${type}' THEN pool_of('${kind}', entity_id::bigint) = ${poolId}`)
    .join(" ");
  return sql.raw(
    `entity_id ~ '^[0-9]{1,18}$' AND (CASE entity_type ${cases} ` +
      `WHEN 'payment' THEN pool_of('grant', (SELECT p.grant_id FROM payments p WHERE p.id = entity_id::bigint)) = ${poolId} ELSE false END)`,
  );
}

export const ARCHIVE_TABLES: ArchiveTable[] = [
  { table: "pools", file: "pools", where: (id) => sql.raw(`id = ${id}`) },
  ...POOL_OWNED.map(([table, kind, column]) => ({ table, file: table, where: (id: number) => sql.raw(`pool_of('${kind}', ${column}) = ${id}`) })),
  { table: "audit_log", file: "revisionsspor", where: auditWhere },
];

type Column = { name: string; type: string };

async function columnsOf(db: Executor, table: string): Promise<Column[]> {
  const rows = rowsOf<{ name: string; type: string }>(
    await db.execute(sql`SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ${table} ORDER BY ordinal_position`),
  );
  return rows;
}

/** The pool's rows of one table, a page at a time, every value as text (or null). */
async function* tableRows(db: Executor, t: ArchiveTable, columns: Column[], poolId: number): AsyncGenerator<(string | null)[][]> {
  // File contents (bytea) stay out of the CSV: their size is written instead (letters are files of their own).
  const list = columns.map((c) => (c.type === "bytea" ? `octet_length("${c.name}")::text || ' bytes'` : `"${c.name}"::text`)).join(", ");
  for (let offset = 0; ; offset += PAGE_ROWS) {
    const rows = rowsOf<Record<string, string | null>>(
      await db.execute(sql`SELECT ${sql.raw(list)} FROM ${sql.raw(`"${t.table}"`)} WHERE ${t.where(poolId)} ORDER BY ctid LIMIT ${PAGE_ROWS} OFFSET ${offset}`),
    );
    if (rows.length === 0) return;
    yield rows.map((r) => Object.values(r).map((v) => (v === null || v === undefined ? null : String(v))));
    if (rows.length < PAGE_ROWS) return;
  }
}

/** The reader went away (the download was cancelled): stop reading the database. */
export class ArchiveAborted extends Error {
  constructor() {
    super("archive reader went away");
  }
}

/** Where the zip's bytes go, waiting for the reader when its buffer is full. */
class Sink {
  constructor(readonly out: Writable) {}
  zip = new Zip((err, chunk, final) => {
    if (err) return this.out.destroy(err);
    this.out.write(chunk);
    if (final) this.out.end();
  });
  async drained() {
    if (this.out.destroyed) throw new ArchiveAborted();
    if (this.out.writableNeedDrain) await Promise.race([once(this.out, "drain"), once(this.out, "close")]);
    if (this.out.destroyed) throw new ArchiveAborted();
  }
}

async function addFile(sink: Sink, name: string, data: Uint8Array, compress = true) {
  const entry = compress ? new ZipDeflate(name, { level: 6 }) : new ZipPassThrough(name);
  sink.zip.add(entry);
  entry.push(data, true);
  await sink.drained();
}

const enc = new TextEncoder();

async function addCsv(sink: Sink, db: Executor, t: ArchiveTable, columns: Column[], poolId: number): Promise<number> {
  const entry = new ZipDeflate(`csv/${t.file}.csv`, { level: 6 });
  sink.zip.add(entry);
  entry.push(enc.encode(toCsv([columns.map((c) => c.name)], { bom: true })));
  let n = 0;
  for await (const page of tableRows(db, t, columns, poolId)) {
    // Every value is data from the database: text cells (defused against formulas), nulls empty.
    entry.push(enc.encode(toCsv(page.map((r) => r.map((v, i): Cell => (v === null ? raw("") : NUMERIC.has(columns[i]!.type) ? raw(v) : v))))));
    n += page.length;
    await sink.drained();
  }
  entry.push(new Uint8Array(0), true);
  await sink.drained();
  return n;
}

/** Sheet names: at most 31 characters and unique. */
export function sheetName(file: string, taken: Set<string>) {
  let name = file.slice(0, 31);
  for (let i = 2; taken.has(name); i++) name = `${file.slice(0, 28)}~${i}`;
  taken.add(name);
  return name;
}

async function addXlsx(sink: Sink, db: Executor, tables: { t: ArchiveTable; columns: Column[] }[], poolId: number) {
  const { default: ExcelJS } = await import("exceljs");
  const pass = new PassThrough();
  // The workbook is a zip already: stored, not compressed again.
  const entry = new ZipPassThrough("tabeller.xlsx");
  sink.zip.add(entry);
  const copied = (async () => {
    for await (const chunk of pass) {
      entry.push(chunk as Uint8Array);
      await sink.drained();
    }
    entry.push(new Uint8Array(0), true);
  })();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: pass, useStyles: true, useSharedStrings: false });
  wb.creator = "Puljeportal";
  const taken = new Set<string>();
  for (const { t, columns } of tables) {
    const ws = wb.addWorksheet(sheetName(t.file, taken), { views: [{ state: "frozen", ySplit: 1 }] });
    const header = ws.addRow(columns.map((c) => c.name));
    header.font = { bold: true };
    header.commit();
    for await (const page of tableRows(db, t, columns, poolId)) {
      for (const r of page) ws.addRow(r.map((v) => v ?? "")).commit();
      await sink.drained();
    }
    ws.commit();
  }
  await wb.commit();
  await copied;
}

export type ArchiveTotals = { overview: PoolOverview };

/** The final report (slutrapport) as PDF: the pool's totals and each grant's, all from the ledger. */
export async function finalReportPdf(o: PoolOverview, closed: { at: Date | null; byName: string | null }, generatedAt: Date) {
  const MARGIN = 50;
  const { doc, width, block, finish } = await openTaggedPdf({
    margin: MARGIN,
    title: `Slutrapport: ${o.pool.name}`,
    author: "Puljeportal",
    subject: "Afslutning af pulje",
  });
  const p = o.pool;
  const line = (label: string, value: string) =>
    block("P", () => {
      doc.font(PDF_BOLD).fontSize(10).text(`${label}: `, MARGIN, doc.y, { continued: true, width });
      doc.font(PDF_REGULAR).text(value, { width });
    });
  block("H1", () => doc.font(PDF_BOLD).fontSize(18).text(`Slutrapport: ${p.name}`, MARGIN, doc.y, { width }));
  block("P", () =>
    doc
      .font(PDF_REGULAR)
      .fontSize(10)
      .text(
        closed.at
          ? `Puljen blev afsluttet ${formatDateTime(closed.at)}${closed.byName ? ` af ${closed.byName}` : ""}. Alt i puljen er skrivebeskyttet.`
          : "Prøveudtræk: puljen er ikke afsluttet, og tallene kan stadig ændre sig.",
        MARGIN,
        doc.y,
        { width },
      ),
  );
  block("H2", () => doc.moveDown(0.8).font(PDF_BOLD).fontSize(12).text("Puljens tal (fra posteringerne)", MARGIN, doc.y, { width }));
  line("Finanslov", p.financeLine);
  line("Periode", `${formatDate(p.startsOn)}–${formatDate(p.endsOn)}`);
  line("Puljens ramme", formatOre(p.totalOre));
  line("Bevilget i alt", formatOre(p.grantedOre));
  line("Bortfaldet", formatOre(p.lapsedOre));
  line("Annulleret", formatOre(p.cancelledOre));
  line("Forpligtet nu", formatOre(p.committedOre));
  line("Udbetalt", formatOre(p.paidOre));
  line("Tilbagebetalt", formatOre(p.repaidOre));
  line("Udbetalt netto", formatOre(p.netPaidOre));
  line("Ikke disponeret", formatOre(p.uncommittedOre));
  line("Antal tilsagn", String(p.grantCount));
  block("H2", () => doc.moveDown(0.8).font(PDF_BOLD).fontSize(12).text("Tilsagn pr. kommune", MARGIN, doc.y, { width }));
  for (const g of o.grants) {
    block("P", () =>
      doc
        .font(PDF_REGULAR)
        .fontSize(10)
        .text(
          `${g.municipalityName}: forpligtet ${formatOre(g.committedOre)}, udbetalt netto ${formatOre(g.netPaidOre)}, tilbagebetalt ${formatOre(g.repaidOre)}`,
          MARGIN,
          doc.y,
          { width },
        ),
    );
  }
  block("P", () => doc.moveDown(2).font(PDF_REGULAR).fontSize(8).fillColor("#555555").text(`Dannet af Puljeportal ${formatDateTime(generatedAt)}`, MARGIN, doc.y, { width }));
  return finish(`Slutrapport · ${p.name}`);
}

/** The totals as a CSV for machines: one row per figure, in øre. */
export function totalsCsv(o: PoolOverview) {
  const p = o.pool;
  const rows: Cell[][] = [["nøgle", "beskrivelse", "beløb_øre"]];
  const add = (key: string, label: string, v: bigint) => rows.push([key, label, raw(v.toString())]);
  add("total", "Puljens ramme", p.totalOre);
  add("granted", "Bevilget i alt", p.grantedOre);
  add("lapsed", "Bortfaldet", p.lapsedOre);
  add("cancelled", "Annulleret", p.cancelledOre);
  add("committed", "Forpligtet nu", p.committedOre);
  add("paid", "Udbetalt", p.paidOre);
  add("repaid", "Tilbagebetalt", p.repaidOre);
  add("net_paid", "Udbetalt netto", p.netPaidOre);
  add("uncommitted", "Ikke disponeret", p.uncommittedOre);
  for (const g of o.grants) {
    add(`grant_${g.grantId}_committed`, `${g.municipalityName}: forpligtet`, g.committedOre);
    add(`grant_${g.grantId}_net_paid`, `${g.municipalityName}: udbetalt netto`, g.netPaidOre);
  }
  return toCsv(rows, { bom: true });
}

export function archiveFilename(pool: { id: number; name: string }, closed: boolean) {
  const slug = pool.name
    .normalize("NFKD")
    .replace(/[^\w]+/g, "-")
    .replace(/^-|-$/g, "")
    .toLowerCase();
  return `${closed ? "arkiv" : "proeveudtraek"}-pulje-${pool.id}-${slug}.zip`;
}

/**
 * Write the archive into `out` (ended when done, destroyed on an error). Returns the row
 * count per file, for the caller's figures and the tests.
 */
export async function writePoolArchive(
  db: Executor,
  poolId: number,
  out: Writable,
  closed: { at: Date | null; byName: string | null },
  generatedAt = new Date(),
): Promise<Record<string, number>> {
  const sink = new Sink(out);
  try {
    const overview = await getPoolOverview(db, poolId);
    if (!overview) throw new Error(`pool ${poolId} not found`);
    const tables = await Promise.all(ARCHIVE_TABLES.map(async (t) => ({ t, columns: await columnsOf(db, t.table) })));
    const counts: Record<string, number> = {};
    await addFile(
      sink,
      "LÆSMIG.txt",
      enc.encode(
        [
          `Arkivudtræk for ${overview.pool.name} (pulje ${poolId}), dannet ${formatDateTime(generatedAt)}.`,
          closed.at ? `Puljen blev afsluttet ${formatDateTime(closed.at)}${closed.byName ? ` af ${closed.byName}` : ""}.` : "Prøveudtræk: puljen er ikke afsluttet.",
          "",
          "slutrapport.pdf: slutrapporten med puljens tal fra posteringerne.",
          "slutrapport-tal.csv: de samme tal i øre.",
          "csv/: én fil pr. tabel (UTF-8, semikolon); csv/revisionsspor.csv er revisionssporet for puljens sager.",
          "tabeller.xlsx: de samme tabeller, ét ark pr. tabel.",
          "tilsagnsbreve/: tilsagns- og afslagsbrevene som PDF.",
          "",
        ].join("\r\n"),
      ),
    );
    await addFile(sink, "slutrapport.pdf", await finalReportPdf(overview, closed, generatedAt));
    await addFile(sink, "slutrapport-tal.csv", enc.encode(totalsCsv(overview)));
    for (const { t, columns } of tables) counts[t.file] = await addCsv(sink, db, t, columns, poolId);
    await addXlsx(sink, db, tables, poolId);
    // The letters, one at a time.
    const letterIds = rowsOf<{ id: number }>(
      await db.execute(sql`SELECT id FROM decision_letters WHERE pool_of('application', application_id) = ${poolId} ORDER BY id`),
    );
    for (const { id } of letterIds) {
      const [letter] = rowsOf<{ pdf: Uint8Array; kind: string }>(await db.execute(sql`SELECT pdf, kind FROM decision_letters WHERE id = ${id}`));
      if (letter) await addFile(sink, `tilsagnsbreve/${id}-${letter.kind === "award" ? "tilsagn" : "afslag"}.pdf`, new Uint8Array(letter.pdf), false);
    }
    counts["tilsagnsbreve"] = letterIds.length;
    sink.zip.end();
    return counts;
  } catch (error) {
    if (!out.destroyed) out.destroy(error as Error);
    throw error;
  }
}
