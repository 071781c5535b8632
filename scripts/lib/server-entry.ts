// The production server runs as plain JavaScript: server.ts and the few TypeScript modules it
// imports are bundled into build/serve.js (packages stay external) right after the Remix build,
// and `node build/serve.js` serves. Under `tsx` the same server held about 190 MB more at
// idle (tsx's loader thread and its transformed copies of the 1.3 MB server bundle), which
// alone broke issue 19's 250 MB memory target. See docs/decisions/ on the lean request path.
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
// esbuild comes with vite and tsx, which every build already needs.
import { build } from "esbuild";
import { newestMtime } from "./mtime";

export const SERVER_ENTRY = "build/serve.js";

/**
 * V8's heap limits for the production server. Without them a loaded server kept ~260 MB, most
 * of it heap V8 reserved because it could; with them it stays under 250 MB after the page
 * benchmarks, and the status pack (XLSX + PDF + DOCX at ×10 data) still builds. The young
 * generation is what grows under load: 8 MB semi-spaces (default 16) cost a little more
 * scavenging; the old space is capped well above the ~60 MB the app uses at idle.
 */
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=8", "--max-old-space-size=384"];

/** The sources build/serve.js is made from (server.ts and what it imports outside app/). */
const ENTRY_SOURCES = ["server.ts", "server"];

/** True when build/serve.js is missing or older than server.ts, server/ or app/. */
export function serverEntryStale(root = process.cwd()) {
  const entry = path.join(root, SERVER_ENTRY);
  if (!existsSync(entry)) return true;
  const built = statSync(entry).mtimeMs;
  return [...ENTRY_SOURCES, "app"].some((p) => newestMtime(path.join(root, p)) > built);
}

export async function buildServerEntry(root = process.cwd()) {
  await build({
    entryPoints: [path.join(root, "server.ts")],
    outfile: path.join(root, SERVER_ENTRY),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    tsconfig: path.join(root, "tsconfig.json"),
    logLevel: "warning",
    banner: { js: "// Built from server.ts by scripts/lib/server-entry.ts; do not edit." },
  });
}

// `npm run build` runs this after `remix vite:build`.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await buildServerEntry();
