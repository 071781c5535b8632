// Attachments: PDF, DOCX or XLSX up to 10 MB. The checks and the storage are shared with
// a grant's files (app/domain/files/uploads.server.ts): type by the bytes, size limit, no
// CPR number in the name, bytes under UPLOAD_DIR with a random key. Rows are soft-deleted.
import { and, eq, isNull } from "drizzle-orm";
import type { Database, Executor, Tx } from "#db/client";
import { applicationAttachments, applications } from "#db/schema";
import type { Actor } from "~/auth/actor";
import { audit } from "~/utils/audit.server";
import { conflict, isFailure, notFound as notFoundResult, ok, type Failure, type Result } from "~/domain/result";
import { checkUpload, readUploadBytes, storeUpload } from "~/domain/files/uploads.server";
import { applicationScope, type ScopeActor } from "~/policy/scopes.server";
import { audienceOf } from "~/policy/permissions";
import { applicationMachine, statusLabelFor } from "./status";

export { ALLOWED_TYPES, sanitiseFilename, sweepOrphanUploads } from "~/domain/files/uploads.server";
export { FILE_SIZE_MESSAGE, FILE_TYPE_MESSAGE, MAX_ATTACHMENT_BYTES, NO_FILE_MESSAGE } from "~/domain/files/upload-rules";

const notFound = notFoundResult("Ansøgningen findes ikke.");

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
  const checked = await checkUpload(file);
  if (!checked.ok) return checked;
  const upload = checked.value;

  return db.transaction(async (tx): Promise<Result<{ id: string; filename: string }>> => {
    const app = await lockEditable(tx, actor, applicationId);
    if (isFailure(app)) return app;
    return storeUpload(upload, async () => {
      const [row] = await tx
        .insert(applicationAttachments)
        .values({
          applicationId,
          filename: upload.filename,
          contentType: upload.contentType,
          sizeBytes: upload.sizeBytes,
          sha256: upload.sha256,
          storageKey: upload.storageKey,
          uploadedBy: actor.userId,
        })
        .returning();
      await audit(tx, actor, {
        action: "application.attachment_added",
        entityType: "application",
        entityId: applicationId,
        after: { attachmentId: row.id, filename: row.filename, contentType: row.contentType, sizeBytes: row.sizeBytes, sha256: upload.sha256 },
      });
      return ok({ id: row.id, filename: row.filename });
    });
  });
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
  return readUploadBytes(storageKey);
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
