// What a loader or action gives back when a test calls it directly: a plain object,
// a `data(...)` result (DataWithResponseInit), a returned Response, or a thrown
// Response (guards, redirects). These turn each into something to assert on.

/** What `data(...)` gives back when an action returns rather than throws. */
export type DataResult = { data: any; init: ResponseInit | null };

/** The value, or the Response it threw in its place (other errors still fail the test). */
export async function settle<T>(work: Promise<T> | (() => Promise<T>)): Promise<T | Response> {
  try {
    return await (typeof work === "function" ? work() : work);
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
}

/** The Response a guard or redirect threw; fails when nothing was thrown. */
export async function thrown(p: Promise<unknown>): Promise<Response> {
  try {
    await p;
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
  throw new Error("expected a thrown Response");
}

export type Outcome = { status: number; data?: Record<string, any>; headers: Headers };

/** Status, data and headers, however the route answered. */
export async function outcome(fn: () => Promise<unknown>): Promise<Outcome> {
  const r = (await settle(fn)) as any;
  if (r instanceof Response) return { status: r.status, headers: r.headers };
  if (r && typeof r === "object" && "init" in r && "data" in r) {
    return { status: r.init?.status ?? 200, data: r.data, headers: new Headers(r.init?.headers) };
  }
  return { status: 200, data: r, headers: new Headers() };
}
