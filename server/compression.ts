// Compress pages and data responses (HTML, Remix's .data turbo-stream, JSON, CSV, SVG) on
// the way out. Streaming stays streaming: every chunk Remix writes is flushed through zlib
// (Z_SYNC_FLUSH) so a page's first bytes are not held back until the end. Downloads that
// are already compressed (PDF, XLSX, DOCX, ZIP) pass untouched. Brotli at a low quality
// costs about what gzip does and saves more; gzip for clients without it.
import { Readable } from "node:stream";
import { brotliCompressSync, constants, createBrotliCompress, createGzip, gzipSync } from "node:zlib";

/**
 * A body of known length up to this size (every page: entry.server sends documents whole,
 * with their length) is compressed in one call, on this thread. The streaming pipeline (web
 * stream → node stream → zlib → web stream, each chunk a trip to the thread pool) cost more
 * than the compression of a page; the thread pool is also where argon2 hashes queue during
 * sign-ins. Bigger or unknown-length bodies (exports, Remix's streamed .data) still stream.
 */
export const ONE_SHOT_MAX = 256 * 1024;

const COMPRESSIBLE = /^(text\/(html|x-script|csv|plain|css|javascript)|application\/(json|javascript)|image\/svg\+xml)/i;

export type Encoding = "br" | "gzip";

/** The encoding to use for an Accept-Encoding header (q=0 means "not this one"). */
export function pickEncoding(acceptEncoding: string | null): Encoding | null {
  if (!acceptEncoding) return null;
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    accepted.set(name!, q ? Number(q.slice(2)) : 1);
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get("*") ?? 0) > 0;
  if (ok("br")) return "br";
  if (ok("gzip")) return "gzip";
  return null;
}

export async function compressResponse(request: Request, response: Response): Promise<Response> {
  if (!response.body || request.method === "HEAD" || response.status === 204 || response.status === 304) return response;
  if (response.headers.has("Content-Encoding")) return response;
  if (!COMPRESSIBLE.test(response.headers.get("Content-Type") ?? "")) return response;
  const length = Number(response.headers.get("Content-Length") ?? NaN);
  if (Number.isFinite(length) && length < 1024) return response;
  const encoding = pickEncoding(request.headers.get("accept-encoding"));
  if (!encoding) return response;

  if (Number.isFinite(length) && length <= ONE_SHOT_MAX) {
    const input = new Uint8Array(await response.arrayBuffer());
    const body =
      encoding === "br"
        ? brotliCompressSync(input, { params: { ...BROTLI_PARAMS, [constants.BROTLI_PARAM_SIZE_HINT]: input.byteLength } })
        : gzipSync(input, { level: GZIP_LEVEL });
    const headers = encodedHeaders(response.headers, encoding);
    headers.set("Content-Length", String(body.byteLength));
    return new Response(new Uint8Array(body.buffer, body.byteOffset, body.byteLength), { status: response.status, statusText: response.statusText, headers });
  }

  const zipper =
    encoding === "br"
      ? createBrotliCompress({
          flush: constants.BROTLI_OPERATION_FLUSH,
          params: BROTLI_PARAMS,
        })
      : createGzip({ flush: constants.Z_SYNC_FLUSH, level: GZIP_LEVEL });
  const source = Readable.fromWeb(response.body as import("node:stream/web").ReadableStream);
  source.on("error", (e) => zipper.destroy(e));
  const body = Readable.toWeb(source.pipe(zipper)) as ReadableStream;

  return new Response(body, { status: response.status, statusText: response.statusText, headers: encodedHeaders(response.headers, encoding) });
}

const BROTLI_PARAMS = { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT };
const GZIP_LEVEL = 6;

function encodedHeaders(original: Headers, encoding: Encoding) {
  const headers = new Headers(original);
  headers.set("Content-Encoding", encoding);
  headers.delete("Content-Length");
  const vary = headers.get("Vary");
  if (!vary || !/accept-encoding/i.test(vary)) headers.set("Vary", vary ? `${vary}, Accept-Encoding` : "Accept-Encoding");
  return headers;
}
