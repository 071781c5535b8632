import { createHash, randomBytes } from "node:crypto";

/** A random single-use token for a link or cookie; only its hash is stored. */
export function newToken() {
  return randomBytes(32).toString("base64url");
}

export function hashToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}
