// Everything a request meets before Remix: the client address, the URL and method,
// our own origin check, a body limit counted as the bytes arrive, and Danish pages
// with security headers for every refusal. Kept apart from server.ts so it can be
// tested over real HTTP without a build.
import { randomUUID } from "node:crypto";
import { isIP } from "node:net";
import type { ClientAddress } from "@remix-run/node-fetch-server";
import { CROSS_SITE_POST_PATHS } from "../app/auth/sso/cross-site";
import { compressResponse } from "./compression";

export type FrontDoorOptions = {
  /** The public origin (APP_ORIGIN): the only one allowed to post, and the URL Remix sees. */
  appOrigin: string;
  formLimit: number;
  uploadLimit: number;
  /** Addresses of reverse proxies whose X-Forwarded-For is believed; empty: never. */
  trustedProxies: string[];
  /** Secure deployments get HSTS. */
  hsts: boolean;
  serveStatic?: (request: Request, url: URL) => Response | null;
  handle: (request: Request) => Promise<Response>;
  /** Runs the handler with the request id and client address in the request context. */
  runInContext: <T>(context: { requestId: string; clientAddress: string }, work: () => Promise<T>) => Promise<T>;
  /** Asked after a failure: is the database unreachable (answer 503, not 500)? */
  isDatabaseDown?: () => Promise<boolean>;
  log?: (message: string, error?: unknown) => void;
};

const ALLOWED_METHODS = ["GET", "HEAD", "POST"];

export function createFrontDoor(opts: FrontDoorOptions) {
  const appOrigin = new URL(opts.appOrigin);
  const log = opts.log ?? ((message, error) => console.error(message, error));

  return async function frontDoor(incoming: Request, client?: ClientAddress): Promise<Response> {
    const requestId = randomUUID();
    const response = await answer(incoming, client, requestId).catch((error: unknown) => {
      log(`[${requestId}]`, error);
      return page(500, "Der opstod en fejl", "Siden kunne ikke vises. Prøv igen om lidt.");
    });
    securityHeaders(response.headers, requestId, opts.hsts);
    return response;
  };

  async function answer(incoming: Request, client: ClientAddress | undefined, requestId: string): Promise<Response> {
    const url = new URL(incoming.url);
    if (!wellFormedPath(url)) return page(400, "Adressen er ugyldig", "Adressen indeholder tegn, der ikke kan læses. Tjek linket, og prøv igen.");
    if (!ALLOWED_METHODS.includes(incoming.method)) {
      const res = page(405, "Handlingen er ikke tilladt", "Siden kan kun hentes eller indsendes fra en formular.");
      res.headers.set("Allow", ALLOWED_METHODS.join(", "));
      return res;
    }
    if (crossSite(incoming)) {
      await discard(incoming.body);
      return page(403, "Forespørgslen er afvist", "Forespørgslen kom fra et andet website og er afvist.");
    }

    let body: Uint8Array | null = null;
    if (incoming.method === "POST") {
      const read = await readLimited(incoming, limitFor(incoming));
      if (read === "too-large") return tooLarge();
      body = read;
      if (isMultipart(incoming) && !(await parsesAsForm(incoming, body))) {
        return page(400, "Formularen kunne ikke læses", "Det sendte kunne ikke læses som en formular. Prøv at sende den igen.");
      }
    }

    const request = asRemixSees(incoming, url, body);

    const clientAddress = clientAddressOf(incoming, client?.address ?? "", opts.trustedProxies);
    const staticFile = opts.serveStatic?.(request, url);
    if (staticFile) return staticFile;
    let response: Response;
    try {
      response = await opts.runInContext({ requestId, clientAddress }, () => opts.handle(request));
    } catch (error) {
      log(`[${requestId}]`, error);
      response = page(500, "Der opstod en fejl", "Siden kunne ikke vises. Prøv igen om lidt.");
    }
    if (response.status >= 500 && opts.isDatabaseDown && (await opts.isDatabaseDown().catch(() => true))) {
      const down = page(503, "Puljeportal er midlertidigt utilgængelig", "Vi kan ikke nå databasen lige nu. Prøv igen om et par minutter. Det, du evt. lige har sendt, er ikke gemt.");
      down.headers.set("Retry-After", "30");
      return down;
    }
    // Pages and data for a signed-in user must not be kept by a browser or proxy cache.
    if (!response.headers.has("Cache-Control")) response.headers.set("Cache-Control", "no-store");
    return compressResponse(request, response);
  }

  /**
   * Remix sees our public origin as URL and Host, whatever a proxy did to them: its own
   * Host/Origin comparison (500 behind a proxy) then agrees with the check above. A GET or
   * HEAD that already has them (no proxy in front, or one that keeps Host) is passed on as
   * it came: copying its headers into a new Request was per-request work for nothing.
   */
  function asRemixSees(incoming: Request, url: URL, body: Uint8Array | null) {
    if (
      incoming.method !== "POST" &&
      url.origin === appOrigin.origin &&
      incoming.headers.get("host") === appOrigin.host &&
      !incoming.headers.has("x-forwarded-host")
    ) {
      return incoming;
    }
    const headers = new Headers(incoming.headers);
    headers.set("host", appOrigin.host);
    headers.delete("x-forwarded-host");
    // Remix refuses an action whose Origin is not its host; the ACS is let through above on purpose.
    if (CROSS_SITE_POST_PATHS.has(url.pathname)) headers.delete("origin");
    return new Request(new URL(url.pathname + url.search, appOrigin), {
      method: incoming.method,
      headers,
      body: body && incoming.method === "POST" ? new Uint8Array(body) : undefined,
      signal: incoming.signal,
    });
  }

  function crossSite(request: Request) {
    if (request.method === "GET" || request.method === "HEAD") return false;
    if (CROSS_SITE_POST_PATHS.has(new URL(request.url).pathname)) return false;
    const site = request.headers.get("sec-fetch-site");
    if (site && site !== "same-origin" && site !== "none") return true;
    const origin = request.headers.get("origin");
    return origin !== null && origin !== appOrigin.origin;
  }

  function limitFor(request: Request) {
    return isMultipart(request) ? opts.uploadLimit : opts.formLimit;
  }
}

