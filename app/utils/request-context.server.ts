// Per-request values (request id, client address, the signed-in user once looked up)
// without threading them through every call. server.ts enters the context; loaders read it.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

type RequestContext = { requestId: string; clientAddress?: string | null; actor?: Promise<unknown> };
export const requestContext = new AsyncLocalStorage<RequestContext>();

export function currentRequestId() {
  return requestContext.getStore()?.requestId ?? randomUUID();
}

/** The client's address as server.ts decided it (X-Forwarded-For only from a trusted proxy); null outside a request. */
export function currentClientAddress() {
  return requestContext.getStore()?.clientAddress ?? null;
}

/**
 * The value for this request, computed once: the root loader and the route's guard
 * both ask for the signed-in user, and it should cost one query. Only for GET/HEAD:
 * after an action in the same request, loaders must see what the action changed.
 */
export function oncePerRequest<T>(request: Request, compute: () => Promise<T>): Promise<T> {
  const store = requestContext.getStore();
  if (!store || (request.method !== "GET" && request.method !== "HEAD")) return compute();
  store.actor ??= compute();
  return store.actor as Promise<T>;
}
