// The front door over real HTTP: body limits counted as bytes arrive (chunked or
// not), methods, broken URLs and broken multipart refused in Danish with security
// headers, the origin check driven by APP_ORIGIN, X-Forwarded-For only from a
// configured proxy, no-store on app responses, and 503 while the database is down.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createRequestListener } from "@remix-run/node-fetch-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientAddressOf, createFrontDoor } from "../../server/front-door";
import { securityTally } from "../support/security-figures";

const APP_ORIGIN = "https://puljeportal.example";
const LIMIT = 64 * 1024;
let server: http.Server;
let port: number;
let handled = 0;
const originSeen: (string | null)[] = [];
let databaseDown = false;
const seen: { host: string | null; url: string; clientAddress: string; bodyBytes: number }[] = [];

beforeAll(async () => {
  const frontDoor = createFrontDoor({
    appOrigin: APP_ORIGIN,
    formLimit: LIMIT,
    uploadLimit: 2 * LIMIT,
    trustedProxies: ["10.0.0.5"],
    hsts: true,
    runInContext: (context, work) => {
      seen.push({ host: null, url: "", clientAddress: context.clientAddress, bodyBytes: 0 });
      return work();
    },
    handle: async (request) => {
      handled++;
      const record = seen.at(-1)!;
      record.host = request.headers.get("host");
      originSeen.push(request.headers.get("origin"));
      record.url = request.url;
      if (request.method === "POST") record.bodyBytes = (await request.arrayBuffer()).byteLength;
      if (new URL(request.url).pathname === "/boom") return new Response("fejl", { status: 500 });
      return new Response("ok", { headers: { "Content-Type": "text/plain" } });
    },
    isDatabaseDown: async () => databaseDown,
    log: () => {},
  });
  server = http.createServer(createRequestListener(frontDoor));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

// Hostile or malformed requests the front door must refuse; a violation is any other answer.
const figures = securityTally("front-door", "requests", "oversized and chunked bodies, bad methods, broken escapes and multipart, foreign origins");

afterAll(async () => {
  figures.record();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** A raw request; `chunks` are written one by one without Content-Length (chunked). */
function send(opts: { method?: string; path?: string; headers?: Record<string, string>; chunks?: Buffer[]; body?: Buffer }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method: opts.method ?? "GET", path: opts.path ?? "/", headers: opts.headers }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (c: Buffer) => parts.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(parts).toString("utf8") }));
    });
    req.on("error", reject);
    if (opts.body) req.end(opts.body);
    else if (opts.chunks) {
      let i = 0;
      const next = () => {
        if (i === opts.chunks!.length) return void req.end();
        // Stop writing once the server has answered (it refuses early).
        if (!req.writable) return;
        req.write(opts.chunks![i++], next);
      };
      next();
    } else req.end();
  });
}

function expectDanishRefusal(reply: Reply, status: number, heading: RegExp) {
  figures.add(1, reply.status === status && heading.test(reply.body) ? 0 : 1);
  expect(reply.status).toBe(status);
  expect(reply.headers["content-type"]).toMatch(/text\/html/);
  expect(reply.body).toMatch(/<html lang="da">/);
  expect(reply.body).toMatch(heading);
  expect(reply.headers["content-security-policy"]).toMatch(/default-src 'none'/);
  expect(reply.headers["x-frame-options"]).toBe("DENY");
  expect(reply.headers["x-content-type-options"]).toBe("nosniff");
  expect(reply.headers["x-request-id"]).toBeTruthy();
}

const form = { "content-type": "application/x-www-form-urlencoded" };

