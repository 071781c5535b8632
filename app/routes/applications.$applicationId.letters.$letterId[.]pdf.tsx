// Resource route: a stored decision letter of an application (award or rejection), for
// the ministry and the application's own municipality (scope in the SQL; 404 otherwise).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { found, requirePermission } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { applicationLetterFile } from "~/domain/grants/letters/letters.server";
import { letterResponse } from "~/utils/pdf-response.server";
import { idParam } from "~/utils/params.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "application:read");
  const letter = found(await applicationLetterFile(await getDb(), actor, idParam(params.applicationId), idParam(params.letterId)));
  return letterResponse(letter);
}
