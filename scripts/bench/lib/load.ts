// Load with autocannon for the page benchmarks: one target (pages.ts) or a round of targets
// on one server (two-processes.ts: each connection walks the list in turn). Every response
// time is kept, so p50/p95/p99 are exact, and any status other than the expected one counts
// as an error, as do autocannon's own errors and timeouts.
import autocannon from "autocannon";
import { percentile } from "./measure";

export type Run = { reqPerSec: number; p50: number; p95: number; p99: number; errors: number; requests: number };
export type Target = { url: string; cookie?: string; post?: () => string; expect: number };

export async function hammer(t: Target, connections: number, seconds: number): Promise<Run> {
  const headers: Record<string, string> = {};
  if (t.cookie) headers.cookie = t.cookie;
  if (t.post) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    headers.origin = new URL(t.url).origin;
  }
  return run(
    {
      url: t.url,
      connections,
      duration: seconds,
      headers,
      method: t.post ? "POST" : "GET",
      requests: t.post ? [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, body: t.post!() }) }] : undefined,
    } as autocannon.Options,
    t.expect,
    seconds,
  );
}

/** GETs on one origin, each connection taking the targets in turn (all expected 200). */
export async function hammerMix(origin: string, targets: Target[], connections: number, seconds: number): Promise<Run> {
  const requests = targets.map((t) => {
    const u = new URL(t.url);
    return { method: "GET", path: u.pathname + u.search, headers: t.cookie ? { cookie: t.cookie } : {} };
  });
  return run({ url: origin, connections, duration: seconds, requests } as autocannon.Options, 200, seconds);
}

async function run(options: autocannon.Options, expect: number, seconds: number): Promise<Run> {
  const times: number[] = [];
  let errors = 0;
  const instance = autocannon(options) as unknown as NodeJS.EventEmitter & PromiseLike<autocannon.Result>;
  instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
    times.push(ms);
    if (status !== expect) errors++;
  });
  const r = await instance;
  times.sort((a, b) => a - b);
  return {
    reqPerSec: times.length / seconds,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    errors: errors + r.errors + r.timeouts,
    requests: times.length,
  };
}

export async function fetchText(t: Target) {
  const res = await fetch(t.url, {
    method: t.post ? "POST" : "GET",
    headers: { ...(t.cookie ? { cookie: t.cookie } : {}), ...(t.post ? { "content-type": "application/x-www-form-urlencoded", origin: new URL(t.url).origin } : {}) },
    body: t.post?.(),
    redirect: "manual",
  });
  return { status: res.status, text: await res.text() };
}
