import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { compressResponse, ONE_SHOT_MAX, pickEncoding } from "../../server/compression";

const html = "<!DOCTYPE html><html><body>" + "<p>Børnene Først – Barnets Lov</p>".repeat(200) + "</body></html>";
const req = (acceptEncoding?: string, method = "GET") =>
  new Request("http://localhost/x", { method, headers: acceptEncoding ? { "accept-encoding": acceptEncoding } : {} });
const page = (type = "text/html; charset=utf-8", body: string = html) => new Response(body, { headers: { "Content-Type": type, "Cache-Control": "no-store" } });
const bytes = async (r: Response) => Buffer.from(await r.arrayBuffer());

describe("response compression", () => {
  it("prefers brotli, then gzip, and respects q=0", () => {
    expect(pickEncoding("gzip, deflate, br")).toBe("br");
    expect(pickEncoding("gzip, br;q=0")).toBe("gzip");
    expect(pickEncoding("deflate")).toBeNull();
    expect(pickEncoding("*")).toBe("br");
    expect(pickEncoding("*, br;q=0, gzip;q=0")).toBeNull();
    expect(pickEncoding(null)).toBeNull();
  });

  it("gzips a page for a client that asks, and the body decodes to the page", async () => {
    const r = await compressResponse(req("gzip"), page());
    expect(r.headers.get("Content-Encoding")).toBe("gzip");
    expect(r.headers.get("Vary")).toBe("Accept-Encoding");
    expect(r.headers.get("Cache-Control")).toBe("no-store");
    const body = await bytes(r);
    expect(body.length).toBeLessThan(Buffer.byteLength(html) / 5);
    expect(gunzipSync(body).toString("utf8")).toBe(html);
  });

  it("uses brotli for Remix's .data responses when the client takes it", async () => {
    const r = await compressResponse(req("gzip, br"), page("text/x-script", html));
    expect(r.headers.get("Content-Encoding")).toBe("br");
    expect(brotliDecompressSync(await bytes(r)).toString("utf8")).toBe(html);
  });

  it("keeps a status and other headers", async () => {
    const source = new Response(html, { status: 404, headers: { "Content-Type": "text/html", "X-Request-Id": "abc", Vary: "Cookie" } });
    const r = await compressResponse(req("gzip"), source);
    expect(r.status).toBe(404);
    expect(r.headers.get("X-Request-Id")).toBe("abc");
    expect(r.headers.get("Vary")).toBe("Cookie, Accept-Encoding");
  });

  it("leaves alone: no Accept-Encoding, HEAD, PDFs and XLSX, tiny bodies, already encoded", async () => {
    const same = async (request: Request, response: Response) => expect(await compressResponse(request, response)).toBe(response);
    await same(req(), page());
    await same(req("gzip", "HEAD"), new Response(null, { headers: { "Content-Type": "text/html" } }));
    await same(req("gzip"), page("application/pdf"));
    await same(req("gzip"), page("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
    await same(req("gzip"), new Response("kort", { headers: { "Content-Type": "text/html", "Content-Length": "4" } }));
    await same(req("gzip"), new Response(html, { headers: { "Content-Type": "text/html", "Content-Encoding": "gzip" } }));
  });

  it("a whole body of known length (every page) is compressed in one go and sent with its compressed length", async () => {
    for (const [encoding, decode] of [
      ["br", brotliDecompressSync],
      ["gzip", gunzipSync],
    ] as const) {
      const source = new Response(html, { status: 404, headers: { "Content-Type": "text/html; charset=utf-8", "Content-Length": String(Buffer.byteLength(html)), "X-Request-Id": "abc" } });
      const r = await compressResponse(req(encoding), source);
      expect(r.headers.get("Content-Encoding")).toBe(encoding);
      expect(r.headers.get("Vary")).toBe("Accept-Encoding");
      expect(r.headers.get("X-Request-Id")).toBe("abc");
      expect(r.status).toBe(404);
      const body = await bytes(r);
      expect(Number(r.headers.get("Content-Length"))).toBe(body.length);
      expect(decode(body).toString("utf8")).toBe(html);
    }
    // Past the one-go size, or of unknown length, it streams (and has no length).
    const big = "x".repeat(ONE_SHOT_MAX + 1);
    const streamed = await compressResponse(req("gzip"), new Response(big, { headers: { "Content-Type": "text/plain", "Content-Length": String(big.length) } }));
    expect(streamed.headers.get("Content-Length")).toBeNull();
    expect(gunzipSync(await bytes(streamed)).toString()).toBe(big);
    expect((await compressResponse(req("gzip"), page())).headers.get("Content-Length")).toBeNull();
  });

  it("flushes each chunk, so a streamed page's head arrives before its end", async () => {
    let push!: (s: string) => void;
    let end!: () => void;
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        push = (s) => c.enqueue(new TextEncoder().encode(s));
        end = () => c.close();
      },
    });
    const r = await compressResponse(req("gzip"), new Response(stream, { headers: { "Content-Type": "text/html" } }));
    const reader = r.body!.getReader();
    push("<!DOCTYPE html><html><head><title>Først</title></head>");
    const first = await reader.read();
    // A sync-flushed gzip prefix decodes to everything written so far.
    const { inflateRawSync } = await import("node:zlib");
    expect(inflateRawSync(Buffer.from(first.value!).subarray(10), { finishFlush: 2 }).toString()).toContain("<title>Først</title>");
    end();
    while (!(await reader.read()).done);
  });
});
