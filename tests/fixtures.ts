// Test data builders: reference data, users of each role, and a signed-in request.
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Executor } from "#db/client";
import { agencies, memberships, users } from "#db/schema";
import type { Role } from "~/auth/account-constants";
import { seedReference } from "#db/seed/reference";
import type { Actor } from "~/auth/actor";
import { hashPassword } from "~/auth/password.server";
import { createSession } from "~/auth/session.server";

export const TEST_PASSWORD = "korrekt-hest-batteri-42";
let passwordHash: Promise<string> | undefined;

export async function seedBase(db: Executor) {
  return seedReference(db);
}

export type TestUser = Actor & { password: string };

export async function createUser(
  db: Executor,
  role: Role,
  opts: { municipalityCode?: string; agencySlug?: string; email?: string; name?: string } = {},
): Promise<TestUser> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const email = opts.email ?? `${role}-${randomBytes(4).toString("hex")}@test.dk`;
  const name = opts.name ?? `Test ${role}`;
  const [user] = await db.insert(users).values({ email, name, passwordHash: await passwordHash }).returning();
  let agencyId: number | null = null;
  let agencyName: string | null = null;
  const slug = opts.agencySlug ?? (role === "advisor" ? "sbst" : role === "municipality" ? undefined : "sm");
  if (slug) {
    const [a] = await db.select().from(agencies).where(eq(agencies.slug, slug));
    agencyId = a.id;
    agencyName = a.name;
  }
  const municipalityCode = role === "municipality" ? (opts.municipalityCode ?? "0360") : null;
  await db.insert(memberships).values({ userId: user.id, role, municipalityCode, agencyId });
  return {
    userId: user.id,
    name,
    email,
    role,
    municipalityCode,
    municipalityName: null,
    agencyId,
    agencyName,
    requestId: "test",
    password: TEST_PASSWORD,
  };
}

/** A Request with a real session cookie for the user. */
export async function signedInRequest(
  db: Executor,
  user: { userId: string },
  url: string,
  init: RequestInit = {},
): Promise<Request> {
  const setCookie = await createSession(db, user.userId, new Request("http://localhost/"));
  const cookie = setCookie.split(";")[0];
  const headers = new Headers(init.headers);
  headers.set("cookie", cookie);
  return new Request(new URL(url, "http://localhost").toString(), { ...init, headers });
}

/** A POST with form fields, signed in as the user. */
export async function postForm(db: Executor, user: { userId: string }, url: string, fields: Record<string, string | string[]>) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
  return signedInRequest(db, user, url, { method: "POST", body });
}
