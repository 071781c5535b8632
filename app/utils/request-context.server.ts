// Per-request values (request id) without threading them through every call.
// server.ts enters the context; loaders and commands read it.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

type RequestContext = { requestId: string };
export const requestContext = new AsyncLocalStorage<RequestContext>();

export function currentRequestId() {
  return requestContext.getStore()?.requestId ?? randomUUID();
}
