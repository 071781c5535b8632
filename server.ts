// Our own HTTP server: Remix through @remix-run/node-fetch-server on node:http,
// static files with cache headers, security headers, request ids, body limits,
// and a graceful SIGTERM that stops jobs and closes the database.
import { randomUUID } from "node:crypto";
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { Readable } from "node:stream";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { createRequestListener } from "@remix-run/node-fetch-server";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { parseEnv } from "./app/env.server";

type EntryExtras = {
  startBackgroundJobs: () => Promise<void>;
  shutdown: () => Promise<void>;
  requestContext: import("node:async_hooks").AsyncLocalStorage<{ requestId: string }>;
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
  const handle = createRequestHandler(build, env.NODE_ENV === "production" ? "production" : "development");
  const production = env.NODE_ENV === "production";

  function commonHeaders(headers: Headers, requestId: string) {
    headers.set("X-Request-Id", requestId);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    if (!headers.has("Referrer-Policy")) headers.set("Referrer-Policy", "same-origin");
    headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
    headers.set("Cross-Origin-Opener-Policy", "same-origin");
    if (production && env.APP_ORIGIN.startsWith("https:")) {
      headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
  }

  function serveStatic(request: Request, url: URL): Response | null {
    if (request.method !== "GET" && request.method !== "HEAD") return null;
    if (url.pathname === "/" || url.pathname.includes("..")) return null;
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

  // Non-GET requests must come from our own pages (CSRF defence beside SameSite=Lax).
  function crossSite(request: Request, url: URL) {
    if (request.method === "GET" || request.method === "HEAD") return false;
    const site = request.headers.get("sec-fetch-site");
    if (site && site !== "same-origin" && site !== "none") return true;
    const origin = request.headers.get("origin");
    return origin !== null && origin !== url.origin && origin !== env.APP_ORIGIN;
  }

  function tooLarge(request: Request) {
    const length = Number(request.headers.get("content-length") ?? 0);
    const multipart = (request.headers.get("content-type") ?? "").startsWith("multipart/form-data");
    return length > (multipart ? UPLOAD_LIMIT : FORM_LIMIT);
  }

  const listener = createRequestListener(async (request) => {
    const requestId = randomUUID();
    const url = new URL(request.url);
    let response: Response;
    if (crossSite(request, url)) {
      response = new Response("Forespørgslen kom fra et andet website og er afvist.", { status: 403 });
    } else if (tooLarge(request)) {
      await discardBody(request);
      response = tooLargePage();
    } else {
      response =
        serveStatic(request, url) ??
        (await extras.requestContext.run({ requestId }, async () => {
          try {
            return await handle(request);
          } catch (error) {
            console.error(`[${requestId}]`, error);
            return new Response("Der opstod en fejl.", { status: 500 });
          }
        }));
    }
    commonHeaders(response.headers, requestId);
    return response;
  });

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

// Answered from Content-Length alone, before the body is read: a Danish page, not a stack trace.
function tooLargePage() {
  const html = `<!DOCTYPE html><html lang="da"><head><meta charset="utf-8"><title>For stor fil · Puljeportal</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 3em auto; padding: 0 1em">
<h1>Det, du sendte, er for stort</h1>
<p>En vedhæftet fil må højst fylde 10 MB, og en formular højst 2 MB. Intet er gemt.</p>
<p>Gå tilbage med browserens tilbageknap, og vælg en mindre fil eller kortere tekst.</p>
<p><a href="/">Gå til forsiden</a></p></body></html>`;
  return new Response(html, { status: 413, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

// Read and drop the body (never stored) so the browser, still uploading, gets the
// page instead of a reset connection; past a hard cap the upload is cut off.
async function discardBody(request: Request, cap = 64 * 1024 * 1024) {
  if (!request.body) return;
  const reader = request.body.getReader();
  let seen = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    seen += value.byteLength;
    if (seen > cap) return void (await reader.cancel());
  }
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
