// The demo app for a browser measurement: scripts/e2e-server.ts (production build, demo data
// in its own database or PGlite folder, the test fixtures in .cache/<name>/fixtures.json) as
// node in its own process group. stop() ends the group, waits for it and drops the database.
import { spawn } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import type { E2eFixtures } from "../../../tests/e2e/fixtures-data";
import { ownGroup, stopProcessGroup } from "./process-group";

export async function startDemoProcess(opts: { name: string; port: number }) {
  const base = `http://localhost:${opts.port}`;
  const child = ownGroup(
    spawn(process.execPath, ["--import", "tsx", "scripts/e2e-server.ts"], {
      env: { ...process.env, E2E_PORT: String(opts.port), E2E_NAME: opts.name },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    }),
  );
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  async function stop() {
    await stopProcessGroup(child);
    rmSync(path.resolve(".cache", opts.name), { recursive: true, force: true });
    if (!process.env.DATABASE_URL) return;
    const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS pp_${opts.name.replace(/\W/g, "_")}_${opts.port} WITH (FORCE)`);
    await admin.end();
  }
  try {
    const until = Date.now() + 240_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server stopped (${child.exitCode}):\n${output}`);
      const ok = await fetch(`${base}/login`)
        .then(async (r) => (await r.arrayBuffer(), r.status === 200))
        .catch(() => false);
      if (ok) break;
      if (Date.now() > until) throw new Error(`no 200 from ${base}/login after 240 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const fixtures = JSON.parse(readFileSync(path.resolve(".cache", opts.name, "fixtures.json"), "utf8")) as E2eFixtures;
    return { base, fixtures, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
