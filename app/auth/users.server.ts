// User administration (admin only) and the signed-in user's own account.
import { and, asc, count, eq, gt, ilike, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import type { Database, Executor } from "#db/client";
import { agencies, memberships, municipalities, sessions, users } from "#db/schema";
import type { ApplicationNoticeMode, Role } from "~/auth/account-constants";
import { isMinistry } from "~/policy/permissions";
import { audit } from "~/utils/audit.server";
import { pageWindow } from "~/utils/paging";
import type { Actor } from "./actor";
import { MINISTRY_AGENCY } from "./account-schemas";
import { MAX_FAILURES } from "./lockout";
import { hashPassword, verifyPassword } from "./password.server";
import { IDLE_TIMEOUT_MS, revokeAllSessions, sessionCookie } from "./session.server";
import { clearGuesses, lockStatus, takeGuess, throttleKeys } from "./throttle.server";
import { hashToken } from "./tokens.server";

export const USERS_PAGE_SIZE = 25;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

// ---------------------------------------------------------------- organisation

export type OrganisationInput = { role: Role; municipalityCode?: string; agency?: string };
export type ResolvedOrganisation =
  | { ok: true; municipalityCode: string | null; agencyId: number | null; label: string }
  | { ok: false; errors: Record<string, string> };

/** Role + chosen organisation → the membership columns, checked against the reference tables. */
export async function resolveOrganisation(tx: Executor, input: OrganisationInput): Promise<ResolvedOrganisation> {
  if (input.role === "municipality") {
    const [m] = await tx
      .select({ code: municipalities.code, officialName: municipalities.officialName })
      .from(municipalities)
      .where(eq(municipalities.code, input.municipalityCode ?? ""));
    if (!m) return { ok: false, errors: { municipalityCode: "Vælg en kommune fra listen." } };
    return { ok: true, municipalityCode: m.code, agencyId: null, label: m.officialName };
  }
  const slug = input.role === "advisor" ? (input.agency ?? "") : MINISTRY_AGENCY;
  const [a] = await tx.select({ id: agencies.id, name: agencies.name }).from(agencies).where(eq(agencies.slug, slug));
  if (!a) return { ok: false, errors: { agency: "Vælg en styrelse fra listen." } };
  return { ok: true, municipalityCode: null, agencyId: a.id, label: a.name };
}

// ---------------------------------------------------------------- queries

const lastSignIn = sql<Date | null>`(SELECT max(${sessions.createdAt}) FROM ${sessions} WHERE ${sessions.userId} = ${users.id})`;

function escapeLike(s: string) {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function listUsers(db: Executor, query: { q: string; role?: Role; page: number }) {
  const conditions: SQL[] = [];
  if (query.q) {
    const pattern = `%${escapeLike(query.q)}%`;
    conditions.push(or(ilike(users.name, pattern), ilike(users.email, pattern))!);
  }
  if (query.role) conditions.push(eq(memberships.role, query.role));
  const where = conditions.length ? and(...conditions) : undefined;
  const [{ total }] = await db
    .select({ total: count() })
    .from(users)
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .where(where);
  const { page, pageCount, offset } = pageWindow(Number(total), query.page, USERS_PAGE_SIZE);
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      status: users.status,
      role: memberships.role,
      municipalityName: municipalities.officialName,
      agencyName: agencies.name,
      lastSignIn,
    })
    .from(users)
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .leftJoin(municipalities, eq(municipalities.code, memberships.municipalityCode))
    .leftJoin(agencies, eq(agencies.id, memberships.agencyId))
    .where(where)
    .orderBy(asc(sql`lower(${users.name})`), asc(users.id))
    .limit(USERS_PAGE_SIZE)
    .offset(offset);
  return { rows: rows.map(withDate), total: Number(total), page, pageCount };
}

// Raw subqueries come back as strings on postgres.js and as Date on PGlite.
function withDate<T extends { lastSignIn: Date | string | null }>(row: T) {
  return { ...row, lastSignIn: row.lastSignIn == null ? null : new Date(row.lastSignIn) };
}

function activeSessionWhere(userId: string, now: Date) {
  return and(
    eq(sessions.userId, userId),
    isNull(sessions.revokedAt),
    gt(sessions.expiresAt, now),
    gt(sessions.lastSeenAt, new Date(now.getTime() - IDLE_TIMEOUT_MS)),
  );
}

