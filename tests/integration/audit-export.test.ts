// /admin/audit/export.csv: Excel-ready CSV, escaping, filters, batches and access.
import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#db/client";
import { auditLog } from "#db/schema";
import { getDb } from "~/db.server";
import { auditCsvStream, CSV_HEADER, csvTimestamp, MAX_CELL_CHARS } from "~/domain/audit/audit-csv.server";
import { loader } from "~/routes/admin.audit.export[.]csv";
import { audit } from "~/utils/audit.server";
import { createUser, seedBase, signedInRequest, type TestUser } from "../fixtures";

let db: Database;
let admin: TestUser;
let caseworker: TestUser;
let municipality: TestUser;
const tricky = 'Lolland; "Nord"\nlinje 2';

async function download(query: string, user: TestUser = admin) {
  const request = await signedInRequest(db, user, `/admin/audit/export.csv${query}`);
  return (await loader({ request, params: {}, context: {} })) as Response;
}

function decode(bytes: Uint8Array) {
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
}

function records(csv: string): string[][] {
  return parse(csv.replace(/^\uFEFF/, ""), { delimiter: ";", relax_column_count: false });
}

async function readAll(stream: ReadableStream<Uint8Array>) {
  return decode(new Uint8Array(await new Response(stream).arrayBuffer()));
}

beforeAll(async () => {
  db = await getDb();
  await seedBase(db);
  admin = await createUser(db, "admin", { name: "Åse Ærø", email: "aase@sm.dk" });
  caseworker = await createUser(db, "caseworker");
  municipality = await createUser(db, "municipality");
  const formula = await createUser(db, "caseworker", { name: "=HYPERLINK(\"x\")", email: "formula@sm.dk" });

  await db.insert(auditLog).values({
    // Summer time (UTC+2), and a day the rows written "now" are not on.
    at: new Date("2025-06-15T12:03:12Z"),
    actorUserId: admin.userId,
    actorRole: "admin",
    action: "application.submitted",
    entityType: "csvtest",
    entityId: tricky,
    before: { status: "draft" },
    after: { status: "submitted", note: "æøå; \"citat\"" },
    requestId: "req-1",
  });
  await audit(db, { userId: null, role: "system", requestId: "job" }, { action: "custom.thing", entityType: "csvtest", entityId: 2 });
  await audit(db, formula, { action: "call.updated", entityType: "formulatest", entityId: 3 });
  await audit(db, admin, { action: "other.thing", entityType: "elsewhere", entityId: 4 });
  await audit(db, admin, { action: "other.thing", entityType: "newlinetest", entityId: "linje 1\nlinje 2" });
});

