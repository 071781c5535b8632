// Resource route: the application as a PDF, for everyone who may see it.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { found, requireActor } from "~/auth/guards.server";
import { idParam } from "~/utils/params.server";
import { getDb } from "~/db.server";
import { renderApplicationPdf } from "~/domain/applications/application-pdf.server";
import { getApplication, referenceNumber } from "~/domain/applications/applications.server";
import { audienceOf } from "~/policy/permissions";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const id = idParam(params.applicationId);
  const d = found(await getApplication(await getDb(), actor, id));
  const reference = referenceNumber(d.application);
  const body = await renderApplicationPdf({ ...d, reference, audience: audienceOf(actor) });
  return new Response(body, {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(body.byteLength),
      "Content-Disposition": `inline; filename="ansoegning-${reference}.pdf"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
