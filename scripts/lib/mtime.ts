// The newest modification time under a path: what `npm start` and the server entry compare
// with their build output to decide whether to rebuild. An mtime walk over the few folders a
// build reads takes milliseconds.
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

/** 0 for a missing path; a file's own mtime; for a folder the newest file in it, tests left out. */
export function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const stat = statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(p, { withFileTypes: true })) {
    // Tests are not part of the build; saving one should not cost a rebuild.
    if (!entry.isDirectory() && /\.test\.tsx?$/.test(entry.name)) continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry.name)));
  }
  return newest;
}
