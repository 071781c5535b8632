// One place turns the database's closed-pool refusal (SQLSTATE PP403, raised by the triggers
// of db/migrations/0015) into a Danish 403 for every route: server.ts wraps each route
// module's loader and action with this, so no action needs its own check to be safe. The
// pages still hide and explain the buttons (closedPoolNotice), but the server does not rely on it.
import type { ServerBuild } from "@remix-run/node";
import { isPoolClosedError, POOL_CLOSED_MESSAGE } from "../domain/pools/closed";

export function poolClosedResponse() {
  return new Response(POOL_CLOSED_MESSAGE, { status: 403, statusText: "Forbidden", headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

type Handler = (args: never) => unknown;

export function refusingClosedPoolWrites<F extends Handler | undefined>(fn: F): F {
  if (!fn) return fn;
  const wrapped = async (args: never) => {
    try {
      return await fn(args);
    } catch (error) {
      if (isPoolClosedError(error)) throw poolClosedResponse();
      throw error;
    }
  };
  return wrapped as unknown as F;
}

/** The build with every route's loader and action answering a closed-pool refusal with 403. */
export function withClosedPoolGuard(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    const m = route.module;
    routes[id] = { ...route, module: { ...m, action: refusingClosedPoolWrites(m.action), loader: refusingClosedPoolWrites(m.loader) } };
  }
  return { ...build, routes };
}
