import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import PDFDocument from "pdfkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applicationAttachments, applications } from "#db/schema";
import { getDb } from "~/db.server";
import { startApplication } from "~/domain/applications/commands.server";
import { sweepOrphanUploads } from "~/domain/applications/attachments.server";
import { resetEnvCache } from "~/env.server";
import { action as attachmentsAction, loader as attachmentsLoader } from "~/routes/applications.$applicationId.attachments";
import { loader as downloadLoader } from "~/routes/applications.$applicationId.attachments.$attachmentId";
import { createUser, signedInRequest } from "../fixtures";
import { auditActions, makeCall } from "./application-helpers";
import { thrown, type DataResult } from "../support/route-result";

const ctx = { context: {} };
let uploadDir: string;

beforeAll(() => {
  uploadDir = mkdtempSync(path.join(tmpdir(), "pp-uploads-"));
  process.env.UPLOAD_DIR = uploadDir;
  resetEnvCache();
});
afterAll(() => {
  rmSync(uploadDir, { recursive: true, force: true });
  delete process.env.UPLOAD_DIR;
  resetEnvCache();
});

function smallPdf(): Promise<Uint8Array> {
  return new Promise((resolve) => {
    const doc = new PDFDocument();
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.text("Budgetbilag for Lolland Kommune");
    doc.end();
  });
}

async function setup() {
  const db = await getDb();
  const { call } = await makeCall(db);
  const user = await createUser(db, "municipality", { municipalityCode: "0360" });
  const started = await startApplication(db, user, call.id);
  if (!started.ok) throw new Error(started.message);
  return { db, user, id: started.value.id, params: { applicationId: String(started.value.id) } };
}

async function upload(db: Awaited<ReturnType<typeof getDb>>, user: { userId: string }, id: number, bytes: Uint8Array, name: string, type = "application/pdf") {
  const body = new FormData();
  body.append("intent", "upload");
  body.append("file", new File([bytes as Uint8Array<ArrayBuffer>], name, { type }));
  const request = await signedInRequest(db, user, `/applications/${id}/attachments`, { method: "POST", body });
  return attachmentsAction({ request, params: { applicationId: String(id) }, ...ctx });
}

const storedFiles = () => readdirSync(uploadDir);

