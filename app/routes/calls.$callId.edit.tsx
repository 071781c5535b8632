import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { found, requirePermission } from "~/auth/guards.server";
import { idParam } from "~/utils/params.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { CallForm } from "~/components/call-form";
import { Alert } from "~/components/form";
import { callFormSchema, callToFormValues, type CallFormValues } from "~/domain/calls/call-schema";
import { updateCall } from "~/domain/calls/commands.server";
import { callFormOptions, getCallForEdit } from "~/domain/calls/queries.server";
import { getDb } from "~/db.server";
import { commandFailure } from "~/utils/command-response.server";
import { formDataToObject, parseForm } from "~/utils/forms.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Redigér ${data?.title ?? "opslag"} · Puljeportal` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "call:manage");
  const db = await getDb();
  const call = found(await getCallForEdit(db, actor, idParam(params.callId)));
  return {
    id: call.id,
    title: call.title,
    status: call.status,
    termsLocked: call.deadlinePassed,
    values: callToFormValues({ ...call, poolId: call.poolId }),
    ...(await callFormOptions(db)),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "call:manage");
  const callId = idParam(params.callId);
  const formData = await request.formData();
  const parsed = parseForm(formData, callFormSchema);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const result = await updateCall(await getDb(), actor, callId, parsed.data);
  if (!result.ok) return commandFailure(result, formDataToObject(formData));
  throw redirect(`/calls/${callId}?saved=1`);
}

export default function EditCall() {
  const { id, title, status, termsLocked, values, pools, municipalities } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = actionData && !actionData.ok ? actionData : undefined;
  return (
    <>
      <Breadcrumbs trail={[{ to: "/calls", label: "Opslag" }, { to: `/calls/${id}`, label: title }]} current="Redigér" />
      <h1>Redigér opslag</h1>
      {status === "published" ? (
        termsLocked ? (
          <Alert kind="warning" heading="Ansøgningsfristen er overskredet">
            Kommunerne har søgt på disse vilkår, så fristen og udgiftskategorierne kan ikke længere ændres.
          </Alert>
        ) : (
          <Alert kind="info" heading="Opslaget er offentliggjort">
            Ændringer kan straks ses af kommunerne. Kategorier, som ansøgninger allerede bruger, kan ikke fjernes.
          </Alert>
        )
      ) : null}
      <CallForm
        values={(failure?.values as CallFormValues | undefined) ?? values}
        serverErrors={failure?.errors}
        pools={pools}
        municipalities={municipalities}
        termsLocked={termsLocked}
        submitLabel="Gem ændringer"
        cancelTo={`/calls/${id}`}
      />
    </>
  );
}
