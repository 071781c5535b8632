import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { CallForm } from "~/components/call-form";
import { callFormSchema, emptyCallFormValues, type CallFormValues } from "~/domain/calls/call-schema";
import { createCall } from "~/domain/calls/commands.server";
import { callFormOptions } from "~/domain/calls/queries.server";
import { getDb } from "~/db.server";
import { commandFailure } from "~/utils/command-response.server";
import { formDataToObject, parseForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "Opret opslag · Puljeportal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "call:manage");
  const db = await getDb();
  const { pools, municipalities } = await callFormOptions(db);
  return { pools, municipalities, values: emptyCallFormValues(pools.length === 1 ? pools[0].id : null) };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "call:manage");
  const formData = await request.formData();
  const parsed = parseForm(formData, callFormSchema);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const result = await createCall(await getDb(), actor, parsed.data);
  if (!result.ok) return commandFailure(result, formDataToObject(formData));
  throw redirect(`/calls/${result.value.id}?saved=1`);
}

export default function NewCall() {
  const { pools, municipalities, values } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = actionData && !actionData.ok ? actionData : undefined;
  return (
    <>
      <Breadcrumbs trail={[{ to: "/calls", label: "Opslag" }]} current="Opret opslag" />
      <h1>Opret opslag</h1>
      <p>Opslaget gemmes som kladde. Kommunerne kan først se det, når det er offentliggjort.</p>
      <CallForm
        values={(failure?.values as CallFormValues | undefined) ?? values}
        serverErrors={failure?.errors}
        pools={pools}
        municipalities={municipalities}
        submitLabel="Gem som kladde"
        cancelTo="/calls"
      />
    </>
  );
}
