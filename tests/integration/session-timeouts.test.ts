// Sessions end after 1 hour without use and 12 hours after sign-in, whatever happens;
// the cookie is signed and only the token's hash is stored.
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "#db/client";
import { sessions } from "#db/schema";
import { createSession, getActor, sessionCookie } from "~/auth/session.server";
import { hashToken } from "~/auth/tokens.server";
import { getDb } from "~/db.server";
import { resetEnvCache } from "~/env.server";
import { requestContext } from "~/utils/request-context.server";
import { createUser, seedBase, type TestUser } from "../fixtures";

let db: Database;
let user: TestUser;
const minutes = (n: number) => n * 60 * 1000;

beforeAll(async () => {
  db = await getDb();
  await seedBase(db);
  user = await createUser(db, "caseworker");
});

async function signIn(at: Date) {
  const setCookie = await createSession(db, user.userId, new Request("http://localhost/"), at);
  return setCookie.split(";")[0];
}
const requestWith = (cookie: string) => new Request("http://localhost/", { headers: { cookie } });

it("ends after one hour without use, and use keeps it alive", async () => {
  const t0 = new Date("2026-11-23T08:00:00Z");
  const cookie = await signIn(t0);
  expect(await getActor(requestWith(cookie), new Date(t0.getTime() + minutes(59)))).toMatchObject({ userId: user.userId });
  // Used at 59 minutes, so still alive at 59 + 59.
  expect(await getActor(requestWith(cookie), new Date(t0.getTime() + minutes(118)))).not.toBeNull();
  expect(await getActor(requestWith(cookie), new Date(t0.getTime() + minutes(118 + 61)))).toBeNull();
});

it("the lookup is built once per database handle (decision 040), and each request's token and time still decide", async () => {
  const t0 = new Date("2026-11-23T13:00:00Z");
  const cookie = await signIn(t0);
  expect(await getActor(requestWith(cookie), new Date(t0.getTime() + minutes(1)))).toMatchObject({ userId: user.userId });
  const select = vi.spyOn(db, "select");
  try {
    expect(await getActor(requestWith(cookie), new Date(t0.getTime() + minutes(30)))).toMatchObject({ userId: user.userId });
    expect(await getActor(requestWith(cookie), new Date(t0.getTime() + minutes(30 + 61)))).toBeNull();
    expect(await getActor(requestWith(await signIn(t0)), new Date(t0.getTime() + minutes(2)))).toMatchObject({ userId: user.userId });
    expect(select).not.toHaveBeenCalled();
  } finally {
    select.mockRestore();
  }
});

it("ends 12 hours after sign-in even when used all the time", async () => {
  const t0 = new Date("2026-11-24T06:00:00Z");
  const cookie = await signIn(t0);
  for (let m = 50; m < 12 * 60; m += 50) {
    expect(await getActor(requestWith(cookie), new Date(t0.getTime() + minutes(m)))).not.toBeNull();
  }
  expect(await getActor(requestWith(cookie), new Date(t0.getTime() + minutes(12 * 60 + 1)))).toBeNull();
});

it("stores only the hash of the token, and refuses a cookie with a forged signature", async () => {
  const cookie = await signIn(new Date());
  const token = (await sessionCookie().parse(cookie)) as string;
  const [row] = await db.select().from(sessions).where(eq(sessions.id, hashToken(token)));
  expect(row).toBeTruthy();
  expect(await db.select().from(sessions).where(eq(sessions.id, token))).toHaveLength(0);
  const [name, value] = cookie.split("=");
  const forged = `${name}=${value.slice(0, -4)}AAAA`;
  expect(await getActor(requestWith(forged))).toBeNull();
});

it("looks the session up once per GET request (root loader and route guard share it), never across an action", async () => {
  const cookie = await signIn(new Date());
  await requestContext.run({ requestId: "r1" }, async () => {
    const get = requestWith(cookie);
    const first = getActor(get);
    expect(getActor(get)).toBe(first);
    expect(await first).toMatchObject({ userId: user.userId, requestId: "r1" });
    const post = new Request("http://localhost/", { method: "POST", headers: { cookie } });
    expect(getActor(post)).not.toBe(getActor(post));
  });
  // Another request gets its own lookup.
  const other = await requestContext.run({ requestId: "r2" }, () => getActor(requestWith(cookie)));
  expect(other?.requestId).toBe("r2");
});

describe("session cookie name", () => {
  const saved = { NODE_ENV: process.env.NODE_ENV, APP_ORIGIN: process.env.APP_ORIGIN, SESSION_SECRET: process.env.SESSION_SECRET };
  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetEnvCache();
  });

  it("is __Host- prefixed, Secure, Path=/ and without Domain when served over HTTPS in production", async () => {
    process.env.NODE_ENV = "production";
    process.env.APP_ORIGIN = "https://puljeportal.example";
    process.env.SESSION_SECRET = "y".repeat(40);
    resetEnvCache();
    const header = await sessionCookie().serialize("t".repeat(43));
    expect(header).toMatch(/^__Host-pp_session=/);
    expect(header).toMatch(/; Secure/i);
    expect(header).toMatch(/; Path=\//i);
    expect(header).not.toMatch(/Domain=/i);
  });

  it("is plain pp_session over http (a browser refuses __Host- without Secure)", async () => {
    process.env.NODE_ENV = "development";
    delete process.env.APP_ORIGIN;
    resetEnvCache();
    expect(await sessionCookie().serialize("t".repeat(43))).toMatch(/^pp_session=/);
  });
});