describe("body limit", () => {
  it("stops a chunked body at the limit with 413 before the app sees it", async () => {
    const before = handled;
    const chunks = Array.from({ length: 40 }, () => Buffer.alloc(8 * 1024, 0x61)); // 320 KB, no Content-Length
    const reply = await send({ method: "POST", path: "/login", headers: { ...form, "transfer-encoding": "chunked" }, chunks });
    expectDanishRefusal(reply, 413, /Det, du sendte, er for stort/);
    expect(handled).toBe(before);
  });

  it("refuses a Content-Length over the limit, and a lying small Content-Length is cut by the count", async () => {
    const big = await send({ method: "POST", path: "/login", headers: { ...form, "content-length": String(LIMIT + 1) }, body: Buffer.alloc(LIMIT + 1, 0x61) });
    expectDanishRefusal(big, 413, /for stort/);
    const before = handled;
    const multipartChunks = Array.from({ length: 20 }, () => Buffer.alloc(16 * 1024, 0x61));
    const upload = await send({ method: "POST", path: "/x", headers: { "content-type": "multipart/form-data; boundary=abc" }, chunks: multipartChunks });
    expectDanishRefusal(upload, 413, /for stort/);
    expect(handled).toBe(before);
  });

  it("lets a chunked body under the limit through, whole", async () => {
    const reply = await send({ method: "POST", path: "/login", headers: form, chunks: [Buffer.from("email=a%40b.dk&"), Buffer.from("password=x")] });
    expect(reply.status).toBe(200);
    expect(seen.at(-1)!.bodyBytes).toBe("email=a%40b.dk&password=x".length);
  });
});

describe("refusals in Danish with security headers", () => {
  it.each(["PUT", "DELETE", "PATCH", "OPTIONS"])("%s gives 405 with Allow", async (method) => {
    const reply = await send({ method, path: "/applications/1" });
    expectDanishRefusal(reply, 405, /Handlingen er ikke tilladt/);
    expect(reply.headers.allow).toBe("GET, HEAD, POST");
  });

  it.each(["/%", "/applications/%E0%A4%A", "/%zz"])("a broken escape %s gives 400", async (path) => {
    expectDanishRefusal(await send({ path }), 400, /Adressen er ugyldig/);
  });

  it("malformed multipart gives 400", async () => {
    const reply = await send({
      method: "POST",
      path: "/applications/1/attachments",
      headers: { "content-type": "multipart/form-data; boundary=xyz" },
      body: Buffer.from("--xyz\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nno end"),
    });
    expectDanishRefusal(reply, 400, /Formularen kunne ikke læses/);
  });
});

describe("origin check", () => {
  it("refuses a post from another origin or site with 403", async () => {
    expectDanishRefusal(await send({ method: "POST", path: "/login", headers: { ...form, origin: "https://evil.example" }, body: Buffer.from("a=1") }), 403, /afvist/);
    expectDanishRefusal(await send({ method: "POST", path: "/login", headers: { ...form, "sec-fetch-site": "cross-site" }, body: Buffer.from("a=1") }), 403, /afvist/);
    expectDanishRefusal(await send({ method: "POST", path: "/login", headers: { ...form, origin: "null" }, body: Buffer.from("a=1") }), 403, /afvist/);
  });

  it("lets the identity provider post the SAML response to the ACS from its own site, and only there", async () => {
    const before = handled;
    const headers = { ...form, origin: "https://nemlog-in.mitid.dk", "sec-fetch-site": "cross-site" };
    expect((await send({ method: "POST", path: "/auth/saml/acs", headers, body: Buffer.from("SAMLResponse=x") })).status).toBe(200);
    expect(handled).toBe(before + 1);
    // Remix's own check (Origin against Host) would answer 500: the app gets no foreign Origin.
    expect(originSeen.at(-1)).toBeNull();
    expectDanishRefusal(await send({ method: "POST", path: "/auth/saml/acs/x", headers, body: Buffer.from("a=1") }), 403, /afvist/);
    expectDanishRefusal(await send({ method: "POST", path: "/auth/saml/login", headers, body: Buffer.from("a=1") }), 403, /afvist/);
  });

  it("accepts APP_ORIGIN behind a proxy that rewrote Host, and hands the app our own host and URL", async () => {
    const reply = await send({
      method: "POST",
      path: "/login?x=1",
      headers: { ...form, origin: APP_ORIGIN, host: "app-internal:3000", "x-forwarded-host": "other.example" },
      body: Buffer.from("a=1"),
    });
    expect(reply.status).toBe(200);
    expect(seen.at(-1)).toMatchObject({ host: "puljeportal.example", url: `${APP_ORIGIN}/login?x=1` });
  });
});