function isMultipart(request: Request) {
  return (request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data");
}

/** "/%" and other broken escapes would make Remix answer 500 in English. */
function wellFormedPath(url: URL) {
  try {
    decodeURIComponent(url.pathname);
    return true;
  } catch {
    return false;
  }
}

/**
 * The body, counted as it streams in: Content-Length is a claim, and a chunked
 * request has none. Past the limit the rest is read and dropped (up to a cap), so a
 * browser still uploading gets the Danish page instead of a reset connection.
 */
export async function readLimited(request: Request, limit: number): Promise<Uint8Array | "too-large"> {
  const claimed = Number(request.headers.get("content-length") ?? 0);
  if (claimed > limit) {
    await discard(request.body);
    return "too-large";
  }
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      chunks.length = 0;
      await discardReader(reader, size);
      return "too-large";
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

async function discard(body: ReadableStream<Uint8Array> | null) {
  if (body) await discardReader(body.getReader(), 0);
}

const DISCARD_CAP = 64 * 1024 * 1024;
async function discardReader(reader: ReadableStreamDefaultReader<Uint8Array>, seen: number) {
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      seen += value.byteLength;
      if (seen > DISCARD_CAP) return void (await reader.cancel());
    }
  } catch {
    // The client went away: nothing left to drop.
  }
}

async function parsesAsForm(request: Request, body: Uint8Array) {
  try {
    await new Request("http://check.invalid/", { method: "POST", headers: { "content-type": request.headers.get("content-type")! }, body: new Uint8Array(body) }).formData();
    return true;
  } catch {
    return false;
  }
}

/**
 * X-Forwarded-For is anyone's to write. It is believed only when the connection
 * comes from a configured proxy, and then only its last entry (the one that proxy
 * added), and only if that is an IP address.
 */
export function clientAddressOf(request: Request, peer: string, trustedProxies: string[]) {
  const peerAddress = peer.replace(/^::ffff:/, "");
  if (!trustedProxies.includes(peerAddress)) return peerAddress;
  const forwarded = (request.headers.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim());
  const last = forwarded.at(-1) ?? "";
  return isIP(last) ? last : peerAddress;
}

function securityHeaders(headers: Headers, requestId: string, hsts: boolean) {
  headers.set("X-Request-Id", requestId);
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("X-Frame-Options", "DENY");
  if (!headers.has("Referrer-Policy")) headers.set("Referrer-Policy", "same-origin");
  if (!headers.has("Content-Security-Policy")) {
    headers.set("Content-Security-Policy", "default-src 'none'; img-src 'self'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
  }
  headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
  headers.set("Cross-Origin-Opener-Policy", "same-origin");
  if (hsts) headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
}

function tooLarge() {
  const res = page(
    413,
    "Det, du sendte, er for stort",
    "En vedhæftet fil må højst fylde 10 MB, og en formular højst 2 MB. Intet er gemt. Gå tilbage med browserens tilbageknap, og vælg en mindre fil eller kortere tekst.",
  );
  res.headers.set("Connection", "close");
  return res;
}

/** A small Danish page for answers given before (or instead of) the app. */
export function page(status: number, heading: string, text: string) {
  const html = `<!DOCTYPE html><html lang="da"><head><meta charset="utf-8"><title>${heading} · Puljeportal</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>${heading}</h1><p>${text}</p><p><a href="/">Gå til forsiden</a></p></main></body></html>`;
  return new Response(html, { status, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
}
