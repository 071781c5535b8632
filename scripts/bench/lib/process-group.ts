// Stopping a benchmark's server started with `detached: true`: the whole process group
// (npm/npx → tsx → node), so no server is left behind when the benchmark exits.
import type { ChildProcess } from "node:child_process";

function groupAlive(pid: number) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM to the child's whole group; wait until it is gone, SIGKILL after 15 s. */
export async function stopProcessGroup(child: ChildProcess) {
  const pid = child.pid!;
  if (groupAlive(pid)) process.kill(-pid, "SIGTERM");
  const until = Date.now() + 15_000;
  while (groupAlive(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  if (groupAlive(pid)) process.kill(-pid, "SIGKILL");
}