describe("the request Remix sees", () => {
  const door = (handle: (request: Request) => Promise<Response>) =>
    createFrontDoor({
      appOrigin: "http://puljeportal.test",
      formLimit: LIMIT,
      uploadLimit: LIMIT,
      trustedProxies: [],
      hsts: false,
      runInContext: (_context, work) => work(),
      handle,
      log: () => {},
    });
  const ok = () => new Response("ok", { headers: { "Content-Type": "text/plain" } });

  it("a GET already at our origin and Host is passed on as it came (no copy)", async () => {
    const incoming = new Request("http://puljeportal.test/login", { headers: { host: "puljeportal.test", cookie: "a=1" } });
    let got: Request | undefined;
    await door(async (r) => ((got = r), ok()))(incoming);
    expect(got).toBe(incoming);
  });

  it("a GET through a proxy (another Host, or X-Forwarded-Host) still gets our origin and Host", async () => {
    let got: Request | undefined;
    const frontDoor = door(async (r) => ((got = r), ok()));
    await frontDoor(new Request("http://internal:3000/login?x=1", { headers: { host: "internal:3000" } }));
    expect(got!.url).toBe("http://puljeportal.test/login?x=1");
    expect(got!.headers.get("host")).toBe("puljeportal.test");
    const forwarded = new Request("http://puljeportal.test/login", { headers: { host: "puljeportal.test", "x-forwarded-host": "evil.example" } });
    await frontDoor(forwarded);
    expect(got).not.toBe(forwarded);
    expect(got!.headers.get("x-forwarded-host")).toBeNull();
    expect(got!.headers.get("host")).toBe("puljeportal.test");
  });
});

describe("headers on app responses", () => {
  it("adds Cache-Control: no-store unless the app set one, and HSTS", async () => {
    const reply = await send({ path: "/applications" });
    expect(reply.headers["cache-control"]).toBe("no-store");
    expect(reply.headers["strict-transport-security"]).toMatch(/max-age=/);
  });

  it("answers a Danish 503 instead of 500 while the database is down", async () => {
    databaseDown = true;
    try {
      const reply = await send({ path: "/boom" });
      expectDanishRefusal(reply, 503, /midlertidigt utilgængelig/);
      expect(reply.headers["retry-after"]).toBe("30");
    } finally {
      databaseDown = false;
    }
    expect((await send({ path: "/boom" })).status).toBe(500);
  });
});

describe("client address", () => {
  const req = (xff?: string) => new Request("http://x/", { headers: xff ? { "x-forwarded-for": xff } : {} });

  it("ignores X-Forwarded-For unless the connection comes from a configured proxy", () => {
    expect(clientAddressOf(req("1.2.3.4"), "203.0.113.9", [])).toBe("203.0.113.9");
    expect(clientAddressOf(req("1.2.3.4"), "203.0.113.9", ["10.0.0.5"])).toBe("203.0.113.9");
  });

  it("from a trusted proxy takes the entry it added (the last), if it is an IP address", () => {
    expect(clientAddressOf(req("6.6.6.6, 198.51.100.4"), "::ffff:10.0.0.5", ["10.0.0.5"])).toBe("198.51.100.4");
    expect(clientAddressOf(req("2001:db8::1"), "10.0.0.5", ["10.0.0.5"])).toBe("2001:db8::1");
    expect(clientAddressOf(req("not-an-ip"), "10.0.0.5", ["10.0.0.5"])).toBe("10.0.0.5");
    expect(clientAddressOf(req(), "10.0.0.5", ["10.0.0.5"])).toBe("10.0.0.5");
  });

  it("the app sees the connection's address, not a forged header", async () => {
    await send({ path: "/", headers: { "x-forwarded-for": "6.6.6.6" } });
    expect(seen.at(-1)!.clientAddress).toBe("127.0.0.1");
  });
});
