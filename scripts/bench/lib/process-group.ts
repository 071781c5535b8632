// Stopping a benchmark's server started with `detached: true`: the whole process group
// (node → anything it started), so no server is left behind when the benchmark exits.
// ownGroup() also stops the group when this script is itself stopped (SIGTERM/SIGINT/SIGHUP,
// e.g. run-all's time limit): a detached server is in its own group and would outlive us.
import type { ChildProcess } from "node:child_process";

function groupAlive(pid: number) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

const owned = new Set<number>();
const cleanups: (() => Promise<void>)[] = [];
let installed = false;

function install() {
  if (installed) return;
  installed = true;
  for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) {
    process.on(signal, () => {
      for (const pid of owned) {
        try {
          process.kill(-pid, "SIGTERM");
        } catch {
          // already gone
        }
      }
      // Then what the script would have removed itself (its benchmark database: dropping it
      // WITH (FORCE) also ends a seeding INSERT still running on the server), 10 s at most.
      const done = Promise.allSettled(cleanups.map((c) => c()));
      const timeout = new Promise((r) => setTimeout(r, 10_000).unref());
      void Promise.race([done, timeout]).then(() => process.exit(143));
    });
  }
}

/** Run `cleanup` if this process is told to stop (run-all's budget) before it cleans up itself. */
export function onStop(cleanup: () => Promise<void>) {
  install();
  cleanups.push(cleanup);
}

/** Remember a detached child's group, to be stopped if this process is told to stop. */
export function ownGroup<T extends ChildProcess>(child: T): T {
  if (child.pid) owned.add(child.pid);
  install();
  return child;
}

/** SIGTERM to the child's whole group; wait until it is gone, SIGKILL after 15 s. */
export async function stopProcessGroup(child: ChildProcess) {
  const pid = child.pid!;
  if (groupAlive(pid)) process.kill(-pid, "SIGTERM");
  const until = Date.now() + 15_000;
  while (groupAlive(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  if (groupAlive(pid)) process.kill(-pid, "SIGKILL");
  owned.delete(pid);
  // A grandchild holding our pipes must not keep this process alive.
  child.stdout?.destroy();
  child.stderr?.destroy();
}
