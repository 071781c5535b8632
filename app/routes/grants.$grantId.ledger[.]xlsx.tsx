// GET /grants/:grantId/ledger.xlsx: the grant's ledger with running balances as a
// spreadsheet, for everyone who may see the grant (scope in the SQL).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { found, requirePermission } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { buildLedgerXlsx, ledgerFilename } from "~/domain/accounts/ledger-export.server";
import { getGrant } from "~/domain/grants/queries.server";
import { idParam } from "~/utils/params.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "grant:read");
  const g = found(await getGrant(await getDb(), actor, idParam(params.grantId)));
  const body = await buildLedgerXlsx(`Posteringer · tilsagn til ${g.municipalityOfficialName} · ${g.callTitle}`, g.ledger);
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${ledgerFilename(g.grant.id, g.municipalityName)}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