export async function countActiveSessions(db: Executor, userId: string, now = new Date()) {
  const [{ n }] = await db.select({ n: count() }).from(sessions).where(activeSessionWhere(userId, now));
  return Number(n);
}

/** One user for the admin's detail page; null when the id is unknown. */
export async function getUserDetail(db: Executor, userId: string, now = new Date()) {
  if (!isUuid(userId)) return null;
  const [row] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      status: users.status,
      createdAt: users.createdAt,
      role: memberships.role,
      municipalityCode: memberships.municipalityCode,
      municipalityName: municipalities.officialName,
      agencyId: memberships.agencyId,
      agencySlug: agencies.slug,
      agencyName: agencies.name,
      applicationNotice: users.applicationNotice,
      lastSignIn,
    })
    .from(users)
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .leftJoin(municipalities, eq(municipalities.code, memberships.municipalityCode))
    .leftJoin(agencies, eq(agencies.id, memberships.agencyId))
    .where(eq(users.id, userId));
  if (!row) return null;
  return { ...withDate(row), activeSessions: await countActiveSessions(db, userId, now) };
}

export async function organisationOptions(db: Executor) {
  const munis = await db
    .select({ code: municipalities.code, name: municipalities.name })
    .from(municipalities)
    .orderBy(asc(municipalities.sortKey));
  const ags = await db
    .select({ slug: agencies.slug, name: agencies.name, kind: agencies.kind })
    .from(agencies)
    .orderBy(asc(agencies.name));
  return { municipalities: munis, agencies: ags.filter((a) => a.kind === "agency") };
}

// ---------------------------------------------------------------- admin commands

type CommandResult = { ok: true } | { ok: false; status: 403 | 404 | 409; message: string; field?: string };

export async function setUserStatus(db: Database, actor: Actor, userId: string, status: "active" | "disabled"): Promise<CommandResult> {
  if (!isUuid(userId)) return { ok: false, status: 404, message: "Brugeren findes ikke." };
  if (status === "disabled" && userId === actor.userId) {
    return { ok: false, status: 409, message: "Du kan ikke deaktivere dig selv." };
  }
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ id: users.id, status: users.status })
      .from(users)
      .where(eq(users.id, userId))
      .for("update");
    if (!before) return { ok: false as const, status: 404 as const, message: "Brugeren findes ikke." };
    if (before.status === status) return { ok: true as const };
    await tx.update(users).set({ status, updatedAt: new Date() }).where(eq(users.id, userId));
    // getActor also refuses disabled users; revoking makes the end of access visible in the data.
    if (status === "disabled") await revokeAllSessions(tx, userId);
    await audit(tx, actor, {
      action: status === "disabled" ? "user.disabled" : "user.enabled",
      entityType: "user",
      entityId: userId,
      before: { status: before.status },
      after: { status },
    });
    return { ok: true as const };
  });
}

/** Until when the user's sign-in (or current-password check) is locked; null when open. */
export async function lockedUntilOf(db: Executor, user: { id: string; email: string }, now = new Date()) {
  const times = [
    await lockStatus(db, throttleKeys.email(user.email), MAX_FAILURES, now),
    await lockStatus(db, throttleKeys.passwordCheck(user.id), MAX_FAILURES, now),
  ].filter((t): t is Date => t !== null);
  return times.length ? new Date(Math.max(...times.map((t) => t.getTime()))) : null;
}

/** "Lås op": an admin lifts a lockout (the user called; the guesses were theirs). */
export async function unlockUser(db: Database, actor: Actor, userId: string, now = new Date()): Promise<CommandResult> {
  if (!isUuid(userId)) return { ok: false, status: 404, message: "Brugeren findes ikke." };
  return db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id, email: users.email }).from(users).where(eq(users.id, userId)).for("update");
    if (!user) return { ok: false as const, status: 404 as const, message: "Brugeren findes ikke." };
    const until = await lockedUntilOf(tx, user, now);
    await clearGuesses(tx, [throttleKeys.email(user.email), throttleKeys.passwordCheck(user.id)]);
    await audit(tx, actor, {
      action: "user.unlocked",
      entityType: "user",
      entityId: userId,
      before: { lockedUntil: until },
      after: { lockedUntil: null },
    });
    return { ok: true as const };
  });
}

