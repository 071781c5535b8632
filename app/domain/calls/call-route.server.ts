// What the call pages' loaders and actions share: the call id from the URL, and the
// choices the call form offers (new and edit).
import type { Executor } from "#db/client";
import { found } from "~/auth/guards.server";
import { parseId } from "~/domain/applications/applications.server";
import { listMunicipalities, listPools } from "./calls.server";

/** The call id from the URL; anything but a positive whole number is a 404, like an unknown call. */
export function callIdParam(raw: string | undefined): number {
  return found(parseId(raw));
}

/** The pools and municipalities the call form lets the caseworker choose from. */
export async function callFormOptions(db: Executor) {
  const [pools, municipalities] = await Promise.all([listPools(db), listMunicipalities(db)]);
  return { pools, municipalities };
}