describe("/admin/audit/export.csv", () => {
  it("is a UTF-8 CSV download with BOM, Danish header and semicolons", async () => {
    const response = await download("?entityType=csvtest");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="revisionsspor-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = decode(bytes);
    expect(csv.split("\r\n")[0]).toBe(
      "\uFEFFTidspunkt;Bruger;E-mail;Rolle;Handling;Handlingskode;Objekttype;Objekt-id;Ændringer;Hele posten;Anmodnings-id",
    );

    const rows = records(csv);
    expect(rows[0]).toEqual(CSV_HEADER);
    expect(rows).toHaveLength(3);
    // Newest first: the system row was written now, the admin row has an explicit 2025 time.
    expect(rows[2].slice(0, 8)).toEqual([
      "15.06.2025 14:03:12",
      "Åse Ærø",
      "aase@sm.dk",
      "Administrator (ministeriet)",
      "Ansøgning indsendt",
      "application.submitted",
      "csvtest",
      tricky,
    ]);
    // Danish field names and values, not the JSON with English codes.
    expect(rows[2][8]).toBe('Status: Kladde → Indsendt\nNote: æøå; "citat"');
    expect(rows[2][9]).toMatch(/^http:\/\/localhost:\d+\/admin\/audit\/\d+$/);
    expect(rows[2][10]).toBe("req-1");
    expect(rows[1].slice(1, 6)).toEqual(["System", "", "System", "custom.thing", "custom.thing"]);
  });

  it("quotes a value with a semicolon, a quote and a newline, doubling the quote", async () => {
    const csv = decode(new Uint8Array(await (await download("?entityType=csvtest")).arrayBuffer()));
    expect(csv).toContain(';"Lolland; ""Nord""\nlinje 2";');
  });

  it("quotes a value whose only special character is a line feed (Excel splits the row otherwise)", async () => {
    const csv = await (await download("?entityType=newlinetest")).text();
    expect(csv).toContain(';"linje 1\nlinje 2";');
  });

  it("keeps the page's filters", async () => {
    const rows = records(await (await download(`?user=${admin.userId}`)).text());
    expect(rows.slice(1).map((r) => r[5]).sort()).toEqual(["application.submitted", "other.thing", "other.thing"]);
    const period = records(await (await download("?from=2025-06-15&to=2025-06-15")).text());
    expect(period).toHaveLength(2);
    expect(period[1][0]).toBe("15.06.2025 14:03:12");
    const none = records(await (await download("?entityType=nothing")).text());
    expect(none).toEqual([CSV_HEADER]);
  });

  it("defuses cells a spreadsheet would run as a formula", async () => {
    const rows = records(await (await download("?entityType=formulatest")).text());
    expect(rows[1][1]).toBe("'=HYPERLINK(\"x\")");
  });

  it("keeps every cell within a spreadsheet's 32 767 characters and links to the whole entry", async () => {
    const [row] = await db
      .insert(auditLog)
      .values({ actorRole: "system", action: "huge.thing", entityType: "hugetest", entityId: "1", after: { note: "ø".repeat(40_000) } })
      .returning({ id: auditLog.id });
    const rows = records(await (await download("?entityType=hugetest")).text());
    for (const cell of rows[1]) expect(cell.length).toBeLessThanOrEqual(MAX_CELL_CHARS);
    expect(rows[1][8]).toMatch(new RegExp(`afkortet: se hele posten på http://localhost:\\d+/admin/audit/${row.id}\\)$`));
    expect(rows[1][9]).toMatch(new RegExp(`/admin/audit/${row.id}$`));
  });

  it("answers bad filters with 400 and a Danish message", async () => {
    const response = await download("?from=31.02.2026");
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Skriv fra-datoen som en gyldig dato");
  });

  it("is forbidden for caseworkers and municipality users", async () => {
    await expect(download("", caseworker)).rejects.toMatchObject({ status: 403 });
    await expect(download("", municipality)).rejects.toMatchObject({ status: 403 });
  });
});

describe("CSV times", () => {
  it("are Copenhagen wall-clock times on both sides of the summer-time switches", () => {
    expect(csvTimestamp(new Date("2026-03-29T00:59:59Z"))).toBe("29.03.2026 01:59:59");
    expect(csvTimestamp(new Date("2026-03-29T01:00:00Z"))).toBe("29.03.2026 03:00:00");
    expect(csvTimestamp(new Date("2026-10-25T00:59:59Z"))).toBe("25.10.2026 02:59:59");
    expect(csvTimestamp(new Date("2026-10-25T01:00:00Z"))).toBe("25.10.2026 02:00:00");
    expect(csvTimestamp(new Date("2026-12-31T23:00:00Z"))).toBe("01.01.2027 00:00:00");
  });
});

describe("CSV batches", () => {
  it("reads every row once across batches, also rows in the same millisecond", async () => {
    // Microseconds a JS Date cannot hold: a cursor kept as a Date would skip rows here.
    await db.execute(sql`
      insert into audit_log (at, actor_role, action, entity_type, entity_id)
      select timestamptz '2026-06-01 10:00:00.123000+00' + make_interval(secs => (g % 3) * 0.0002), 'system', 'batch.test', 'batchtest', g::text
      from generate_series(1, 7) g`);
    const csv = await readAll(auditCsvStream(db, { entityType: "batchtest" }, 2));
    const ids = records(csv).slice(1).map((r) => r[7]);
    expect(ids.sort()).toEqual(["1", "2", "3", "4", "5", "6", "7"]);
  });
});
