// `npm start` builds the app only when the sources are newer than the build (newestMtime).
import { spawn } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { newestMtime } from "./mtime";
import { buildServerEntry, serverEntryStale } from "./server-entry";

const BUILD_ENTRY = "build/server/index.js";
const SOURCE_DIRS = ["app", "emails", "db/schema"];
const SOURCE_FILES = ["db/client.ts", "remix.config.js", "vite.config.ts"];

/** Why a build is needed, or null when build/ is up to date. */
export function staleReason(root = process.cwd()): string | null {
  const entry = path.join(root, BUILD_ENTRY);
  if (!existsSync(entry) || !existsSync(path.join(root, "build/client"))) return "der er ingen build endnu";
  const built = statSync(entry).mtimeMs;
  for (const dir of SOURCE_DIRS) {
    const full = path.join(root, dir);
    if (newestMtime(full) > built) return `${dir}/ er ændret siden sidste build`;
  }
  for (const file of SOURCE_FILES) {
    const full = path.join(root, file);
    if (newestMtime(full) > built) return `${file} er ændret siden sidste build`;
  }
  return null;
}

/** Where the full output of the last build goes (the console gets one line). */
export const BUILD_LOG = ".cache/build.log";

/**
 * Runs one step with its whole output in `logFile` and one line on the console:
 * "Bygger appen (…) … færdig på 14 s." Bundler warnings in a wall of text look like a
 * failure to a new user; a failure prints the log's last lines and where the rest is.
 */
export async function runStep(opts: {
  label: string;
  command: string;
  args: string[];
  logFile: string;
  env?: NodeJS.ProcessEnv;
  write?: (text: string) => void;
}): Promise<{ ok: boolean; seconds: number }> {
  const write = opts.write ?? ((t: string) => process.stdout.write(t));
  mkdirSync(path.dirname(opts.logFile), { recursive: true });
  const out = createWriteStream(opts.logFile);
  const started = performance.now();
  write(`${opts.label} … `);
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(opts.command, opts.args, { stdio: ["ignore", "pipe", "pipe"], env: opts.env ?? process.env });
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    child.on("error", reject);
    child.on("close", resolve);
  });
  await new Promise<void>((resolve) => out.end(resolve));
  const seconds = Math.round((performance.now() - started) / 1000);
  if (code === 0) {
    write(`færdig på ${seconds} s (log: ${opts.logFile}).\n`);
    return { ok: true, seconds };
  }
  const tail = readFileSync(opts.logFile, "utf8").trimEnd().split("\n").slice(-30).join("\n");
  write(`fejlede efter ${seconds} s. De sidste linjer af ${opts.logFile}:\n${tail}\n`);
  return { ok: false, seconds };
}

/** Runs `remix vite:build` (one line out, the log in a file) when the build is missing or stale, then bundles build/serve.js. */
export async function ensureBuild(write?: (text: string) => void) {
  const reason = staleReason();
  if (!reason) {
    // The production server's own entry (build/serve.js) is milliseconds to make.
    if (serverEntryStale()) await buildServerEntry();
    return false;
  }
  const result = await runStep({
    label: `Bygger appen (${reason})`,
    command: "npx",
    args: ["remix", "vite:build"],
    logFile: BUILD_LOG,
    // A production bundle whatever the caller's NODE_ENV is; and not the test config, which
    // vite.config.ts gives anyone with VITEST set (a benchmark started from a test).
    env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("VITEST"))), NODE_ENV: "production" },
    write,
  });
  if (!result.ok) throw new Error(`Byggeriet fejlede (remix vite:build): se ${BUILD_LOG}.`);
  await buildServerEntry();
  return true;
}
