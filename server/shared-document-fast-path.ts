// A signed-out GET /login answered without Remix's request handler (decision 040). Decision
// 036 made its document a shared render per loader result; what was left per request was
// Remix's handler around it: route matching, the data strategy, the turbo-stream of the
// loader data (inside the shared HTML already), the document headers. Here the same route
// loaders run (same arguments, in the front door's request context), and the entry answers
// from its shared render only when a full run has already rendered the document for exactly
// this loader data; otherwise (first request, a moved test clock, a new build, a loader that
// throws, redirects or returns headers) this gives null and Remix runs as before.
import type { ServerBuild } from "@remix-run/node";

export type SharedDocumentResponse = (request: Request, loaderData: Record<string, unknown>, version: string) => Response | null;

type Route = ServerBuild["routes"][string];

/**
 * The routes a GET of `pathname` matches, root first, when they can be run without Remix:
 * a chain of plain path segments to a leaf route (no index or other child under it, so no
 * other route can match too), every route with a loader and none with a `headers` export
 * (so Remix's document headers are none). Else null: that path always goes through Remix.
 */
export function fastChain(routes: ServerBuild["routes"], pathname: string): Route[] | null {
  const all = Object.values(routes).filter((r): r is Route => r !== undefined);
  const fullPath = (r: Route): string => {
    const parent = r.parentId ? routes[r.parentId] : undefined;
    const own = r.path ?? "";
    const above = parent ? fullPath(parent) : "";
    return own ? `${above.replace(/\/$/, "")}/${own}` : above;
  };
  const leaves = all.filter((r) => !r.index && fullPath(r) === pathname);
  if (leaves.length !== 1) return null;
  const leaf = leaves[0]!;
  if (all.some((r) => r.parentId === leaf.id)) return null;
  const chain: Route[] = [];
  for (let r: Route | undefined = leaf; r; r = r.parentId ? routes[r.parentId] : undefined) chain.unshift(r);
  for (const r of chain) {
    if (!r.module.loader || r.module.headers) return null;
    // Only plain segments: a param, splat or optional segment could match other paths too.
    if (r.path && !/^[a-z0-9-]+(\/[a-z0-9-]+)*$/.test(r.path)) return null;
  }
  return chain[0]?.id === "root" ? chain : null;
}

/** Plain loader data, as Remix keeps it: not a Response, not data() with headers or status, not an error. */
function isPlainData(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function createSharedDocumentFastPath(build: ServerBuild, paths: Iterable<string>) {
  const respond = (build.entry.module as { sharedDocumentResponse?: SharedDocumentResponse }).sharedDocumentResponse;
  const chains = new Map<string, Route[]>();
  for (const p of paths) {
    const chain = fastChain(build.routes, p);
    if (chain) chains.set(p, chain);
  }
  const version = build.assets.version;

  /** The response Remix would give, or null when Remix has to run (then nothing was answered). */
  return async function sharedDocumentFastPath(request: Request): Promise<Response | null> {
    if (!respond || request.method !== "GET" || request.headers.has("cookie")) return null;
    const url = new URL(request.url);
    const chain = url.search === "" ? chains.get(url.pathname) : undefined;
    if (!chain) return null;
    let results: unknown[];
    try {
      // As Remix calls them (server-runtime's callRouteLoader): all at once, no params, an empty load context.
      results = await Promise.all(chain.map((r) => r.module.loader!({ request, params: {}, context: {} })));
    } catch {
      // A thrown redirect or error: Remix runs the loaders again and answers it its own way.
      return null;
    }
    const loaderData: Record<string, unknown> = {};
    for (const [i, r] of chain.entries()) {
      const data = results[i];
      if (!isPlainData(data)) return null;
      loaderData[r.id] = data;
    }
    return respond(request, loaderData, version);
  };
}
