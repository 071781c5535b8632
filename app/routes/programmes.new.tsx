// Ministry: a new advisory programme for a grant, planned from a template, with advisors
// from the two agencies and focus areas. `?grantId=` preselects the grant.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { NewProgrammeForm } from "~/components/programmes/new-programme-form";
import { getDb } from "~/db.server";
import { createProgramme } from "~/domain/programmes/commands.server";
import { THEME_LABELS, type Theme } from "~/domain/programmes/programme-constants";
import { createProgrammeSchema } from "~/domain/programmes/programme-schemas";
import { newProgrammeOptions } from "~/domain/programmes/queries.server";
import { commandFailure } from "~/utils/command-response.server";
import { formDataToObject, parseForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "Opret rådgivningsforløb · Puljeportal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "programme:create");
  const options = await newProgrammeOptions(await getDb());
  const grantId = new URL(request.url).searchParams.get("grantId") ?? "";
  const sbst = options.agencies.find((a) => a.name.startsWith("Social"));
  const ast = options.agencies.find((a) => a.name.startsWith("Ankestyrelsen"));
  return {
    ...options,
    advisors: options.advisors.map((a) => ({ id: a.id, name: a.name, agency: a.agency })),
    focusAreas: options.focusAreas.map((f) => ({ id: f.id, name: f.name, themes: f.themes.map((t) => THEME_LABELS[t as Theme] ?? t).join(", ") })),
    values: {
      grantId: options.grants.some((g) => String(g.id) === grantId) ? grantId : "",
      templateId: String(options.templates[0]?.id ?? ""),
      leadAgencyId: String(sbst?.id ?? ""),
      partnerAgencyId: String(ast?.id ?? ""),
      intensity: "medium",
    },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "programme:create");
  const formData = await request.formData();
  const parsed = parseForm(formData, createProgrammeSchema);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const result = await createProgramme(await getDb(), actor, parsed.data);
  if (!result.ok) return commandFailure(result, formDataToObject(formData));
  throw redirect(`/programmes/${result.value.id}?oprettet=1`);
}

export default function NewProgramme() {
  const d = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  return (
    <>
      <Breadcrumbs trail={[{ to: "/programmes", label: "Rådgivningsforløb" }]} current="Opret forløb" />
      <h1>Opret rådgivningsforløb</h1>
      {d.grants.length === 0 ? (
        <p>Alle tilsagn har allerede et rådgivningsforløb.</p>
      ) : (
        <div className="pp-narrow">
          <NewProgrammeForm data={d} failure={failure && !failure.ok ? failure : undefined} />
        </div>
      )}
    </>
  );
}
