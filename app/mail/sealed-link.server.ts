// Invitation and reset links are keys to an account. The outbox must not hold them
// readably: an admin reading mail, or anyone with a database backup, could use them.
// The stored mail carries a placeholder; the link itself is sealed (AES-256-GCM with
// a key derived from SESSION_SECRET, which is not in the database), opened only by
// the dispatcher when it sends, and removed once the mail is sent.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { getEnv } from "~/env.server";

export const SECRET_LINK_PLACEHOLDER = "{{personligt-link}}";
export const REDACTED_LINK = "[personligt link – skjult]";

function keys() {
  return getEnv()
    .SESSION_SECRET.split(",")
    .map((s) => createHash("sha256").update(`puljeportal outbox link\0${s.trim()}`).digest());
}

export function sealLink(link: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keys()[0], iv);
  const body = Buffer.concat([cipher.update(link, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString("base64url")).join(".");
}

/** The link, or null when no current secret opens it (rotated away). */
export function openLink(sealed: string): string | null {
  const [iv, tag, body] = sealed.split(".").map((p) => Buffer.from(p, "base64url"));
  for (const key of keys()) {
    try {
      const decipher = createDecipheriv("aes-256-gcm", key, iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
    } catch {
      // Try the next (older) secret.
    }
  }
  return null;
}

// Mail written before links were sealed, or any token-shaped link: never shown.
const TOKEN_LINK = /(\/(?:invitation|reset-password)\/)[A-Za-z0-9_-]{20,}/g;

/** The body as an admin may see it. */
export function redactBody(body: string) {
  return body.replaceAll(SECRET_LINK_PLACEHOLDER, REDACTED_LINK).replace(TOKEN_LINK, `$1${REDACTED_LINK}`);
}

/** The body as the recipient gets it. */
export function fillSecretLink(body: string, sealed: string | null) {
  if (!sealed || !body.includes(SECRET_LINK_PLACEHOLDER)) return body;
  const link = openLink(sealed);
  if (!link) throw new Error("Det personlige link kunne ikke åbnes (SESSION_SECRET er skiftet).");
  return body.replaceAll(SECRET_LINK_PLACEHOLDER, link);
}
