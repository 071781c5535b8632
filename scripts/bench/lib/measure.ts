// Small measuring helpers shared by the benchmark scripts: percentiles over
// sequential requests and a throughput run with autocannon.
import autocannon from "autocannon";

export function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)];
}

/** Sequential GETs: p50/p95 of the time to the full response body, in ms. */
export async function latency(url: string, cookie: string, n = 200, warmup = 20) {
  const times: number[] = [];
  let errors = 0;
  for (let i = 0; i < n + warmup; i++) {
    const t = performance.now();
    const res = await fetch(url, { headers: { cookie }, redirect: "manual" });
    await res.arrayBuffer();
    const ms = performance.now() - t;
    if (res.status !== 200) errors++;
    if (i >= warmup) times.push(ms);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), errors, n };
}

export async function throughput(url: string, cookie: string, connections: number, seconds = 5) {
  const r = await autocannon({ url, connections, duration: seconds, headers: { cookie } });
  return { reqPerSec: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx };
}

export async function loginCookie(base: string, email: string, password: string) {
  const body = new URLSearchParams({ email, password, redirectTo: "/" });
  const res = await fetch(`${base}/login`, {
    method: "POST",
    body,
    redirect: "manual",
    headers: { origin: base, "content-type": "application/x-www-form-urlencoded" },
  });
  const setCookie = res.headers.get("set-cookie");
  if (res.status !== 302 || !setCookie) throw new Error(`login failed for ${email}: ${res.status}`);
  return setCookie.split(";")[0];
}

export const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
