// renderToString, not streaming: nothing here is deferred, and on this hardware
// the string path serves about twice the requests (docs/decisions/002-serving.md).
import { randomBytes } from "node:crypto";
import type { EntryContext, HandleErrorFunction } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { currentRequestId } from "~/utils/request-context.server";
import { securityHeaders } from "~/utils/security-headers.server";
import { NonceProvider } from "~/utils/nonce";

export { startBackgroundJobs, shutdown } from "~/jobs.server";
export { requestContext } from "~/utils/request-context.server";

// Log real errors with the request id; an unknown URL (404) or an aborted request is not one.
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  if (error && typeof error === "object" && "status" in error && (error as { status: number }).status === 404) return;
  console.error(`[${currentRequestId()}]`, error);
};

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  const nonce = randomBytes(16).toString("base64");
  const markup = renderToString(
    <NonceProvider value={nonce}>
      <RemixServer context={remixContext} url={request.url} nonce={nonce} />
    </NonceProvider>,
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  for (const [k, v] of securityHeaders(nonce)) responseHeaders.set(k, v);
  return new Response("<!DOCTYPE html>" + markup, {
    status: responseStatusCode,
    headers: responseHeaders,
  });
}
