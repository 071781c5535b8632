// The whole document is rendered before the response starts (onAllReady) and sent
// as one buffer: nothing here is deferred, so streaming buys nothing, and single
// fetch's data stream must be inside the HTML for the page to hydrate — which
// renderToString cannot do (it never resolves the Suspense around that stream).
// See docs/decisions/002-serving.md. A signed-out /login is rendered once per loader result
// and given a fresh nonce per response (shared-document.server.ts, decision 036).
import { Writable } from "node:stream";
import type { EntryContext, HandleErrorFunction } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { currentRequestId } from "~/utils/request-context.server";
import { securityHeaders } from "~/utils/security-headers.server";
import { NonceProvider } from "~/utils/nonce";
import { createSharedDocuments, newNonce, sharedDocumentKey } from "~/utils/shared-document.server";

export { startBackgroundJobs, shutdown } from "~/jobs.server";
export { requestContext } from "~/utils/request-context.server";
export { databaseReachable } from "~/db.server";
// Only for scripts/e2e-server.ts's test channel (E2E_TEST_CHANNEL): the server's own handle,
// since an embedded database has one owner.
export { getDb as databaseForTestChannel } from "~/db.server";
export { checkStartup } from "~/startup.server";

const RENDER_TIMEOUT_MS = 10_000;

// Log real errors with the request id; an unknown URL (404) or an aborted request is not one.
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  if (error && typeof error === "object" && "status" in error && (error as { status: number }).status === 404) return;
  console.error(`[${currentRequestId()}]`, error);
};

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  const nonce = newNonce();
  const respond = (body: Buffer<ArrayBuffer>, status: number) => documentResponse(body, status, responseHeaders, nonce);
  const { loaderData, actionData, errors } = remixContext.staticHandlerContext;
  const key = sharedDocumentKey(request, { statusCode: responseStatusCode, loaderData, actionData, errors, version: remixContext.manifest.version });
  if (key) {
    const html = await sharedDocuments.get(key, nonce, async (placeholder) => {
      const done = await renderDocument(request, responseStatusCode, remixContext, placeholder);
      return done.status === 200 ? done.body : null;
    });
    if (html !== null) return respond(html, responseStatusCode);
  }
  const done = await renderDocument(request, responseStatusCode, remixContext, nonce);
  return respond(done.body, done.status);
}

// Signed-out /login documents, rendered once per loader result (app/utils/shared-document.server.ts).
const sharedDocuments = createSharedDocuments();

function documentResponse(body: Buffer<ArrayBuffer>, status: number, headers: Headers, nonce: string) {
  headers.set("Content-Type", "text/html; charset=utf-8");
  // The document is complete: with its length node sends it without chunked encoding, so
  // the response is one write, not the body and then a separate end-of-chunks write.
  headers.set("Content-Length", String(body.byteLength));
  for (const [k, v] of securityHeaders(nonce)) headers.set(k, v);
  return new Response(body, { status, headers });
}

/**
 * What handleRequest answers a GET whose loaders returned `loaderData` (plain data: no
 * headers, status 200, no action, no error), if that document was rendered already by a full
 * run; else null. For the server's fast path, which skips Remix's handler (decision 040).
 */
export function sharedDocumentResponse(request: Request, loaderData: Record<string, unknown>, version: string): Response | null {
  const key = sharedDocumentKey(request, { statusCode: 200, loaderData, actionData: null, errors: null, version });
  if (!key) return null;
  const nonce = newNonce();
  const html = sharedDocuments.rendered(key, nonce);
  // Remix's document headers for routes without a `headers` export and loaders without headers: none.
  return html && documentResponse(html, 200, new Headers(), nonce);
}

function renderDocument(request: Request, responseStatusCode: number, remixContext: EntryContext, nonce: string) {
  return new Promise<{ body: Buffer<ArrayBuffer>; status: number }>((resolve, reject) => {
    let status = responseStatusCode;
    // Cleared as soon as the document is done: a pending timer holds this render (its tree,
    // its chunks) for 11 s after the response left, which under load is hundreds of renders
    // kept from the garbage collector, and its late abort() ends a finished stream (an error).
    let abortRender = () => {};
    const timer = setTimeout(() => abortRender(), RENDER_TIMEOUT_MS + 1000).unref();
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} nonce={nonce} abortDelay={RENDER_TIMEOUT_MS} />
      </NonceProvider>,
      {
        nonce,
        onAllReady() {
          const chunks: Buffer[] = [];
          const sink = new Writable({
            write(chunk: Buffer, _encoding, done) {
              chunks.push(chunk);
              done();
            },
            final(done) {
              clearTimeout(timer);
              resolve({ body: Buffer.concat(chunks), status });
              done();
            },
          });
          pipe(sink);
        },
        onShellError(error) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error) {
          status = 500;
          console.error(`[${currentRequestId()}]`, error);
        },
      },
    );
    abortRender = abort;
  });
}
