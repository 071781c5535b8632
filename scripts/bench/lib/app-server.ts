// The servers a load benchmark starts (pages.ts, two-processes.ts): node itself (no npx/npm
// wrapper) in its own process group, so stopProcessGroup ends all of it; a wait for the first
// 200; the resident memory of a pid; the environment of a production app server on a
// benchmark database.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { SERVER_ENTRY, SERVER_NODE_FLAGS } from "../../lib/server-entry";
import { ownGroup } from "./process-group";

export type NodeServer = { child: ChildProcess; output: () => string };

export function startNode(script: string, env: Record<string, string>): NodeServer {
  // The app as production runs it: plain node on build/serve.js with the heap limits (scripts/lib/server-entry.ts).
  const child = ownGroup(spawn(process.execPath, script === "server.ts" ? [...SERVER_NODE_FLAGS, SERVER_ENTRY] : ["--import", "tsx", script], {
    env: { ...process.env, ...env } as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  }));
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  return { child, output: () => output };
}

export async function waitFor(url: string, s: NodeServer) {
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    if (s.child.exitCode !== null) throw new Error(`server stopped (${s.child.exitCode}):\n${s.output()}`);
    const ok = await fetch(url)
      .then(async (r) => (await r.arrayBuffer(), r.status === 200))
      .catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no 200 from ${url} after 120 s:\n${s.output()}`);
}

export function rssMb(pid: number) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** server.ts in production on the benchmark database (prepareDatabase's url or PGlite folder). */
export function appServerEnv(opts: { port: number; secret: string; root: string; facts: { url?: string; dataDir: string }; extra?: Record<string, string> }) {
  return {
    NODE_ENV: "production",
    PORT: String(opts.port),
    HOST: "127.0.0.1",
    APP_ORIGIN: `http://localhost:${opts.port}`,
    SESSION_SECRET: opts.secret,
    JOBS: "0",
    DEMO_MODE: "1",
    UPLOAD_DIR: path.join(opts.root, "uploads"),
    ...(opts.facts.url ? { DATABASE_URL: opts.facts.url } : { DATA_DIR: opts.facts.dataDir }),
    ...opts.extra,
  } as Record<string, string>;
}
