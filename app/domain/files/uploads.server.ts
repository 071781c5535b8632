// Uploaded files, for every owner (application attachments, a grant's files): the type is
// decided by the bytes (not by the name or the browser's claim), the size is limited, a
// file name that looks like a CPR number is refused, and the bytes are stored under
// UPLOAD_DIR (outside the web root) with a random key, so a user's file name never
// becomes a path. Callers keep the metadata in their own table, in their transaction.
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, stat, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { inArray } from "drizzle-orm";
import { fileTypeFromBuffer } from "file-type";
import type { Executor } from "#db/client";
import { applicationAttachments, grantFiles, milestoneAttachments } from "#db/schema";
import { getEnv } from "~/env.server";
import { containsCpr, CPR_MESSAGE } from "~/utils/cpr";
import { invalid as invalidInput, ok, type Failure, type Result } from "~/domain/result";
import { FILE_SIZE_MESSAGE, FILE_TYPE_MESSAGE, MAX_ATTACHMENT_BYTES, NO_FILE_MESSAGE } from "./upload-rules";

export const ALLOWED_TYPES = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;
export type AllowedExt = keyof typeof ALLOWED_TYPES;

const invalid = (message: string): Failure => invalidInput(message, { file: message });

/** The name shown and offered for download: no path parts, no control or reserved characters, the real extension. */
export function sanitiseFilename(
  name: string,
  ext: AllowedExt,
  fallback = "bilag",
): { ok: true; name: string } | { ok: false; message: string } {
  const base = name.split(/[/\\]/).pop() ?? "";
  let clean = base
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, "")
    .replace(/\s+/g, " ")
    .replace(/^[\s.]+|[\s.]+$/g, "");
  if (containsCpr(clean)) return { ok: false, message: `Filnavnet: ${CPR_MESSAGE}` };
  const stem = clean.replace(/\.[A-Za-z0-9]{1,5}$/, "").slice(0, 150).trim() || fallback;
  clean = `${stem}.${ext}`;
  return { ok: true, name: clean };
}

/** A file that passed the checks, not yet stored. */
export type CheckedUpload = {
  bytes: Uint8Array;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
};

/**
 * The checks every upload passes before anything is stored: present, within the size
 * limit, one of `allowed` by its bytes, a clean name without a CPR number.
 * `typeMessage` names what is allowed when it is not all three kinds.
 */
export async function checkUpload(
  file: File | null,
  opts: { allowed?: readonly AllowedExt[]; typeMessage?: string; fallbackName?: string } = {},
): Promise<Result<CheckedUpload>> {
  const allowed = opts.allowed ?? (Object.keys(ALLOWED_TYPES) as AllowedExt[]);
  if (!file || file.size === 0) return invalid(NO_FILE_MESSAGE);
  if (file.size > MAX_ATTACHMENT_BYTES) return invalid(FILE_SIZE_MESSAGE);
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.byteLength > MAX_ATTACHMENT_BYTES) return invalid(FILE_SIZE_MESSAGE);
  const detected = await fileTypeFromBuffer(bytes);
  if (!detected || !(allowed as readonly string[]).includes(detected.ext)) return invalid(opts.typeMessage ?? FILE_TYPE_MESSAGE);
  const ext = detected.ext as AllowedExt;
  const named = sanitiseFilename(file.name, ext, opts.fallbackName);
  if (!named.ok) return invalid(named.message);
  return ok({
    bytes,
    filename: named.name,
    contentType: ALLOWED_TYPES[ext],
    sizeBytes: bytes.byteLength,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    storageKey: randomBytes(24).toString("hex"),
  });
}

function uploadDir() {
  return path.resolve(getEnv().UPLOAD_DIR);
}

const STORAGE_KEY = /^[a-f0-9]{48}$/;

function storagePath(key: string) {
  if (!STORAGE_KEY.test(key)) throw new Error("Invalid storage key");
  return path.join(uploadDir(), key);
}

/**
 * Write the bytes, then run `record` (the caller's insert of the metadata row, inside its
 * transaction). When `record` throws, the bytes are removed again, or they would be
 * orphans on disk; a crash in between is what `sweepOrphanUploads` is for.
 */
export async function storeUpload<T>(upload: CheckedUpload, record: () => Promise<T>): Promise<T> {
  await mkdir(uploadDir(), { recursive: true });
  const file = storagePath(upload.storageKey);
  await writeFile(file, upload.bytes, { flag: "wx", mode: 0o600 });
  try {
    return await record();
  } catch (error) {
    await unlink(file).catch(() => {});
    throw error;
  }
}

/** Remove stored bytes (after the row's transaction rolled back, e.g. on a refusal). */
export async function discardUpload(storageKey: string) {
  await unlink(storagePath(storageKey)).catch(() => {});
}

export async function readUploadBytes(storageKey: string) {
  return new Uint8Array(await readFile(storagePath(storageKey)));
}

/**
 * A crash between writing the bytes and committing the row leaves a file nobody
 * references. Files older than `graceMs` (well past any upload still in flight)
 * without a row in any owner's table are removed; returns how many. Run at start and hourly.
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
  const referenced = new Set<string>();
  for (const table of [applicationAttachments, grantFiles, milestoneAttachments]) {
    const rows = await db.select({ key: table.storageKey }).from(table).where(inArray(table.storageKey, old));
    for (const r of rows) referenced.add(r.key);
  }
  let removed = 0;
  for (const name of old) {
    if (referenced.has(name)) continue;
    await unlink(storagePath(name)).then(() => removed++, () => {});
  }
  return removed;
}
