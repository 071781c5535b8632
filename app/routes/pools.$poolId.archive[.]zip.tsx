// GET /pools/:poolId/archive.zip: the pool's archive for close-out (admin only): every
// table as CSV and XLSX, the audit trail, the final report and the letters, streamed while
// it is written. Before the pool is closed the same file is a preview (prøveudtræk).
import { PassThrough, Readable } from "node:stream";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { found, requirePermission } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { ArchiveAborted, archiveFilename, writePoolArchive } from "~/domain/pools/archive.server";
import { loadPoolCloseState } from "~/domain/pools/close-out.server";
import { idParam } from "~/utils/params.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "pool:archive");
  const db = await getDb();
  const pool = found(await loadPoolCloseState(db, idParam(params.poolId)));
  const out = new PassThrough({ highWaterMark: 1 << 20 });
  writePoolArchive(db, pool.id, out, { at: pool.closedAt, byName: pool.closedByName }).catch((error: unknown) => {
    if (!(error instanceof ArchiveAborted)) console.error("pool archive failed", error);
  });
  return new Response(Readable.toWeb(out) as ReadableStream, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${archiveFilename(pool, pool.closedAt !== null)}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
