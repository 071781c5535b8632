// npm run bench: every benchmark script in turn; each prints its own figures.
import { spawnSync } from "node:child_process";

for (const script of ["scripts/bench/start.ts", "scripts/bench/applications.ts", "scripts/bench/allocate.ts", "scripts/bench/timeline.ts", "scripts/bench/status-pack.ts"]) {
  console.log(`\n== ${script}`);
  const r = spawnSync("npx", ["tsx", script], { stdio: "inherit", env: process.env });
  if (r.status !== 0) process.exitCode = 1;
}
