// Close-out (afslutning): after an admin closes a pool, the database refuses every write to
// the pool's data with SQLSTATE PP403 (db/migrations/0015_pool_close_guard.sql). This is the
// one place the app recognises that refusal and says it in Danish (docs/decisions/026).

export const POOL_CLOSED_SQLSTATE = "PP403";

export const POOL_CLOSED_MESSAGE =
  "Puljen er afsluttet, og alt i den er nu skrivebeskyttet. Du kan stadig se og eksportere data, men intet kan ændres.";

/** Is this (or anything in its cause chain) the database's closed-pool refusal? Both drivers and drizzle's wrapper. */
export function isPoolClosedError(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; depth < 5 && e && typeof e === "object"; depth++) {
    if ((e as { code?: unknown }).code === POOL_CLOSED_SQLSTATE) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
