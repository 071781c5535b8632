// Resource route: a stored decision letter of a grant (the award letter as it was sent),
// for the ministry and the grant's own municipality (scope in the SQL; 404 otherwise).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { found, requirePermission } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { grantLetterFile } from "~/domain/grants/letters/letters.server";
import { letterResponse } from "~/utils/pdf-response.server";
import { idParam } from "~/utils/params.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "grant:read");
  const letter = found(await grantLetterFile(await getDb(), actor, idParam(params.grantId), idParam(params.letterId)));
  return letterResponse(letter);
}