describe("attachments", () => {
  it("accepts a real PDF, stores it under a random key with its sha256, and serves it as a download", async () => {
    const { db, user, id, params } = await setup();
    const pdf = await smallPdf();
    const res = await thrown(upload(db, user, id, pdf, "../../etc/Budget 2023.pdf"));
    expect(res.headers.get("location")).toBe(`/applications/${id}?bilag=1#bilag`);
    const [row] = await db.select().from(applicationAttachments).where(eq(applicationAttachments.applicationId, id));
    expect(row).toMatchObject({ filename: "Budget 2023.pdf", contentType: "application/pdf", sizeBytes: pdf.byteLength });
    expect(row.storageKey).toMatch(/^[a-f0-9]{48}$/);
    expect(row.sha256).toMatch(/^[a-f0-9]{64}$/);
    expect(new Uint8Array(readFileSync(path.join(uploadDir, row.storageKey)))).toEqual(pdf);

    const download = await downloadLoader({
      request: await signedInRequest(db, user, `/applications/${id}/attachments/${row.id}`),
      params: { ...params, attachmentId: row.id },
      ...ctx,
    });
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(download.headers.get("content-disposition")).toMatch(/^attachment; filename="Budget 2023.pdf"/);
    expect(download.headers.get("x-content-type-options")).toBe("nosniff");
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(pdf);

    // Ministry staff may download it; another municipality may not even see it.
    const caseworker = await createUser(db, "caseworker");
    const staff = await downloadLoader({ request: await signedInRequest(db, caseworker, "/x"), params: { ...params, attachmentId: row.id }, ...ctx });
    expect(staff.status).toBe(200);
    const langeland = await createUser(db, "municipality", { municipalityCode: "0482" });
    const other = await thrown(downloadLoader({ request: await signedInRequest(db, langeland, "/x"), params: { ...params, attachmentId: row.id }, ...ctx }));
    expect(other.status).toBe(404);
    const otherUpload = await thrown(upload(db, langeland, id, pdf, "x.pdf"));
    expect(otherUpload.status).toBe(404);
    expect(await auditActions(db, id)).toEqual(["application.created", "application.attachment_added"]);
  });

  it("refuses a file over 10 MB and a .exe renamed .pdf with Danish messages, storing nothing", async () => {
    const { db, user, id } = await setup();
    const before = storedFiles();
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(new TextEncoder().encode("%PDF-1.4\n"));
    const tooBig = (await upload(db, user, id, big, "stor.pdf")) as unknown as DataResult;
    expect(tooBig.init?.status).toBe(400);
    expect(tooBig.data.errors.file).toBe("Filen er for stor. Hver fil må højst fylde 10 MB.");

    const exe = new Uint8Array(4096);
    exe.set([0x4d, 0x5a, 0x90, 0x00]);
    exe.set(new TextEncoder().encode("This program cannot be run in DOS mode."), 0x4e);
    const fake = (await upload(db, user, id, exe, "rapport.pdf")) as unknown as DataResult;
    expect(fake.init?.status).toBe(400);
    expect(fake.data.errors.file).toBe("Filen er ikke en PDF-, Word- (DOCX) eller Excel-fil (XLSX).");

    const cpr = (await upload(db, user, id, await smallPdf(), "Notat om 010190-1234.pdf")) as unknown as DataResult;
    expect(cpr.data.errors.file).toMatch(/CPR-nummer/);

    expect(storedFiles()).toEqual(before);
    expect(await db.select().from(applicationAttachments).where(eq(applicationAttachments.applicationId, id))).toHaveLength(0);
    expect(await auditActions(db, id)).toEqual(["application.created"]);
  });

  it("soft-deletes after the confirmation page, and refuses changes once submitted", async () => {
    const { db, user, id, params } = await setup();
    await thrown(upload(db, user, id, await smallPdf(), "bilag.pdf"));
    const [row] = await db.select().from(applicationAttachments).where(eq(applicationAttachments.applicationId, id));
    const confirm = await attachmentsLoader({ request: await signedInRequest(db, user, `/applications/${id}/attachments?slet=${row.id}`), params, ...ctx });
    expect(confirm.toDelete).toEqual({ id: row.id, filename: "bilag.pdf" });

    const body = new FormData();
    body.append("intent", "delete");
    body.append("attachmentId", row.id);
    const res = await thrown(attachmentsAction({ request: await signedInRequest(db, user, "/x", { method: "POST", body }), params, ...ctx }));
    expect(res.headers.get("location")).toBe(`/applications/${id}?slettet=1#bilag`);
    const [deleted] = await db.select().from(applicationAttachments).where(eq(applicationAttachments.id, row.id));
    expect(deleted.deletedAt).toBeInstanceOf(Date);
    const gone = await thrown(downloadLoader({ request: await signedInRequest(db, user, "/x"), params: { ...params, attachmentId: row.id }, ...ctx }));
    expect(gone.status).toBe(404);

    await db.update(applications).set({ status: "submitted" }).where(eq(applications.id, id));
    const late = (await upload(db, user, id, await smallPdf(), "sent.pdf")) as unknown as DataResult;
    expect(late.init?.status).toBe(409);
    expect(late.data.errors.file).toBe("Ansøgningen har status „Indsendt“, og bilag kan ikke længere ændres.");
    expect(await auditActions(db, id)).toEqual(["application.created", "application.attachment_added", "application.attachment_deleted"]);
  });
});

describe("orphaned upload files", () => {
  it("a file left by an interrupted upload is swept once it is old; files with a row stay", async () => {
    const db = await getDb();
    const withRows = readdirSync(uploadDir);
    expect(withRows.length).toBeGreaterThan(0);
    const orphan = randomBytes(24).toString("hex");
    writeFileSync(path.join(uploadDir, orphan), "bytes written, row never committed");
    // Young files may belong to an upload still in flight.
    expect(await sweepOrphanUploads(db)).toBe(0);
    expect(readdirSync(uploadDir)).toContain(orphan);
    expect(await sweepOrphanUploads(db, { now: new Date(Date.now() + 2 * 60 * 60 * 1000) })).toBe(1);
    expect(readdirSync(uploadDir).sort()).toEqual([...withRows].sort());
  });
});
