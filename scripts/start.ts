// npm start: build when needed, migrate, seed an empty database (demo data unless
// NODE_ENV=production), then serve the production build and print how to sign in.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseEnv, type Env } from "../app/env.server";
import { DEMO_PASSWORD, demoLogins } from "../db/seed/demo-content";
import { refuseDemoUsersInProduction } from "../app/auth/demo-users.server";
import { startBanner } from "./lib/banner";
import { ensureBuild } from "./lib/build";
import { SERVER_ENTRY, SERVER_NODE_FLAGS } from "./lib/server-entry";
import { countUsers, describeTarget, firstAdminHint, hasDemoUsers, openFromEnv, seedWhenEmpty } from "./lib/database";

const started = performance.now();
const requestedEnv = process.env.NODE_ENV;
const production = requestedEnv === "production";

try {
  await ensureBuild();
  const env = parseEnv(process.env);

  // PGlite allows one process per data dir, and the server opens its own handle:
  // migrate and seed on a short-lived connection that is closed before serving.
  const handle = await openFromEnv(env);
  let showDemo = false;
  let noUsers = false;
  try {
    console.log(`Migrerer ${describeTarget(env)} …`);
    await handle.migrate();
    await seedWhenEmpty(handle.db, { production, log: console.log });
    // Production on a database that once ran the demo: stop here, with the way out.
    await refuseDemoUsersInProduction(handle.db, { NODE_ENV: production ? "production" : "development", DEMO_MODE: "0" });
    showDemo = !production && (await hasDemoUsers(handle.db));
    noUsers = (await countUsers(handle.db)) === 0;
  } finally {
    await handle.close();
  }

  // Serve the production build. A demo run has no SESSION_SECRET: use one kept beside
  // the data, so sign-ins survive a restart without a secret in the repository.
  if (!requestedEnv) {
    process.env.NODE_ENV = "production";
    process.env.DEMO_MODE = "1";
    process.env.SESSION_SECRET ??= localSessionSecret(env);
  }
  // On a PostgreSQL server the app runs as its own plain node process (build/serve.js) with
  // V8's heap limits: under this script's tsx it would carry ~190 MB of loader overhead
  // (scripts/lib/server-entry.ts). The zero-configuration PGlite start stays in this process:
  // a second process would open (and compile) PGlite again, which cost ~4 s of the ≤ 5 s
  // cold-start target (docs/decisions/032-lean-request-path.md).
  const server = env.DATABASE_URL ? await serveInChild() : await serveInProcess();
  const notes = [`Klar efter ${((performance.now() - started) / 1000).toFixed(1)} s.`];
  if (noUsers) notes.push("Der er ingen brugere endnu.", firstAdminHint);
  console.log(
    startBanner({
      url: `http://localhost:${server.port}`,
      logins: showDemo ? demoLogins() : undefined,
      password: DEMO_PASSWORD,
      notes,
    }),
  );

  let stopping = false;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      server.stop(signal);
    });
  }
} catch (error) {
  // A configuration or build problem is explained by its message; anything else needs the stack.
  const known = error instanceof Error && /^(Ugyldig konfiguration|Byggeriet fejlede)/.test(error.message);
  console.error("Puljeportal kunne ikke starte:");
  console.error(known ? (error as Error).message : error);
  process.exit(1);
}

function localSessionSecret(env: Env) {
  const dir = path.dirname(path.resolve(env.DATA_DIR));
  const file = path.join(dir, "session-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret + "\n", { mode: 0o600 });
  return secret;
}

type Served = { port: number; stop: (signal: NodeJS.Signals) => void };

/** The server in this process (PGlite). */
async function serveInProcess(): Promise<Served> {
  const { startServer } = await import("../server");
  const server = await startServer();
  return {
    port: server.port,
    stop(signal) {
      console.log(`\n${signal} modtaget: lukker ned …`);
      server
        .close()
        .then(() => process.exit(0))
        .catch((error) => {
          console.error(error);
          process.exit(1);
        });
    },
  };
}

/**
 * build/serve.js as a child, ready at its "kører på" line; its other output passes through.
 * It shuts itself down gracefully on SIGTERM/SIGINT (server.ts); this process passes the signal
 * on and ends with it (Ctrl-C reaches both; the server's second signal is a no-op).
 */
function serveInChild(): Promise<Served> {
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, SERVER_ENTRY], { stdio: ["ignore", "pipe", "inherit"], env: process.env });
  return new Promise((resolve, reject) => {
    let pending = "";
    let ready = false;
    child.stdout!.on("data", (chunk: Buffer) => {
      if (ready) return void process.stdout.write(chunk);
      pending += chunk.toString("utf8");
      const m = /Puljeportal kører på http:\/\/[^:\s]+:(\d+)\n/.exec(pending);
      if (!m) return;
      ready = true;
      const rest = pending.slice(0, m.index) + pending.slice(m.index + m[0].length);
      if (rest) process.stdout.write(rest);
      resolve({ port: Number(m[1]), stop: (signal) => void (child.exitCode === null && child.kill(signal)) });
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (!ready) return reject(new Error(`Serveren stoppede under opstarten (kode ${code}).`));
      if (code !== 0 && signal === null) console.error(`Serveren stoppede (kode ${code}).`);
      process.exit(code ?? 0);
    });
  });
}