/** Straks or dagligt sammendrag: only ministry staff hear of arriving applications. Audited. */
export async function setApplicationNotice(db: Database, actor: Actor, mode: ApplicationNoticeMode): Promise<CommandResult> {
  if (!isMinistry(actor)) return { ok: false, status: 403, message: "Kun ministeriets medarbejdere får besked om nye ansøgninger." };
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ mode: users.applicationNotice })
      .from(users)
      .where(eq(users.id, actor.userId))
      .for("update");
    if (!before) return { ok: false as const, status: 404 as const, message: "Brugeren findes ikke." };
    if (before.mode === mode) return { ok: true as const };
    await tx.update(users).set({ applicationNotice: mode, updatedAt: new Date() }).where(eq(users.id, actor.userId));
    await audit(tx, actor, {
      action: "user.application_notice_changed",
      entityType: "user",
      entityId: actor.userId,
      before: { applicationNotice: before.mode },
      after: { applicationNotice: mode },
    });
    return { ok: true as const };
  });
}

export async function changeMembership(db: Database, actor: Actor, userId: string, input: OrganisationInput): Promise<CommandResult> {
  if (!isUuid(userId)) return { ok: false, status: 404, message: "Brugeren findes ikke." };
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ role: memberships.role, municipalityCode: memberships.municipalityCode, agencyId: memberships.agencyId })
      .from(memberships)
      .where(eq(memberships.userId, userId))
      .for("update");
    if (!before) return { ok: false as const, status: 404 as const, message: "Brugeren findes ikke." };
    // An admin demoting themself could leave nobody to administer users.
    if (userId === actor.userId && input.role !== before.role) {
      return { ok: false as const, status: 409 as const, message: "Du kan ikke ændre din egen rolle.", field: "role" };
    }
    const org = await resolveOrganisation(tx, input);
    if (!org.ok) {
      const [field, message] = Object.entries(org.errors)[0];
      return { ok: false as const, status: 409 as const, message, field };
    }
    const after = { role: input.role, municipalityCode: org.municipalityCode, agencyId: org.agencyId };
    await tx.update(memberships).set(after).where(eq(memberships.userId, userId));
    await audit(tx, actor, { action: "user.membership-changed", entityType: "user", entityId: userId, before, after });
    return { ok: true as const };
  });
}

// ---------------------------------------------------------------- own account

/** The hash of the request's session token (the sessions.id of the current session). */
export async function currentSessionId(request: Request) {
  const token = await sessionCookie().parse(request.headers.get("cookie"));
  return typeof token === "string" && token.length > 20 ? hashToken(token) : null;
}

export async function logoutEverywhere(db: Database, actor: Actor) {
  await db.transaction(async (tx) => {
    await revokeAllSessions(tx, actor.userId);
    await audit(tx, actor, { action: "session.logout-all", entityType: "user", entityId: actor.userId });
  });
}

export const PASSWORD_CHECK_LOCKED = "For mange forkerte forsøg. Prøv igen om 15 minutter, eller nulstil din adgangskode.";

export async function changePassword(
  db: Database,
  actor: Actor,
  request: Request,
  input: { currentPassword: string; password: string },
): Promise<{ ok: true } | { ok: false; errors: Record<string, string> }> {
  // A stolen session must not become a way to guess the password: same limit as signing in.
  const key = throttleKeys.passwordCheck(actor.userId);
  const guesses = await takeGuess(db, key, MAX_FAILURES, new Date());
  if (guesses === null) return { ok: false, errors: { currentPassword: PASSWORD_CHECK_LOCKED } };
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, actor.userId));
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    return {
      ok: false,
      errors: { currentPassword: guesses >= MAX_FAILURES ? PASSWORD_CHECK_LOCKED : "Den nuværende adgangskode er forkert." },
    };
  }
  await clearGuesses(db, [key]);
  const passwordHash = await hashPassword(input.password);
  const keep = await currentSessionId(request);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, actor.userId));
    // Other devices must sign in again with the new password; this one stays signed in.
    await tx
      .update(sessions)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(sessions.userId, actor.userId), isNull(sessions.revokedAt), keep ? ne(sessions.id, keep) : undefined));
    await audit(tx, actor, { action: "user.password-changed", entityType: "user", entityId: actor.userId });
  });
  return { ok: true };
}
