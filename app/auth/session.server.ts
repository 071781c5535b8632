// Sessions live in the database (revocable) behind a signed HttpOnly cookie that
// carries a random token; the table stores only its hash.
import { createCookie, redirect } from "@remix-run/node";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Database, Executor } from "#db/client";
import { agencies, memberships, municipalities, sessions, users } from "#db/schema";
import { getDb } from "~/db.server";
import { getEnv } from "~/env.server";
import { currentClientAddress, currentRequestId, oncePerRequest } from "~/utils/request-context.server";
import type { Actor } from "./actor";
import { hashToken, newToken } from "./tokens.server";

export const IDLE_TIMEOUT_MS = 60 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
// lastSeenAt is refreshed at most this often, so most requests do one read only.
const TOUCH_INTERVAL_MS = 60 * 1000;

let cookie: ReturnType<typeof createCookie> | undefined;
let cookieEnv: ReturnType<typeof getEnv> | undefined;
export function sessionCookie() {
  // Made again when the environment is read again (tests switch it).
  if (!cookie || cookieEnv !== getEnv()) {
    const env = getEnv();
    cookieEnv = env;
    const secure = env.NODE_ENV === "production" && env.APP_ORIGIN.startsWith("https:");
    // "__Host-": the browser takes it only over HTTPS, for this host and path "/", so a
    // sibling subdomain cannot plant or overwrite the session cookie.
    cookie = createCookie(secure ? "__Host-pp_session" : "pp_session", {
      httpOnly: true,
      sameSite: "lax",
      secure,
      path: "/",
      secrets: env.SESSION_SECRET.split(",").map((s) => s.trim()),
    });
  }
  return cookie;
}


export async function createSession(tx: Executor, userId: string, request: Request, now = new Date()) {
  const token = newToken();
  await tx.insert(sessions).values({
    id: hashToken(token),
    userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + ABSOLUTE_TIMEOUT_MS),
    ip: currentClientAddress(),
    userAgent: request.headers.get("user-agent")?.slice(0, 300) ?? null,
  });
  return sessionCookie().serialize(token, { maxAge: ABSOLUTE_TIMEOUT_MS / 1000 });
}

async function tokenOf(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("cookie"));
  return typeof value === "string" && value.length > 20 ? value : null;
}

/** The signed-in user with membership and organisation names, in one query; null if none. */
export function getActor(request: Request, now?: Date): Promise<Actor | null> {
  // A clock given by a test is never shared; a real request looks the session up once.
  return now ? lookUpActor(request, now) : oncePerRequest(request, () => lookUpActor(request, new Date()));
}

// Every signed-in page looks the session up: the query is built once per database handle and
// run with this request's values (decision 040). Placeholders take what drizzle would have
// bound: the token hash as is, the times as the ISO strings the timestamp columns map them to.
const actorQueries = new WeakMap<Database, ReturnType<typeof buildActorQuery>>();
function buildActorQuery(db: Database) {
  return db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      municipalityCode: memberships.municipalityCode,
      // Shown in full in the header and on pages: the official name ("Bornholms Regionskommune").
      municipalityName: municipalities.officialName,
      agencyId: memberships.agencyId,
      agencyName: agencies.name,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .leftJoin(municipalities, eq(municipalities.code, memberships.municipalityCode))
    .leftJoin(agencies, eq(agencies.id, memberships.agencyId))
    .where(
      and(
        eq(sessions.id, sql.placeholder("id")),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, sql.placeholder("now")),
        gt(sessions.lastSeenAt, sql.placeholder("idleCutoff")),
        eq(users.status, "active"),
      ),
    )
    .limit(1)
    .prepare("actor_by_session");
}

async function lookUpActor(request: Request, now: Date): Promise<Actor | null> {
  const token = await tokenOf(request);
  if (!token) return null;
  const db = await getDb();
  const id = hashToken(token);
  const idleCutoff = new Date(now.getTime() - IDLE_TIMEOUT_MS);
  let query = actorQueries.get(db);
  if (!query) {
    query = buildActorQuery(db);
    actorQueries.set(db, query);
  }
  const [row] = await query.execute({ id, now: now.toISOString(), idleCutoff: idleCutoff.toISOString() });
  if (!row) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
  }
  const { lastSeenAt: _ignored, ...actor } = row;
  return { ...actor, requestId: currentRequestId() };
}

export async function revokeSession(request: Request) {
  const token = await tokenOf(request);
  if (!token) return;
  const db = await getDb();
  await db.update(sessions).set({ revokedAt: sql`now()` }).where(eq(sessions.id, hashToken(token)));
}

export async function revokeAllSessions(tx: Executor, userId: string) {
  await tx
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
}

export async function clearCookieHeader() {
  return sessionCookie().serialize("", { maxAge: 0 });
}

export async function logoutRedirect(to = "/login") {
  return redirect(to, { headers: { "Set-Cookie": await clearCookieHeader() } });
}
