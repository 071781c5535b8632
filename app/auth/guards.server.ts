// Route guards: every loader and action starts with one of these.
import { redirect } from "@remix-run/node";
import { can, type PermissionCheck } from "~/policy/permissions";
import type { Actor } from "./actor";
import { getActor } from "./session.server";

/** Signed in, or sent to the sign-in page (and back afterwards). */
export async function requireActor(request: Request): Promise<Actor> {
  const actor = await getActor(request);
  if (!actor) {
    const url = new URL(request.url);
    const back = url.pathname + url.search;
    const to = back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`;
    throw redirect(to);
  }
  return actor;
}

export function forbidden(message = "Du har ikke adgang til denne side."): never {
  throw new Response(message, { status: 403, statusText: "Forbidden" });
}

export function notFound(message = "Siden findes ikke."): never {
  throw new Response(message, { status: 404, statusText: "Not Found" });
}

export async function requirePermission(request: Request, permission: PermissionCheck): Promise<Actor> {
  const actor = await requireActor(request);
  if (!can(actor, permission)) forbidden();
  return actor;
}

/** `invariantResponse` from the Epic Stack: 404 unless the value is there. */
export function found<T>(value: T | null | undefined, message?: string): T {
  if (value === null || value === undefined) notFound(message);
  return value;
}
