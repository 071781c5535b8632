// A CSV template with all 98 municipalities (and the current values, if any), in the
// format the import reads: semicolon-separated, decimal comma, UTF-8 with BOM for Excel.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { found, requirePermission } from "~/auth/guards.server";
import { idParam } from "~/utils/params.server";
import { getCallFor, listMunicipalities } from "~/domain/calls/queries.server";
import { needIndexValues } from "~/domain/calls/need-index.server";
import { getDb } from "~/db.server";
import { formatNeedIndex } from "~/domain/assessment/scoring";
import { codeCell, toCsv } from "~/utils/csv";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "call:manage");
  const db = await getDb();
  const call = found(await getCallFor(db, actor, idParam(params.callId)));
  const [municipalities, current] = await Promise.all([listMunicipalities(db), needIndexValues(db, call.id)]);
  const rows = [...municipalities]
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((m) => {
      const entry = current.get(m.code);
      return [codeCell(m.code), m.name, entry ? formatNeedIndex(entry.value) : "", entry?.note ?? ""];
    });
  const body = toCsv([["kommunekode", "kommune", "indeks", "note"], ...rows], { bom: true });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="behovsindeks-opslag-${call.id}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
