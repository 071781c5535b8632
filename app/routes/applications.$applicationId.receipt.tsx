// Kvittering after submitting: when it was received, the reference and what happens next.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { found, requireActor } from "~/auth/guards.server";
import { idParam } from "~/utils/params.server";
import { Alert } from "~/components/form";
import { getDb } from "~/db.server";
import { getApplication, referenceNumber } from "~/domain/applications/applications.server";
import { atTime } from "~/utils/dates";
import { formatOre } from "~/utils/money";

export const meta: MetaFunction = () => [{ title: "Kvittering · Puljeportal" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const id = idParam(params.applicationId);
  const d = found(await getApplication(await getDb(), actor, id));
  const a = d.application;
  if (!a.submittedAt) throw redirect(`/applications/${id}`);
  return {
    id,
    reference: referenceNumber(a),
    submittedAt: atTime(a.submittedAt),
    submittedByName: d.submittedByName,
    callTitle: d.call.title,
    municipalityName: d.municipalityName,
    requested: formatOre(a.requestedOre),
    contactEmail: a.contactEmail,
  };
}

export default function Receipt() {
  const r = useLoaderData<typeof loader>();
  return (
    <div className="pp-narrow">
      <h1>Tak – ansøgningen er modtaget</h1>
      <Alert kind="success" heading={`Referencenummer ${r.reference}`}>
        Ansøgningen fra {r.municipalityName} til „{r.callTitle}“ blev modtaget {r.submittedAt}
        {r.submittedByName ? ` (indsendt af ${r.submittedByName})` : ""}. {/* The amount ends in "kr.": no full stop after it. */}
        Ansøgt beløb: {r.requested}
      </Alert>
      <p>
        Vi har sendt en kvittering med en PDF-kopi af ansøgningen til {r.contactEmail || "kontaktpersonen"} og til dig.
      </p>
      <h2>Hvad sker der nu?</h2>
      <ol>
        <li>Ministeriet kontrollerer, at ansøgningen opfylder de formelle krav (formalia).</li>
        <li>Ansøgningerne vurderes ud fra behovsindekset og opslagets kriterier.</li>
        <li>Alle ansøgere får besked om tilsagn eller afslag, når vurderingen er afsluttet.</li>
      </ol>
      <p>Ansøgningen kan ikke længere ændres. Kontakt ministeriet, hvis der er fejl i den; ministeriet kan genåbne den til rettelse.</p>
      <div className="pp-actions">
        <a className="button button-secondary" href={`/applications/${r.id}/pdf`}>
          Hent ansøgningen som PDF
        </a>
        <Link to={`/applications/${r.id}`}>Se ansøgningen</Link>
      </div>
    </div>
  );
}
