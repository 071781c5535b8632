// Attachments: PDF, DOCX or XLSX up to 10 MB, type decided by the bytes (not by
// the name or the browser's claim), stored under UPLOAD_DIR with a random key, so a
// user's file name never becomes a path. Rows are soft-deleted.
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, stat, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { fileTypeFromBuffer } from "file-type";
import type { Database, Executor, Tx } from "#db/client";
import { applicationAttachments, applications } from "#db/schema";
import type { Actor } from "~/auth/actor";
import { getEnv } from "~/env.server";
import { audit } from "~/utils/audit.server";
import { containsCpr, CPR_MESSAGE } from "~/utils/cpr";
import { conflict, invalid as invalidInput, isFailure, notFound as notFoundResult, ok, type Failure, type Result } from "~/domain/result";
import { applicationScope, type ScopeActor } from "~/policy/scopes.server";
import { FILE_SIZE_MESSAGE, FILE_TYPE_MESSAGE, MAX_ATTACHMENT_BYTES, NO_FILE_MESSAGE } from "./attachment-rules";
import { audienceOf } from "~/policy/permissions";
import { applicationMachine, statusLabelFor } from "./status";

export const ALLOWED_TYPES = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;
type AllowedExt = keyof typeof ALLOWED_TYPES;

export { FILE_SIZE_MESSAGE, FILE_TYPE_MESSAGE, MAX_ATTACHMENT_BYTES, NO_FILE_MESSAGE } from "./attachment-rules";

const notFound = notFoundResult("Ansøgningen findes ikke.");
const invalid = (message: string): Failure => invalidInput(message, { file: message });

/** The name shown and offered for download: no path parts, no control or reserved characters, the real extension. */
export function sanitiseFilename(name: string, ext: AllowedExt): { ok: true; name: string } | { ok: false; message: string } {
  const base = name.split(/[/\\]/).pop() ?? "";
  let clean = base
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, "")
    .replace(/\s+/g, " ")
    .replace(/^[\s.]+|[\s.]+$/g, "");
  if (containsCpr(clean)) return { ok: false, message: `Filnavnet: ${CPR_MESSAGE}` };
  const stem = clean.replace(/\.[A-Za-z0-9]{1,5}$/, "").slice(0, 150).trim() || "bilag";
  clean = `${stem}.${ext}`;
  return { ok: true, name: clean };
}

function uploadDir() {
  return path.resolve(getEnv().UPLOAD_DIR);
}

const STORAGE_KEY = /^[a-f0-9]{48}$/;

function storagePath(key: string) {
  if (!STORAGE_KEY.test(key)) throw new Error("Invalid storage key");
  return path.join(uploadDir(), key);
}

async function lockEditable(tx: Tx, actor: Actor, applicationId: number): Promise<{ id: number } | Failure> {
  const [app] = await tx
    .select({ id: applications.id, status: applications.status })
    .from(applications)
    .where(and(eq(applications.id, applicationId), applicationScope(actor)))
    .for("update");
  if (!app) return notFound;
  if (!applicationMachine.allows(app.status, "save")) {
    return conflict(`Ansøgningen har status „${statusLabelFor(app.status, audienceOf(actor))}“, og bilag kan ikke længere ændres.`);
  }
  return app;
}

