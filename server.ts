// Our own HTTP server: Remix through @remix-run/node-fetch-server on node:http,
// static files with cache headers, the front door (server/front-door.ts: security
// headers, request ids, origin check, body limits, Danish refusals), and a graceful
// SIGTERM that stops jobs and closes the database.
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { Readable } from "node:stream";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { createRequestListener } from "@remix-run/node-fetch-server";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { parseEnv } from "./app/env.server";
import { createFrontDoor, page } from "./server/front-door";
import { withClosedPoolGuard } from "./app/utils/closed-pool-guard.server";
import { SHARED_DOCUMENT_PATHS } from "./app/utils/shared-document.server";
import { createSharedDocumentFastPath } from "./server/shared-document-fast-path";

type EntryExtras = {
  startBackgroundJobs: () => Promise<void>;
  shutdown: () => Promise<void>;
  requestContext: import("node:async_hooks").AsyncLocalStorage<{ requestId: string; clientAddress?: string | null }>;
  databaseReachable: () => Promise<boolean>;
  checkStartup: () => Promise<void>;
};

// Generous enough that a 1 MB paste reaches the form validation and gets a Danish message.
const FORM_LIMIT = 2 * 1024 * 1024;
const UPLOAD_LIMIT = 11 * 1024 * 1024;
const clientDir = path.resolve("build/client");
const mime: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".json": "application/json",
  ".map": "application/json",
  ".txt": "text/plain; charset=utf-8",
};
const gzipCache = new Map<string, Buffer>();

export async function startServer(opts: { port?: number; host?: string } = {}) {
  const env = parseEnv(process.env);
  const build = (await import(
    pathToFileURL(path.resolve("build/server/index.js")).href
  )) as ServerBuild;
  const extras = build.entry.module as unknown as EntryExtras;
  const guarded = withClosedPoolGuard(build);
  const handle = createRequestHandler(guarded, env.NODE_ENV === "production" ? "production" : "development");
  // A signed-out GET /login already rendered for its loader data skips Remix's handler (decision 040).
  const sharedDocument = createSharedDocumentFastPath(guarded, SHARED_DOCUMENT_PATHS);
  const production = env.NODE_ENV === "production";

  // What build/client holds at its top level (assets/, favicon.ico, robots.txt …), read once:
  // a page's path (/login, /grants/1) is then passed on without two file system calls.
  const clientTopLevel = new Set(existsSync(clientDir) ? readdirSync(clientDir) : []);

  function serveStatic(request: Request, url: URL): Response | null {
    if (request.method !== "GET" && request.method !== "HEAD") return null;
    if (url.pathname === "/" || url.pathname.includes("..")) return null;
    const slash = url.pathname.indexOf("/", 1);
    if (!clientTopLevel.has(decodeURIComponent(slash === -1 ? url.pathname.slice(1) : url.pathname.slice(1, slash)))) return null;
    const file = path.join(clientDir, decodeURIComponent(url.pathname));
    if (!file.startsWith(clientDir + path.sep) || !existsSync(file)) return null;
    const stat = statSync(file);
    if (!stat.isFile()) return null;
    const ext = path.extname(file);
    const headers = new Headers({ "Content-Type": mime[ext] ?? "application/octet-stream" });
    headers.set(
      "Cache-Control",
      url.pathname.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "public, max-age=3600",
    );
    const compressible = /^(text\/|application\/json|image\/svg)/.test(headers.get("Content-Type")!);
    if (compressible && /\bgzip\b/.test(request.headers.get("accept-encoding") ?? "")) {
      let body = gzipCache.get(file);
      if (!body) {
        body = gzipSync(readFileSyncCached(file));
        gzipCache.set(file, body);
      }
      headers.set("Content-Encoding", "gzip");
      headers.set("Vary", "Accept-Encoding");
      return new Response(request.method === "HEAD" ? null : new Uint8Array(body), { headers });
    }
    headers.set("Content-Length", String(stat.size));
    const stream = Readable.toWeb(createReadStream(file)) as ReadableStream;
    return new Response(request.method === "HEAD" ? null : stream, { headers });
  }

  const frontDoor = createFrontDoor({
    appOrigin: env.APP_ORIGIN,
    formLimit: FORM_LIMIT,
    uploadLimit: UPLOAD_LIMIT,
    trustedProxies: env.TRUSTED_PROXIES,
    hsts: production && env.APP_ORIGIN.startsWith("https:"),
    serveStatic,
    handle: async (request) => (await sharedDocument(request)) ?? handle(request),
    runInContext: (context, work) => extras.requestContext.run(context, work),
    isDatabaseDown: async () => !(await extras.databaseReachable()),
  });
  const listener = createRequestListener(frontDoor, {
    // A request node cannot even turn into a URL (a broken escape) gets a Danish 400 too.
    onError: () => page(400, "Adressen er ugyldig", "Adressen kunne ikke læses. Tjek linket, og prøv igen."),
  });

  await extras.checkStartup();
  const server = http.createServer(listener);
  server.keepAliveTimeout = 65_000;
  const port = opts.port ?? env.PORT;
  const host = opts.host ?? env.HOST;
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  if (env.JOBS === "1") await extras.startBackgroundJobs();

  let closing = false;
  async function close() {
    if (closing) return;
    closing = true;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), 5000).unref();
    });
    await extras.shutdown();
  }
  return { server, close, port: (server.address() as import("node:net").AddressInfo).port };
}

const fileCache = new Map<string, Buffer>();
function readFileSyncCached(file: string) {
  let b = fileCache.get(file);
  if (!b) {
    b = readFileSync(file);
    fileCache.set(file, b);
  }
  return b;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { close, port } = await startServer();
  console.log(`Puljeportal kører på http://localhost:${port}`);
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      console.log(`${signal} modtaget: lukker ned …`);
      close()
        .then(() => process.exit(0))
        .catch((e) => {
          console.error(e);
          process.exit(1);
        });
    });
  }
}
