// A signed-out visitor's /login is the same document for everyone: rendering it again for
// each request was most of that page's CPU (react-dom ~30 % of a loaded server's samples).
// The loaders still run for every request; only React's render of the same result is shared.
// The render is done with a placeholder nonce, and each response gets its own fresh nonce
// put in the placeholder's places, so the CSP nonce stays unique per response.
// Decision 036.
import { randomBytes } from "node:crypto";

/** The pages a signed-out visitor may share a rendered document for. */
export const SHARED_DOCUMENT_PATHS = new Set(["/login"]);
const MAX_ENTRIES = 16;

export type RenderInput = {
  statusCode: number;
  loaderData: Record<string, unknown>;
  actionData: unknown;
  errors: unknown;
  /** The build's manifest version: a new build (dev) never reuses an old render. */
  version: string;
};

/**
 * The cache key for this render, or null when it must be rendered for this request alone:
 * only a GET of an allowed path with no query and no Cookie header (a cookie can be a
 * session, a query changes the page), answered 200 with no action and no error. The key
 * holds everything else the document is made from: the loader data (the root's test clock,
 * the route's providers) and the build.
 */
export function sharedDocumentKey(request: Request, input: RenderInput): string | null {
  if (request.method !== "GET" || request.headers.has("cookie")) return null;
  const url = new URL(request.url);
  if (url.search !== "" || !SHARED_DOCUMENT_PATHS.has(url.pathname)) return null;
  if (input.statusCode !== 200 || input.actionData != null || input.errors != null) return null;
  try {
    return `${input.version}\n${url.pathname}\n${JSON.stringify(input.loaderData)}`;
  } catch {
    return null;
  }
}

export function newNonce() {
  return randomBytes(16).toString("base64");
}

/** Rendered documents split at their nonce, by key. */
export function createSharedDocuments() {
  // One placeholder per process: 128 random bits in the same base64 alphabet and length as a
  // real nonce, so it is escaped exactly like one and occurs nowhere else in the document.
  const placeholder = newNonce();
  const marker = Buffer.from(placeholder);
  const documents = new Map<string, Buffer[]>();
  let renders = 0;
  return {
    placeholder,
    /** The document for `key` with `nonce` in it, rendering it (with the placeholder) if not kept yet. */
    async get(key: string, nonce: string, render: (nonce: string) => Promise<Buffer<ArrayBuffer> | null>): Promise<Buffer<ArrayBuffer> | null> {
      let parts = documents.get(key);
      if (!parts) {
        renders++;
        const html = await render(placeholder);
        // A render that failed (an error during it) is not kept; the caller renders on its own.
        if (html === null) return null;
        parts = split(html, marker);
        if (documents.size >= MAX_ENTRIES) documents.clear();
        documents.set(key, parts);
      }
      return join(parts, nonce);
    },
    /**
     * The document for `key` with `nonce` in it if it was rendered already, else null (never
     * renders): the server's fast path (decision 040) only serves what a full Remix run made.
     */
    rendered(key: string, nonce: string): Buffer<ArrayBuffer> | null {
      const parts = documents.get(key);
      return parts ? join(parts, nonce) : null;
    },
    /** How many renders were made (for tests). */
    renders: () => renders,
  };
}

function join(parts: Buffer[], nonce: string): Buffer<ArrayBuffer> {
  const between = Buffer.from(nonce);
  return Buffer.concat(parts.flatMap((part, i) => (i === 0 ? [part] : [between, part])));
}

/** `html` cut at every `marker` (an ASCII string, so cutting bytes cuts no character). */
function split(html: Buffer, marker: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = html.indexOf(marker); at !== -1; at = html.indexOf(marker, from)) {
    parts.push(Buffer.from(html.subarray(from, at)));
    from = at + marker.length;
  }
  parts.push(Buffer.from(html.subarray(from)));
  return parts;
}
