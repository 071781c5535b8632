// `npm start` builds the app only when the sources are newer than the build: an
// mtime walk over the few folders the build reads takes milliseconds.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const BUILD_ENTRY = "build/server/index.js";
const SOURCE_DIRS = ["app", "emails", "db/schema"];
const SOURCE_FILES = ["db/client.ts", "remix.config.js", "vite.config.ts"];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    // Tests are not part of the build; saving one should not cost a rebuild.
    else if (!/\.test\.tsx?$/.test(entry.name)) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/** Why a build is needed, or null when build/ is up to date. */
export function staleReason(root = process.cwd()): string | null {
  const entry = path.join(root, BUILD_ENTRY);
  if (!existsSync(entry) || !existsSync(path.join(root, "build/client"))) return "der er ingen build endnu";
  const built = statSync(entry).mtimeMs;
  for (const dir of SOURCE_DIRS) {
    const full = path.join(root, dir);
    if (existsSync(full) && newestMtime(full) > built) return `${dir}/ er ændret siden sidste build`;
  }
  for (const file of SOURCE_FILES) {
    const full = path.join(root, file);
    if (existsSync(full) && statSync(full).mtimeMs > built) return `${file} er ændret siden sidste build`;
  }
  return null;
}

/** Runs `remix vite:build` (output shown) when the build is missing or stale. */
export async function ensureBuild(log: (line: string) => void = console.log) {
  const reason = staleReason();
  if (!reason) return false;
  log(`Bygger appen (${reason}) …`);
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn("npx", ["remix", "vite:build"], {
      stdio: "inherit",
      // A production bundle whatever the caller's NODE_ENV is.
      env: { ...process.env, NODE_ENV: "production" },
    });
    child.on("error", reject);
    child.on("exit", resolve);
  });
  if (code !== 0) throw new Error(`Byggeriet fejlede (remix vite:build sluttede med kode ${code}).`);
  return true;
}
