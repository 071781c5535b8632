// Sign-ins in progress, kept in the database (every process sees them) and bound to
// the browser that started them: a cookie holds a random key, the row its hash. The
// callback consumes the row with one conditional UPDATE, so a state or SAML request
// ID works once, before it expires, and only in the browser that asked for it (a
// response or code planted in another browser signs nobody in there).
import { createCookie } from "@remix-run/node";
import { and, eq, gt, isNull, lt } from "drizzle-orm";
import type { Executor } from "#db/client";
import { samlSeenAssertions, ssoRequests } from "#db/schema";
import { getEnv } from "~/env.server";
import { hashToken, newToken } from "../tokens.server";

export const SSO_REQUEST_TTL_MS = 10 * 60 * 1000;
export type SsoMethod = "oidc" | "saml";

let cookie: ReturnType<typeof createCookie> | undefined;
let cookieFor: string | undefined;
function browserCookie() {
  const origin = getEnv().APP_ORIGIN;
  if (!cookie || cookieFor !== origin) {
    const https = origin.startsWith("https:");
    // NemLog-in posts the SAML response from its own site: only SameSite=None lets the
    // cookie come along, and browsers take that only with Secure, i.e. over https.
    cookie = createCookie(https ? "__Host-pp_sso" : "pp_sso", {
      httpOnly: true,
      secure: https,
      sameSite: https ? "none" : "lax",
      path: "/",
      maxAge: SSO_REQUEST_TTL_MS / 1000,
    });
    cookieFor = origin;
  }
  return cookie;
}

async function browserKeyOf(request: Request): Promise<string | null> {
  const value = await browserCookie().parse(request.headers.get("cookie"));
  return typeof value === "string" && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : null;
}

export async function beginSsoRequest(
  db: Executor,
  request: Request,
  input: { id: string; method: SsoMethod; redirectTo: string; nonce?: string; codeVerifier?: string },
  now = new Date(),
): Promise<{ setCookie: string }> {
  // Another tab's sign-in in the same browser keeps working: the key is reused.
  const key = (await browserKeyOf(request)) ?? newToken();
  // Expired rows go as new ones come, so anonymous starts cannot pile up.
  await db.delete(ssoRequests).where(lt(ssoRequests.expiresAt, new Date(now.getTime() - SSO_REQUEST_TTL_MS)));
  await db.insert(ssoRequests).values({
    id: input.id,
    method: input.method,
    browserKeyHash: hashToken(key),
    nonce: input.nonce ?? null,
    codeVerifier: input.codeVerifier ?? null,
    redirectTo: input.redirectTo,
    createdAt: now,
    expiresAt: new Date(now.getTime() + SSO_REQUEST_TTL_MS),
  });
  return { setCookie: await browserCookie().serialize(key) };
}

/** A pending, unexpired request by id (SAML's library asks before it validates). */
export async function findPendingSsoRequest(db: Executor, method: SsoMethod, id: string, now = new Date()) {
  const [row] = await db
    .select({ createdAt: ssoRequests.createdAt })
    .from(ssoRequests)
    .where(and(eq(ssoRequests.id, id), eq(ssoRequests.method, method), isNull(ssoRequests.usedAt), gt(ssoRequests.expiresAt, now)));
  return row ?? null;
}

/** Uses the request up, once: null when unknown, expired, used, or from another browser. */
export async function consumeSsoRequest(db: Executor, request: Request, method: SsoMethod, id: string, now = new Date()) {
  const key = await browserKeyOf(request);
  if (!key || !id) return null;
  const [row] = await db
    .update(ssoRequests)
    .set({ usedAt: now })
    .where(
      and(
        eq(ssoRequests.id, id),
        eq(ssoRequests.method, method),
        eq(ssoRequests.browserKeyHash, hashToken(key)),
        isNull(ssoRequests.usedAt),
        gt(ssoRequests.expiresAt, now),
      ),
    )
    .returning({ nonce: ssoRequests.nonce, codeVerifier: ssoRequests.codeVerifier, redirectTo: ssoRequests.redirectTo });
  return row ?? null;
}

/** Records a SAML assertion ID; false when it was seen before (a replay). */
export async function firstSightOfAssertion(db: Executor, id: string, expiresAt: Date, now = new Date()) {
  await db.delete(samlSeenAssertions).where(lt(samlSeenAssertions.expiresAt, now));
  const inserted = await db
    .insert(samlSeenAssertions)
    .values({ id, expiresAt })
    .onConflictDoNothing()
    .returning({ id: samlSeenAssertions.id });
  return inserted.length === 1;
}

export async function clearBrowserKeyCookie() {
  return browserCookie().serialize("", { maxAge: 0 });
}