export async function uploadAttachment(
  db: Database,
  actor: Actor,
  applicationId: number,
  file: File | null,
): Promise<Result<{ id: string; filename: string }>> {
  if (!file || file.size === 0) return invalid(NO_FILE_MESSAGE);
  if (file.size > MAX_ATTACHMENT_BYTES) return invalid(FILE_SIZE_MESSAGE);
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.byteLength > MAX_ATTACHMENT_BYTES) return invalid(FILE_SIZE_MESSAGE);
  const detected = await fileTypeFromBuffer(bytes);
  if (!detected || !(detected.ext in ALLOWED_TYPES)) return invalid(FILE_TYPE_MESSAGE);
  const ext = detected.ext as AllowedExt;
  const named = sanitiseFilename(file.name, ext);
  if (!named.ok) return invalid(named.message);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const storageKey = randomBytes(24).toString("hex");

  return db.transaction(async (tx): Promise<Result<{ id: string; filename: string }>> => {
    const app = await lockEditable(tx, actor, applicationId);
    if (isFailure(app)) return app;
    await mkdir(uploadDir(), { recursive: true });
    const file = storagePath(storageKey);
    await writeFile(file, bytes, { flag: "wx", mode: 0o600 });
    try {
      const [row] = await tx
        .insert(applicationAttachments)
        .values({
          applicationId,
          filename: named.name,
          contentType: ALLOWED_TYPES[ext],
          sizeBytes: bytes.byteLength,
          sha256,
          storageKey,
          uploadedBy: actor.userId,
        })
        .returning();
      await audit(tx, actor, {
        action: "application.attachment_added",
        entityType: "application",
        entityId: applicationId,
        after: { attachmentId: row.id, filename: row.filename, contentType: row.contentType, sizeBytes: row.sizeBytes, sha256 },
      });
      return ok({ id: row.id, filename: row.filename });
    } catch (error) {
      // The row was not written: remove the bytes, or they would be orphans on disk.
      await unlink(file).catch(() => {});
      throw error;
    }
  });
}

/**
 * A crash between writing the bytes and committing the row leaves a file nobody
 * references. Files older than `graceMs` (well past any upload still in flight)
 * without a row are removed; returns how many. Run at start and hourly.
 */
export async function sweepOrphanUploads(db: Executor, opts: { now?: Date; graceMs?: number } = {}) {
  const now = opts.now ?? new Date();
  const graceMs = opts.graceMs ?? 60 * 60 * 1000;
  let names: string[];
  try {
    names = (await readdir(uploadDir())).filter((n) => STORAGE_KEY.test(n));
  } catch {
    return 0; // No upload directory yet: nothing to sweep.
  }
  const old: string[] = [];
  for (const name of names) {
    const info = await stat(storagePath(name)).catch(() => null);
    if (info && now.getTime() - info.mtime.getTime() > graceMs) old.push(name);
  }
  if (old.length === 0) return 0;
  const referenced = new Set(
    (
      await db
        .select({ key: applicationAttachments.storageKey })
        .from(applicationAttachments)
        .where(inArray(applicationAttachments.storageKey, old))
    ).map((r) => r.key),
  );
  let removed = 0;
  for (const name of old) {
    if (referenced.has(name)) continue;
    await unlink(storagePath(name)).then(() => removed++, () => {});
  }
  return removed;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A live attachment of an application the actor may see; null otherwise. */
export async function getAttachment(db: Executor, actor: ScopeActor, applicationId: number, attachmentId: string) {
  if (!UUID.test(attachmentId)) return null;
  const [row] = await db
    .select({ attachment: applicationAttachments })
    .from(applicationAttachments)
    .innerJoin(applications, eq(applications.id, applicationAttachments.applicationId))
    .where(
      and(
        eq(applicationAttachments.id, attachmentId),
        eq(applications.id, applicationId),
        isNull(applicationAttachments.deletedAt),
        applicationScope(actor),
      ),
    );
  return row?.attachment ?? null;
}

export async function readAttachmentBytes(storageKey: string) {
  return new Uint8Array(await readFile(storagePath(storageKey)));
}

export async function deleteAttachment(
  db: Database,
  actor: Actor,
  applicationId: number,
  attachmentId: string,
  now = new Date(),
): Promise<Result> {
  if (!UUID.test(attachmentId)) return notFound;
  return db.transaction(async (tx): Promise<Result> => {
    const app = await lockEditable(tx, actor, applicationId);
    if (isFailure(app)) return app;
    const [row] = await tx
      .update(applicationAttachments)
      .set({ deletedAt: now })
      .where(
        and(
          eq(applicationAttachments.id, attachmentId),
          eq(applicationAttachments.applicationId, applicationId),
          isNull(applicationAttachments.deletedAt),
        ),
      )
      .returning();
    if (!row) return notFoundResult("Bilaget findes ikke.");
    await audit(tx, actor, {
      action: "application.attachment_deleted",
      entityType: "application",
      entityId: applicationId,
      before: { attachmentId: row.id, filename: row.filename, sha256: row.sha256 },
      after: { attachmentId: row.id, deletedAt: now },
    });
    return ok();
  });
}
